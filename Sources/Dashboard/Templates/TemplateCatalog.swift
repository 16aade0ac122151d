/// Every template of the dashboard by name, compiled into the binary (no files, no CDN).
/// Pages extend `layout` with Mustache inheritance: `{{<layout}}{{$content}}…{{/content}}{{/layout}}`.
enum TemplateCatalog {
    static let all: [String: String] = [
        "layout": LayoutTemplates.layout,
        "error": LayoutTemplates.error,
        "confirm": LayoutTemplates.confirm,
        "login": AuthTemplates.login,
        "signup": AuthTemplates.signup,
        "join": AuthTemplates.join,
        "new_password": AuthTemplates.newPassword,
        "inboxes": InboxTemplates.list,
        "inbox_new": InboxTemplates.new,
        "inbox_reconnect": InboxTemplates.reconnect,
        "imap_form": InboxTemplates.imapForm,
        "keys": KeyTemplates.list,
        "key_new": KeyTemplates.new,
        "key_created": KeyTemplates.created,
        "client_snippets": QuickStartTemplates.snippets,
        "quickstart": QuickStartTemplates.page,
        "usage": UsageTemplates.page,
        "activity": ActivityTemplates.page,
        "docs": DocsTemplates.page,
        "team": TeamTemplates.page,
        "invite_created": TeamTemplates.created,
        "account": AccountTemplates.page,
    ]
}
