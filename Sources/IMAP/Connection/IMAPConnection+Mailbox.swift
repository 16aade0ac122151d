import NIOCore

extension IMAPConnection {
    /// `SELECT` (or `EXAMINE` when `readOnly`) (RFC 3501 §6.3.1–2).
    ///
    /// A failed SELECT leaves no mailbox selected, as the RFC says.
    @discardableResult
    public func select(_ mailbox: MailboxName, readOnly: Bool = false) async throws -> SelectedMailbox {
        selectedMailbox = nil
        let result = try await run(readOnly ? .examine(mailbox) : .select(mailbox))
        var selected = SelectedMailbox(name: mailbox, readOnly: readOnly)
        selected.apply(result)
        selectedMailbox = selected
        expungedSinceSelect = 0
        return selected
    }

    /// `SELECT` of a mailbox given by its human-readable name (encoded for this connection).
    @discardableResult
    public func select(_ displayName: String, readOnly: Bool = false) async throws -> SelectedMailbox {
        try await select(mailboxName(displayName), readOnly: readOnly)
    }

    /// Selects `mailbox` unless it is already selected (read-write also serves read-only requests).
    ///
    /// The returned ``SelectedMailbox`` carries the UIDVALIDITY the caller must compare with the
    /// one in its message ids; `exists` is kept current from untagged EXISTS/EXPUNGE.
    @discardableResult
    public func selectIfNeeded(_ mailbox: MailboxName, readOnly: Bool = false) async throws -> SelectedMailbox {
        if let current = selectedMailbox, current.name == mailbox, readOnly || !current.readOnly {
            return current
        }
        return try await select(mailbox, readOnly: readOnly)
    }

    /// ``selectIfNeeded(_:readOnly:)`` for a human-readable mailbox name.
    @discardableResult
    public func selectIfNeeded(_ displayName: String, readOnly: Bool = false) async throws -> SelectedMailbox {
        try await selectIfNeeded(mailboxName(displayName), readOnly: readOnly)
    }

    /// `UID SEARCH` (RFC 3501 §6.4.4) with a typed key; UIDs ascending.
    ///
    /// Uses `RETURN (ALL)` when the server supports ESEARCH (RFC 4731), which keeps answers small.
    public func uidSearch(_ key: SearchKey) async throws -> [UID] {
        let esearch = capabilities.contains(.esearch)
        let result = try await run(.uidSearch(key, returnOptions: esearch ? [.all] : []))
        var numbers: Set<UInt32> = []
        for response in result.untagged {
            switch response {
            case .search(let found, _):
                numbers.formUnion(found)
            case .esearch(let answer) where answer.tag == nil || answer.tag == result.tagged.tag:
                guard let all = answer.all else { continue }
                guard let expanded = all.expanded(limit: options.limits.maxExpandedSetSize) else {
                    throw IMAPError.limitExceeded("maxExpandedSetSize", hint: "search result too large")
                }
                numbers.formUnion(expanded.map(\.rawValue))
            default:
                continue
            }
        }
        return numbers.sorted().map(UID.init(rawValue:))
    }

    /// How many messages match `key` (`RETURN (COUNT)` with ESEARCH, else the size of the result).
    public func uidSearchCount(_ key: SearchKey) async throws -> Int {
        guard capabilities.contains(.esearch) else { return try await uidSearch(key).count }
        let result = try await run(.uidSearch(key, returnOptions: [.count]))
        for case .esearch(let answer) in result.untagged where answer.tag == nil || answer.tag == result.tagged.tag {
            return Int(answer.count ?? 0)
        }
        return 0
    }

    /// `UID FETCH` (RFC 3501 §6.4.8): one merged ``FetchResponse`` per message in `set`, in the
    /// order the server sent them. Unsolicited FETCH data for other messages is left out.
    public func uidFetch(_ set: UIDSet, attributes: [FetchAttribute]) async throws -> [FetchResponse] {
        var wanted = attributes
        if !wanted.contains(.uid) { wanted.insert(.uid, at: 0) }
        let result = try await run(.uidFetch(set, wanted))
        return IMAPConnection.mergeFetches(result.untagged) { fetch in fetch.uid.map(set.contains) ?? false }
    }

