extension IMAPAccountSettings {
    /// The keys of the inbox `settings` dictionary, e.g. `imap.host`.
    public enum Key {
        /// ``IMAPAccountSettings/email``.
        public static let email = "email"
        /// ``IMAPAccountSettings/username``.
        public static let username = "username"
        /// ``IMAPAccountSettings/imapHost``.
        public static let imapHost = "imap.host"
        /// ``IMAPAccountSettings/imapPort`` (decimal).
        public static let imapPort = "imap.port"
        /// ``IMAPAccountSettings/imapSecurity``: `tls`, `starttls` or `none`.
        public static let imapSecurity = "imap.security"
        /// ``IMAPAccountSettings/smtpHost``.
        public static let smtpHost = "smtp.host"
        /// ``IMAPAccountSettings/smtpPort`` (decimal).
        public static let smtpPort = "smtp.port"
        /// ``IMAPAccountSettings/smtpSecurity``: `tls`, `starttls` or `none`.
        public static let smtpSecurity = "smtp.security"
        /// ``IMAPAccountSettings/trustedCAPEM`` (PEM text; absent when none).
        public static let trustedCAPEM = "tls.ca_pem"
        /// ``IMAPAccountSettings/saveSentCopy``: `true`, `false` or `auto`.
        public static let saveSentCopy = "sent.save_copy"
        /// ``IMAPAccountSettings/maxConnections``.
        public static let maxConnections = "imap.max_connections"
        /// ``IMAPAccountSettings/idleTimeoutSeconds``.
        public static let idleTimeoutSeconds = "imap.idle_timeout_seconds"
        /// ``IMAPAccountSettings/commandTimeoutSeconds``.
        public static let commandTimeoutSeconds = "imap.command_timeout_seconds"
    }

    /// The settings as the string dictionary stored with the inbox (`Inbox.settings`).
    ///
    /// Example: `["imap.host": "imap.example.com", "imap.port": "993", "imap.security": "tls", …]`.
    public func asDictionary() -> [String: String] {
        var dictionary: [String: String] = [
            Key.email: email, Key.username: username,
            Key.imapHost: imapHost, Key.imapPort: String(imapPort), Key.imapSecurity: imapSecurity.rawValue,
            Key.smtpHost: smtpHost, Key.smtpPort: String(smtpPort), Key.smtpSecurity: smtpSecurity.rawValue,
            Key.saveSentCopy: saveSentCopy.map { $0 ? "true" : "false" } ?? "auto",
            Key.maxConnections: String(maxConnections),
            Key.idleTimeoutSeconds: String(idleTimeoutSeconds),
            Key.commandTimeoutSeconds: String(commandTimeoutSeconds),
        ]
        if let trustedCAPEM { dictionary[Key.trustedCAPEM] = trustedCAPEM }
        return dictionary
    }

    /// Reads settings written by ``asDictionary()`` and validates them.
    ///
    /// `email` falls back to `username` and `username` to `email` when one is missing; limits fall back
    /// to their defaults. Throws ``IMAPAccountError`` (invalid settings) naming the missing or bad key.
    public init(dictionary: [String: String]) throws(IMAPAccountError) {
        func required(_ key: String) throws(IMAPAccountError) -> String {
            guard let value = dictionary[key], !value.isEmpty else { throw .invalidSettings("setting \(key) is missing") }
            return value
        }
        func integer(_ key: String, default fallback: Int?) throws(IMAPAccountError) -> Int {
            guard let text = dictionary[key], !text.isEmpty else {
                if let fallback { return fallback }
                throw .invalidSettings("setting \(key) is missing")
            }
            guard let value = Int(text) else { throw .invalidSettings("setting \(key) is not a number") }
            return value
        }
        func security(_ key: String) throws(IMAPAccountError) -> IMAPServerSecurity {
            guard let value = IMAPServerSecurity(rawValue: try required(key).lowercased()) else {
                throw .invalidSettings("setting \(key) must be tls, starttls or none")
            }
            return value
        }
        let email = dictionary[Key.email] ?? dictionary[Key.username] ?? ""
        let username = dictionary[Key.username] ?? email
        let saveSent: Bool?
        switch dictionary[Key.saveSentCopy]?.lowercased() {
        case nil, "", "auto": saveSent = nil
        case "true", "yes", "1": saveSent = true
        case "false", "no", "0": saveSent = false
        default: throw .invalidSettings("setting \(Key.saveSentCopy) must be true, false or auto")
        }
        self.init(
            email: email, username: username,
            imapHost: try required(Key.imapHost), imapPort: try integer(Key.imapPort, default: nil),
            imapSecurity: try security(Key.imapSecurity),
            smtpHost: try required(Key.smtpHost), smtpPort: try integer(Key.smtpPort, default: nil),
            smtpSecurity: try security(Key.smtpSecurity),
            trustedCAPEM: dictionary[Key.trustedCAPEM].flatMap { $0.isEmpty ? nil : $0 }, saveSentCopy: saveSent,
            maxConnections: try integer(Key.maxConnections, default: 4),
            idleTimeoutSeconds: try integer(Key.idleTimeoutSeconds, default: 300),
            commandTimeoutSeconds: try integer(Key.commandTimeoutSeconds, default: 30))
        try validate()
    }
}
