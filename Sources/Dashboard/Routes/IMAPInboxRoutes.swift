import Accounts
import Foundation
import Hummingbird
import IMAPProvider

/// The IMAP/SMTP form: `POST /inboxes/imap/test` (log in to both servers, save nothing),
/// `POST /inboxes/imap` (verify, then save), `POST /inboxes/:id/reconnect/test`, and the IMAP branch
/// of `POST /inboxes/:id/reconnect`. Failures show the server's own answer.
struct IMAPInboxRoutes {
    let gate: Gate
    var env: DashboardEnvironment { gate.env }

    func register<Context: DashboardRequestContext>(on router: Router<Context>) {
        router.post("/inboxes/imap/test") { request, _ in
            try await gate.action(request) { signedIn, form in try await submit(form, signedIn: signedIn, testOnly: true) }
        }
        router.post("/inboxes/imap") { request, _ in
            try await gate.action(request) { signedIn, form in try await submit(form, signedIn: signedIn, testOnly: false) }
        }
        router.post("/inboxes/:id/reconnect/test") { request, context in
            try await gate.action(request) { signedIn, form in
                let id = try Gate.id(context)
                guard let inbox = try await env.stores.inboxes.get(id: id, workspaceID: signedIn.workspaceID), inbox.provider == .imap else {
                    throw DashboardError.notFound
                }
                return try await reconnect(inbox, form: form, signedIn: signedIn, testOnly: true)
            }
        }
    }

    private func submit(_ form: FormBody, signedIn: SignedIn, testOnly: Bool) async throws -> Response {
        try await handle(IMAPFormValues(form: form), inbox: nil, signedIn: signedIn, testOnly: testOnly)
    }

    /// Tests or saves new settings for an existing IMAP inbox (its address stays).
    func reconnect(_ inbox: Inbox, form: FormBody, signedIn: SignedIn, testOnly: Bool) async throws -> Response {
        var values = IMAPFormValues(form: form)
        values.email = inbox.address
        return try await handle(values, inbox: inbox, signedIn: signedIn, testOnly: testOnly)
    }

    /// Verifies the form; then shows the result (`testOnly`), or saves — a new inbox, or new settings
    /// on `inbox` — and goes back to the list. A failed test is a successful test run (200); a refused
    /// save is an unprocessable form (422).
    private func handle(_ values: IMAPFormValues, inbox: Inbox?, signedIn: SignedIn, testOnly: Bool) async throws -> Response {
        guard let input = values.input else {
            return render(values, signedIn: signedIn, inbox: inbox, result: .invalidPorts, status: .unprocessableContent)
        }
        do {
            if testOnly {
                let (settings, _, verified) = try await IMAPInboxSetup.verify(input, logger: env.logger)
                return render(values, signedIn: signedIn, inbox: inbox, result: .success(settings, verified), status: .ok)
            }
            guard let inbox else {
                let created = try await IMAPInboxSetup.connect(input, workspaceID: signedIn.workspaceID, inboxes: env.stores.inboxes, logger: env.logger)
                return redirect("/inboxes?connected=\(Display.id(created.id))")
            }
            let updated = try await IMAPInboxSetup.reconnect(input, inbox: inbox, inboxes: env.stores.inboxes, logger: env.logger)
            await env.mailboxCache.forget(inboxID: updated.id)
            return redirect("/inboxes?connected=\(Display.id(updated.id))&reconnected=1")
        } catch let error as IMAPAccountError {
            return render(values, signedIn: signedIn, inbox: inbox, result: .failure(error), status: testOnly ? .ok : .unprocessableContent)
        }
    }

    private func render(_ values: IMAPFormValues, signedIn: SignedIn, inbox: Inbox?, result: IMAPFormResult,
                        status: HTTPResponse.Status) -> Response {
        var page = Self.formPage(values, signedIn: signedIn, inbox: inbox, result: result, env: env)
        if inbox == nil { page.data["oauthProviders"] = InboxRoutes.oauthProviders(env) }
        page.status = status
        return env.renderer.response(page, signedIn: signedIn)
    }

    /// The "connect" page (no `inbox`) or the IMAP reconnect page, with the form filled from `values`.
    static func formPage(_ values: IMAPFormValues, signedIn: SignedIn, inbox: Inbox?, result: IMAPFormResult?,
                         env: DashboardEnvironment) -> Page {
        var data: [String: Any] = ["form": values.templateData(lockEmail: inbox != nil)]
        if let result { data["result"] = result.templateData }
        var page: Page
        if let inbox {
            let id = Display.id(inbox.id)
            data["inbox"] = InboxRoutes.row(inbox)
            data["imap"] = true
            data["formAction"] = "/inboxes/\(id)/reconnect"
            data["testAction"] = "/inboxes/\(id)/reconnect/test"
            data["saveLabel"] = "Save and reconnect"
            page = Page("inbox_reconnect", title: "Reconnect inbox", section: .inboxes, data: data)
        } else {
            data["formAction"] = "/inboxes/imap"
            data["testAction"] = "/inboxes/imap/test"
            data["saveLabel"] = "Save inbox"
            page = Page("inbox_new", title: "Connect an inbox", section: .inboxes, data: data)
        }
        page.noStore = true
        return page
    }
}

