import Foundation
import HTTPTypes
import Hummingbird
import Mustache

/// Renders the dashboard's Mustache templates (all compiled into the binary, see `Templates/`) inside
/// the shared layout, and turns them into responses with the security headers.
struct PageRenderer: Sendable {
    let library: MustacheLibrary

    /// Parses every template once, at start; a template error is a programming error caught by tests.
    init() throws {
        var library = MustacheLibrary()
        for (name, text) in TemplateCatalog.all {
            try library.register(text, named: name)
        }
        self.library = library
    }

    /// The HTML of template `name` with `data`.
    func html(_ name: String, _ data: [String: Any]) -> String {
        library.render(data, withTemplate: name) ?? "template \(name) missing"
    }
}

/// One page to send: which template, its data, and how to send it.
struct Page {
    var template: String
    var title: String
    var section: NavSection?
    var data: [String: Any] = [:]
    var status: HTTPResponse.Status = .ok
    /// Shows a secret (key, invite link, password): `Cache-Control: no-store`.
    var noStore = false
    var cookies: [Cookie] = []
    var extraHeaders: [(HTTPField.Name, String)] = []
    /// Notices shown above the content: `(kind, text)` with kind `success`, `error` or `info`.
    var notices: [(String, String)] = []

    init(_ template: String, title: String, section: NavSection? = nil, data: [String: Any] = [:]) {
        self.template = template
        self.title = title
        self.section = section
        self.data = data
    }
}

/// The dashboard's sections, in navigation order.
enum NavSection: String, CaseIterable, Sendable {
    case quickStart, inboxes, keys, usage, activity, docs, team

    var label: String {
        switch self {
        case .quickStart: return "Quick start"
        case .inboxes: return "Inboxes"
        case .keys: return "API Keys"
        case .usage: return "Usage"
        case .activity: return "Activity"
        case .docs: return "Docs"
        case .team: return "Team"
        }
    }

    var path: String {
        switch self {
        case .quickStart: return "/"
        case .inboxes: return "/inboxes"
        case .keys: return "/keys"
        case .usage: return "/usage"
        case .activity: return "/activity"
        case .docs: return "/docs"
        case .team: return "/team"
        }
    }
}

extension Page {
    /// The confirmation page before an irreversible action: a danger button posting to `action`.
    static func confirm(title: String, section: NavSection?, heading: String, message: String, action: String,
                        confirmLabel: String, cancel: String) -> Page {
        Page("confirm", title: title, section: section, data: [
            "heading": heading, "message": message, "action": action, "confirmLabel": confirmLabel, "cancel": cancel,
        ])
    }
}

extension PageRenderer {
    /// The full response for `page`, in the layout, for `signedIn` (nil: signed out).
    func response(_ page: Page, signedIn: SignedIn?) -> Response {
        var data = page.data
        data["pageTitle"] = page.title
        data["notices"] = page.notices.map { ["kind": $0.0, "text": $0.1, "role": $0.0 == "error" ? "alert" : "status"] }
        if let signedIn {
            data["signedIn"] = [
                "email": signedIn.user.email,
                "workspaceName": signedIn.workspace.name,
                "plan": signedIn.workspace.plan.rawValue,
                "csrfToken": signedIn.session.csrfToken,
                "nav": NavSection.allCases.map { section -> [String: Any] in
                    ["label": section.label, "href": section.path, "current": section == page.section]
                },
            ] as [String: Any]
        }
        let html = self.html(page.template, data)
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8"]
        SecurityHeaders.apply(to: &headers, noStore: page.noStore)
        for (name, value) in page.extraHeaders { headers[name] = value }
        var response = Response(status: page.status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
        for cookie in page.cookies { response.setCookie(cookie) }
        return response
    }

    /// The error page for `error`.
    func response(_ error: DashboardError, signedIn: SignedIn?) -> Response {
        var page = Page("error", title: error.title, data: ["heading": error.title, "message": error.message])
        page.status = error.status
        return response(page, signedIn: signedIn)
    }
}

/// A `303 See Other` redirect (after a POST, the browser GETs the target) with the security headers.
func redirect(_ location: String, cookies: [Cookie] = []) -> Response {
    var headers: HTTPFields = [.location: location]
    SecurityHeaders.apply(to: &headers, noStore: false)
    var response = Response(status: .seeOther, headers: headers)
    for cookie in cookies { response.setCookie(cookie) }
    return response
}
