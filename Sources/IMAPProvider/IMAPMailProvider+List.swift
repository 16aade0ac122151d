import IMAP
import MailCore

extension IMAPMailProvider {
    /// `list_inbox`: newest first by arrival.
    ///
    /// Arrival order is sequence-number order, so the newest page of a whole folder is a range of
    /// sequence numbers counted down from `EXISTS`: one `FETCH` of that range brings the summaries and
    /// `EXISTS` is the total (see ``newestBySequence``). With `unread_only`, or when the folder changed
    /// under the FETCH twice, `UID SEARCH ALL` (or `UNSEEN`) gives every UID in arrival order and the total;
    /// the page is taken from the top; then one `UID FETCH` brings UID, FLAGS, INTERNALDATE, RFC822.SIZE, ENVELOPE,
    /// BODYSTRUCTURE, the threading headers and `BODY.PEEK[1]<0.2048>` for the page. When a message's
    /// text is not part 1 (e.g. `multipart/mixed` around `multipart/alternative`), a second `UID FETCH`
    /// brings those parts' first 2 KB: at most two round trips after SEARCH (plus SELECT when another
    /// mailbox was selected). Only `BODY.PEEK` is used, so no flag changes.
    public func list(_ request: ListRequest) async throws -> MessagePage {
        let limit = max(0, request.limit)
        let offset = max(0, request.offset)
        let likely = folders.current?.mailbox(for: request.folder)?.name
        return try await withConnection(idempotent: true, preferring: likely) { connection in
            let (mailbox, directory) = try await resolve(request.folder, on: connection)
            let missing = MailError(.folderNotFound, detail: "the folder no longer exists")
            let selected = try await select(mailbox.name, on: connection, missing: missing)
            let builder = SummaryBuilder(mailbox: selected.name, uidValidity: selected.uidValidity,
                                         folderName: directory.displayName(of: selected.name))
            if !request.unreadOnly,
               let page = try await Self.newestBySequence(offset: offset, limit: limit, builder: builder, on: connection) {
                return page
            }
            let uids = try await Self.freshSearch(request.unreadOnly ? .unseen : .all, on: connection)
            let page = Array(uids.reversed().dropFirst(offset).prefix(limit))
            let summaries = try await Self.fetchSummaries(page, builder: builder, on: connection)
            return MessagePage(messages: summaries, total: uids.count, hasMore: offset + page.count < uids.count)
        }
    }

    /// The page `offset ..< offset + limit` counted from the newest message, by one `FETCH` of the
    /// sequence numbers below `EXISTS`. A `NOOP` first collects what other clients changed since this
    /// connection's last command: a server may not report expunges during a `FETCH` by sequence number
    /// (RFC 3501 §7.4.1) and Dovecot then answers with the gone message's old data. Mail that arrives
    /// during the FETCH is reported (EXISTS); when the count changed, the numbers meant other messages and
    /// the FETCH is repeated once. `nil` when the folder looks empty or keeps changing: the caller searches.
    /// NOOP + FETCH is two short round trips where SEARCH ALL + UID FETCH sends every UID of the folder.
    static func newestBySequence(
        offset: Int, limit: Int, builder: SummaryBuilder, on connection: IMAPConnection
    ) async throws -> MessagePage? {
        guard limit > 0 else { return nil }
        try await connection.noop()
        for _ in 0..<2 {
            guard let exists = await connection.selectedMailbox?.exists, exists > 0 else { return nil }
            let total = Int(exists)
            guard offset < total else { return nil }
            let expunged = await connection.expungedSinceSelect
            let high = UInt32(total - offset)
            let low = UInt32(max(1, total - offset - limit + 1))
            let fetches = try await connection.fetch(SequenceSet(low...high), attributes: SummaryBuilder.summaryAttributes)
            guard await connection.selectedMailbox?.exists == exists, await connection.expungedSinceSelect == expunged else {
                continue
            }
            let newestFirst = fetches.sorted { $0.sequenceNumber > $1.sequenceNumber }
            let summaries = try await summaries(of: newestFirst, builder: builder, on: connection)
            return MessagePage(messages: summaries, total: total, hasMore: offset + Int(high - low + 1) < total)
        }
        return nil
    }

    /// Summaries of `uids` in the selected mailbox, in the order given (missing UIDs are left out).
    static func fetchSummaries(_ uids: [UID], builder: SummaryBuilder, on connection: IMAPConnection) async throws -> [MessageSummary] {
        guard !uids.isEmpty else { return [] }
        let fetches = try await connection.uidFetch(UIDSet(uids), attributes: SummaryBuilder.summaryAttributes)
        var byUID: [UID: FetchResponse] = [:]
        for fetch in fetches { if let uid = fetch.uid { byUID[uid] = fetch } }
        return try await summaries(of: uids.compactMap { byUID[$0] }, builder: builder, on: connection)
    }

    /// Summaries of summary FETCH responses, in the order given (responses without a UID are left out).
    static func summaries(
        of fetches: [FetchResponse], builder: SummaryBuilder, on connection: IMAPConnection
    ) async throws -> [MessageSummary] {
        let snippets = try await snippets(for: fetches, on: connection)
        return fetches.compactMap { fetch in
            fetch.uid.flatMap { builder.summary(fetch, snippet: snippets[$0] ?? "") }
        }
    }

    /// Snippet text per UID: from part 1 when the summary FETCH already brought the right part, else
    /// from one more `UID FETCH` of the needed sections' first 2 KB.
    static func snippets(for fetches: [FetchResponse], on connection: IMAPConnection) async throws -> [UID: String] {
        var result: [UID: String] = [:]
        var missing: [UID: BodyStructureOutline.TextPart] = [:]
        for fetch in fetches {
            guard let uid = fetch.uid, let part = SummaryBuilder.snippetPart(of: fetch) else { continue }
            if part.section == [1], let bytes = SummaryBuilder.snippetBytes(fetch, section: [1]) {
                result[uid] = SummaryBuilder.snippet(from: bytes, part: part)
            } else {
                missing[uid] = part
            }
        }
        guard !missing.isEmpty else { return result }
        // One FETCH for all: every distinct section is asked of every message that needs one (a message
        // without that part answers with an empty string), bounded to a few distinct sections.
        let sections = Array(Set(missing.values.map(\.section))).sorted { $0.lexicographicallyPrecedes($1) }.prefix(4)
        let attributes = sections.map {
            FetchAttribute.body(section: SectionSpecifier(part: $0), peek: true, partial: 0...(SummaryBuilder.snippetOctets - 1))
        }
        let extra = try await connection.uidFetch(UIDSet(Array(missing.keys)), attributes: attributes)
        for fetch in extra {
            guard let uid = fetch.uid, let part = missing[uid],
                  let bytes = SummaryBuilder.snippetBytes(fetch, section: part.section) else { continue }
            result[uid] = SummaryBuilder.snippet(from: bytes, part: part)
        }
        return result
    }
}
