import Hummingbird
import Metrics
import NIOCore
import Prometheus

/// `GET /healthz` and `GET /metrics` (Prometheus text format).
struct OperationalRoutes {
    let health: @Sendable () async -> Bool

    func register(on router: Router<AppRequestContext>) {
        router.get("/healthz") { _, _ -> Response in
            let ok = await health()
            return Response(status: ok ? .ok : .serviceUnavailable, headers: [.contentType: "text/plain"],
                            body: .init(byteBuffer: ByteBuffer(string: ok ? "ok\n" : "database unavailable\n")))
        }
        router.get("/metrics") { _, _ -> Response in
            let text = MetricsBootstrap.registry.emitToBuffer()
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                            body: .init(byteBuffer: ByteBuffer(bytes: text)))
        }
    }
}

/// Installs the Prometheus metrics backend once per process (swift-metrics allows one bootstrap).
public enum MetricsBootstrap {
    public static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()
}
