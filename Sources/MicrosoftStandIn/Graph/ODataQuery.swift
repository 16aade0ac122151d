import Foundation

/// The OData system query options of one Graph request, parsed and validated the way Graph's message
/// endpoints validate them, so a provider that sends something Graph would refuse is caught here.
struct ODataQuery {
    /// A refusal, rendered as Graph's 400 error body.
    struct Invalid: Error {
        var code: String
        var message: String
    }

    var select: [String]?
    var top: Int?
    var skip: Int?
    var skipToken: Int?
    var orderBy: (property: String, descending: Bool)?
    var filter: [FilterClause] = []
    var count = false
    var search: String?
    var expandMessageSize = false

    /// One `property op value` clause of a `$filter` joined by `and`.
    struct FilterClause {
        var property: String
        var op: String
        var value: String
    }

    /// Message properties of Graph v1.0 (`microsoft.graph.message` plus `outlookItem` and `entity`).
    static let messageProperties: Set<String> = [
        "id", "createdDateTime", "lastModifiedDateTime", "changeKey", "categories", "receivedDateTime",
        "sentDateTime", "hasAttachments", "internetMessageId", "internetMessageHeaders", "subject", "body",
        "bodyPreview", "uniqueBody", "importance", "parentFolderId", "sender", "from", "toRecipients",
        "ccRecipients", "bccRecipients", "replyTo", "conversationId", "conversationIndex", "isDeliveryReceiptRequested",
        "isReadReceiptRequested", "isRead", "isDraft", "webLink", "inferenceClassification", "flag",
    ]
    static let attachmentProperties: Set<String> = ["id", "name", "contentType", "size", "isInline", "lastModifiedDateTime"]
    static let folderProperties: Set<String> = [
        "id", "displayName", "parentFolderId", "childFolderCount", "unreadItemCount", "totalItemCount", "isHidden",
    ]

    /// Parses `query`, allowing only `allowed` options and validating `$select` against `properties`.
    init(_ query: [String: String], allowed: Set<String>, properties: Set<String>) throws(Invalid) {
        for key in query.keys where key.hasPrefix("$") && !allowed.contains(key.lowercased()) {
            throw Invalid(code: "BadRequest", message: "Query option '\(key)' is not allowed on this resource.")
        }
        func value(_ name: String) -> String? { query.first { $0.key.lowercased() == name }?.value }
        if let select = value("$select") {
            let names = select.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            for name in names where !properties.contains(name) {
                throw Invalid(code: "RequestBroker--ParseUri", message: "Could not find a property named '\(name)' on type 'microsoft.graph.entity'.")
            }
            self.select = names
        }
        top = try Self.integer(value("$top"), name: "$top", range: 1...1000)
        skip = try Self.integer(value("$skip"), name: "$skip", range: 0...Int(Int32.max))
        if let token = value("$skiptoken") {
            guard let data = Data(base64Encoded: token), let offset = Int(String(decoding: data, as: UTF8.self)) else {
                throw Invalid(code: "BadRequest", message: "The $skiptoken is invalid.")
            }
            skipToken = offset
        }
        if let countText = value("$count") {
            guard countText == "true" || countText == "false" else {
                throw Invalid(code: "BadRequest", message: "Invalid value '\(countText)' for $count.")
            }
            count = countText == "true"
        }
        if let expand = value("$expand") { try parseExpand(expand) }
        if let orderBy = value("$orderby") { try parseOrderBy(orderBy) }
        if let filter = value("$filter") { try parseFilter(filter) }
        if let search = value("$search") { try parseSearch(search) }
        try checkCombinations()
    }

    private static func integer(_ text: String?, name: String, range: ClosedRange<Int>) throws(Invalid) -> Int? {
        guard let text else { return nil }
        guard let number = Int(text), range.contains(number) else {
            throw Invalid(code: "BadRequest", message: "Invalid value '\(text)' for query option '\(name)'.")
        }
        return number
    }

    /// Only the message-size extended property is supported: `singleValueExtendedProperties($filter=id eq 'Integer 0x0E08')`.
    private mutating func parseExpand(_ text: String) throws(Invalid) {
        let compact = text.replacingOccurrences(of: " ", with: "").lowercased()
        guard compact == "singlevalueextendedproperties($filter=ideq'integer0x0e08')" else {
            throw Invalid(code: "BadRequest", message: "Parsing OData Select and Expand failed: unsupported $expand '\(text)'.")
        }
        expandMessageSize = true
    }

    private mutating func parseOrderBy(_ text: String) throws(Invalid) {
        let parts = text.split(separator: " ").map(String.init)
        guard (1...2).contains(parts.count), Self.messageProperties.contains(parts[0]),
              parts.count == 1 || ["asc", "desc"].contains(parts[1].lowercased()) else {
            throw Invalid(code: "BadRequest", message: "Invalid $orderby expression '\(text)'.")
        }
        orderBy = (parts[0], parts.count == 2 && parts[1].lowercased() == "desc")
    }

    /// `clause (and clause)*` with clauses `prop eq|ne|ge|gt|le|lt value`.
    private mutating func parseFilter(_ text: String) throws(Invalid) {
        for clauseText in text.components(separatedBy: " and ") {
            let parts = clauseText.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 2).map(String.init)
            guard parts.count == 3, Self.messageProperties.contains(parts[0]),
                  ["eq", "ne", "ge", "gt", "le", "lt"].contains(parts[1]) else {
                throw Invalid(code: "BadRequest", message: "Invalid filter clause '\(clauseText)'.")
            }
            filter.append(FilterClause(property: parts[0], op: parts[1], value: parts[2]))
        }
    }

    /// `$search="…"`: a double-quoted string, embedded quotes escaped with a backslash.
    private mutating func parseSearch(_ text: String) throws(Invalid) {
        guard text.count >= 2, text.first == "\"", text.last == "\"" else {
            throw Invalid(code: "BadRequest", message: "Syntax error: the $search value must be enclosed in double quotes.")
        }
        var result = ""
        var escaped = false
        for ch in text.dropFirst().dropLast() {
            if escaped { result.append(ch); escaped = false; continue }
            if ch == "\\" { escaped = true; continue }
            if ch == "\"" { throw Invalid(code: "BadRequest", message: "Syntax error: unescaped '\"' in $search.") }
            result.append(ch)
        }
        guard !escaped else { throw Invalid(code: "BadRequest", message: "Syntax error: dangling escape in $search.") }
        search = result
    }

    private func checkCombinations() throws(Invalid) {
        if search != nil {
            if skip != nil { throw Invalid(code: "BadRequest", message: "The query parameter '$skip' is not supported with '$search'.") }
            if orderBy != nil { throw Invalid(code: "BadRequest", message: "The query parameter '$orderBy' is not supported with '$search'.") }
            if !filter.isEmpty { throw Invalid(code: "BadRequest", message: "The query parameter '$filter' is not supported with '$search'.") }
            if count { throw Invalid(code: "BadRequest", message: "The query parameter '$count' is not supported with '$search'.") }
        }
        // List messages: "Properties that appear in $orderby must also appear in $filter, first and in the same order."
        if let orderBy, !filter.isEmpty, filter[0].property != orderBy.property {
            throw Invalid(code: "InefficientFilter", message: "The restriction or sort order is too complex for this operation.")
        }
    }
}