/// The outcome shown above the IMAP form.
enum IMAPFormResult {
    case success(IMAPAccountSettings, VerifiedAccount)
    case failure(IMAPAccountError)
    case invalidPorts

    var templateData: [String: Any] {
        switch self {
        case .success(let settings, let verified):
            let sent = verified.sentFolder.map { " Sent copies go to “\($0)”." } ?? ""
            return ["kind": "success", "role": "status", "heading": "Connection works.",
                    "text": "IMAP \(settings.imapHost):\(settings.imapPort) and SMTP \(settings.smtpHost):\(settings.smtpPort) accepted the login.\(sent) Choose “Save” to add the inbox."]
        case .failure(let error):
            return ["kind": "error", "role": "alert", "heading": Self.heading(error), "text": error.message]
        case .invalidPorts:
            return ["kind": "error", "role": "alert", "heading": "Check the form.", "text": "Ports must be numbers from 1 to 65535."]
        }
    }

    private static func heading(_ error: IMAPAccountError) -> String {
        switch error.kind {
        case .authFailed: return "The server refused the login. Nothing was saved."
        case .unreachable: return "Could not reach the server. Nothing was saved."
        case .tlsFailure: return "A secure connection could not be set up. Nothing was saved."
        case .timeout: return "The server did not answer in time. Nothing was saved."
        case .invalidSettings: return "Check the settings. Nothing was saved."
        default: return "The connection failed. Nothing was saved."
        }
    }
}

/// The IMAP form's fields as typed (re-shown after a test or an error).
struct IMAPFormValues {
    var email = ""
    var username = ""
    var password = ""
    var imapHost = ""
    var imapPort = "993"
    var imapSecurity = "tls"
    var smtpHost = ""
    var smtpPort = "587"
    var smtpSecurity = "starttls"
    var tlsCA = ""

    static let blank = IMAPFormValues()

    init() {}

    init(form: FormBody) {
        email = form.text("email")
        username = form.text("username")
        password = form["password"] ?? ""
        imapHost = form.text("imap_host")
        imapPort = form.text("imap_port")
        imapSecurity = form.text("imap_security")
        smtpHost = form.text("smtp_host")
        smtpPort = form.text("smtp_port")
        smtpSecurity = form.text("smtp_security")
        tlsCA = form.text("tls_ca")
    }

    /// The stored settings of `inbox` (never its password).
    init(inbox: Inbox) {
        let s = inbox.settings
        email = inbox.address
        username = s[IMAPAccountSettings.Key.username] ?? inbox.address
        imapHost = s[IMAPAccountSettings.Key.imapHost] ?? ""
        imapPort = s[IMAPAccountSettings.Key.imapPort] ?? "993"
        imapSecurity = s[IMAPAccountSettings.Key.imapSecurity] ?? "tls"
        smtpHost = s[IMAPAccountSettings.Key.smtpHost] ?? ""
        smtpPort = s[IMAPAccountSettings.Key.smtpPort] ?? "587"
        smtpSecurity = s[IMAPAccountSettings.Key.smtpSecurity] ?? "starttls"
        tlsCA = s[IMAPAccountSettings.Key.trustedCAPEM] ?? ""
    }

    /// The verifier's input, or `nil` when a port is not a number.
    var input: IMAPInboxInput? {
        guard let imap = Int(imapPort), let smtp = Int(smtpPort) else { return nil }
        return IMAPInboxInput(email: email, username: username, password: password, imapHost: imapHost, imapPort: imap,
                              imapSecurity: imapSecurity, smtpHost: smtpHost, smtpPort: smtp, smtpSecurity: smtpSecurity,
                              trustedCAPEM: tlsCA.isEmpty ? nil : tlsCA)
    }

    func templateData(lockEmail: Bool) -> [String: Any] {
        func options(_ selected: String) -> [[String: Any]] {
            [("tls", "TLS (implicit)"), ("starttls", "STARTTLS"), ("none", "None (loopback only)")].map {
                ["value": $0.0, "label": $0.1, "selected": $0.0 == selected]
            }
        }
        return [
            "email": email, "username": username, "password": password, "imapHost": imapHost, "imapPort": imapPort,
            "imapSecurity": options(imapSecurity), "smtpHost": smtpHost, "smtpPort": smtpPort,
            "smtpSecurity": options(smtpSecurity), "tlsCA": tlsCA, "hasTLSCA": !tlsCA.isEmpty, "lockEmail": lockEmail,
        ]
    }
}