    /// `FETCH` by sequence numbers (e.g. "the newest 20" computed from `EXISTS`).
    public func fetch(_ set: SequenceSet, attributes: [FetchAttribute]) async throws -> [FetchResponse] {
        let result = try await run(.fetch(set, attributes))
        return IMAPConnection.mergeFetches(result.untagged) { fetch in
            set.ranges.contains { $0.contains(fetch.sequenceNumber) }
        }
    }

    /// Merges FETCH responses per sequence number, keeping first-seen order.
    static func mergeFetches(_ responses: [UntaggedResponse], where keep: (FetchResponse) -> Bool) -> [FetchResponse] {
        var merged: [FetchResponse] = []
        var index: [UInt32: Int] = [:]
        for case .fetch(let fetch) in responses {
            if let position = index[fetch.sequenceNumber] {
                merged[position].merge(fetch)
            } else {
                index[fetch.sequenceNumber] = merged.count
                merged.append(fetch)
            }
        }
        return merged.filter(keep)
    }

    /// `UID STORE set ±FLAGS[.SILENT] (flags)` (RFC 3501 §6.4.6); returns any FETCH data sent back.
    @discardableResult
    public func uidStore(_ set: UIDSet, _ operation: StoreOperation, flags: [Flag], silent: Bool = true) async throws -> [FetchResponse] {
        let result = try await run(.uidStore(set, operation, silent: silent, flags))
        return IMAPConnection.mergeFetches(result.untagged) { _ in true }
    }

    /// `UID COPY` (RFC 4315 §2.3): returns `COPYUID` (source UIDs, destination UIDs) when sent.
    @discardableResult
    public func uidCopy(_ set: UIDSet, to mailbox: MailboxName) async throws -> (UIDSet, UIDSet)? {
        let result = try await run(.uidCopy(set, mailbox))
        if case .copyUID(_, let source, let destination)? = result.tagged.text.code { return (source, destination) }
        return nil
    }

    /// `UID MOVE` (RFC 6851); requires the MOVE capability.
    public func uidMove(_ set: UIDSet, to mailbox: MailboxName) async throws {
        guard capabilities.contains(.move) else { throw IMAPError(.unsupported, hint: "server does not support MOVE") }
        _ = try await run(.uidMove(set, mailbox))
    }

    /// `UID EXPUNGE` (RFC 4315) of just `set`; requires UIDPLUS.
    public func uidExpunge(_ set: UIDSet) async throws {
        guard capabilities.contains(.uidPlus) else { throw IMAPError(.unsupported, hint: "server does not support UIDPLUS") }
        _ = try await run(.uidExpunge(set))
    }

    /// `APPEND` (RFC 3501 §6.3.11) of a complete RFC 5322 message, with flags and internal date.
    ///
    /// - Returns: the new message's UID from `APPENDUID` (RFC 4315), or `nil` if the server did not say.
    @discardableResult
    public func append(mailbox: MailboxName, message: ByteBuffer, flags: [Flag] = [], date: InternalDate? = nil) async throws -> UID? {
        try await append(mailbox: mailbox, literal: LiteralBytes(message), flags: flags, date: date)
    }

    /// ``append(mailbox:message:flags:date:)`` for message bytes (written from the array, not copied whole).
    @discardableResult
    public func append(mailbox: MailboxName, message: [UInt8], flags: [Flag] = [], date: InternalDate? = nil) async throws -> UID? {
        try await append(mailbox: mailbox, literal: LiteralBytes(message), flags: flags, date: date)
    }

    private func append(mailbox: MailboxName, literal: LiteralBytes, flags: [Flag], date: InternalDate?) async throws -> UID? {
        let result = try await run(.append(mailbox: mailbox, flags: flags, date: date, message: literal))
        if case .appendUID(_, let uids)? = result.tagged.text.code { return uids.ranges.last?.upperBound }
        return nil
    }
}
