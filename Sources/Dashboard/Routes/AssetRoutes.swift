import Hummingbird

/// `GET /assets/dashboard.css` and `GET /assets/dashboard.js`, from string literals in the binary.
struct AssetRoutes {
    func register<Context: DashboardRequestContext>(on router: Router<Context>) {
        router.get("/assets/dashboard.css") { _, _ in Self.asset(Stylesheet.css, type: "text/css; charset=utf-8") }
        router.get("/assets/dashboard.js") { _, _ in Self.asset(CopyScript.javascript, type: "text/javascript; charset=utf-8") }
    }

    static func asset(_ text: String, type: String) -> Response {
        Response(status: .ok, headers: [
            .contentType: type, .cacheControl: "public, max-age=3600",
            .init("x-content-type-options")!: "nosniff",
        ], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
