import Foundation
import IMAP
@testable import IMAPProvider
import NIOCore
import Testing

@Suite("Search query parser and translation")
struct SearchQueryParserTests {
    /// 2026-03-15T12:00:00Z
    static let today = Date(timeIntervalSince1970: 1_773_576_000)

    static func key(_ query: String) throws -> SearchKey {
        try SearchQueryParser.parse(query).searchKey(today: today)
    }

    static func date(_ y: Int, _ m: Int, _ d: Int) -> SearchDate {
        SearchDate(year: y, month: m, day: d) ?? SearchDate(year: 1970, month: 1, day: 1).unsafelyUnwrapped
    }

    static let attachment = SearchKey.or(.header("Content-Type", "multipart/mixed"), .header("Content-Disposition", "attachment"))

    @Test("IMAP criteria", arguments: [
        ("FROM alice", SearchKey.from("alice")),
        ("TO \"Bob Smith\"", .to("Bob Smith")),
        ("CC carol BCC dave", .and([.cc("carol"), .bcc("dave")])),
        ("SUBJECT \"quarterly \\\"report\\\"\"", .subject("quarterly \"report\"")),
        ("BODY invoice TEXT urgent", .and([.body("invoice"), .text("urgent")])),
        ("SINCE 1-Jan-2026 BEFORE 15-Feb-2026", .and([.since(date(2026, 1, 1)), .before(date(2026, 2, 15))])),
        ("ON 3-mar-2026", .on(date(2026, 3, 3))),
        ("SENTSINCE 2026-01-02", .sentSince(date(2026, 1, 2))),
        ("SEEN UNSEEN FLAGGED UNFLAGGED ANSWERED", .and([.seen, .unseen, .flagged, .unflagged, .answered])),
        ("LARGER 1000 SMALLER 5000", .and([.larger(1000), .smaller(5000)])),
        ("HEADER List-Id \"dev.example.org\"", .header("List-Id", "dev.example.org")),
        ("NOT SEEN", .not(.seen)),
        ("OR FROM alice FROM bob", .or(.from("alice"), .from("bob"))),
        ("OR (FROM alice SUBJECT x) UNSEEN FLAGGED", .and([.or(.and([.from("alice"), .subject("x")]), .unseen), .flagged])),
        ("ALL", .all),
    ])
    func imapCriteria(query: String, expected: SearchKey) throws {
        #expect(try Self.key(query) == expected)
    }

    @Test("Gmail-style operators", arguments: [
        ("from:alice@example.org", SearchKey.from("alice@example.org")),
        ("to:bob cc:carol bcc:dave", .and([.to("bob"), .cc("carol"), .bcc("dave")])),
        ("subject:\"two words\"", .subject("two words")),
        ("after:2026/01/31 before:2026/02/15", .and([.since(date(2026, 1, 31)), .before(date(2026, 2, 15))])),
        ("newer_than:7d", .since(date(2026, 3, 8))),
        ("older_than:2m", .before(date(2026, 1, 15))),
        ("newer_than:1y", .since(date(2025, 3, 15))),
        ("is:unread", .unseen), ("is:read", .seen), ("is:starred", .flagged), ("IS:Unstarred", .unflagged),
        ("has:attachment", attachment),
        ("larger:10K smaller:2M", .and([.larger(10240), .smaller(2_097_152)])),
        ("size:500", .larger(500)),
        ("-from:spam", .not(.from("spam"))),
        ("meeting notes", .and([.text("meeting"), .text("notes")])),
        ("\"exact phrase\"", .text("exact phrase")),
        ("from:alice OR from:bob", .or(.from("alice"), .from("bob"))),
        ("a OR b c", .and([.or(.text("a"), .text("b")), .text("c")])),
        ("a AND b", .and([.text("a"), .text("b")])),
        ("notes from monday", .and([.text("notes"), .text("from"), .text("monday")])),
        ("-(is:read OR has:attachment)", .not(.or(.seen, attachment))),
        ("café 日本", .and([.text("café"), .text("日本")])),
        ("http://example.org re:x", .and([.text("http://example.org"), .text("re:x")])),
        ("FROM alice is:unread -SUBJECT spam", .and([.from("alice"), .unseen, .not(.subject("spam"))])),
    ])
    func gmailOperators(query: String, expected: SearchKey) throws {
        #expect(try Self.key(query) == expected)
    }

    @Test("invalid queries name the problem and its position", arguments: [
        ("", "empty", 1),
        ("   ", "empty", 1),
        ("FROM", "FROM needs a value", 5),
        ("(FROM alice", "not closed", 1),
        ("FROM alice)", "unexpected )", 11),
        ("SINCE yesterday", "date", 7),
        ("LARGER big", "size", 8),
        ("subject:\"open", "not closed", 9),
        ("is:important", "is:", 1),
        ("has:drive", "has:attachment", 1),
        ("in:inbox", "include_folders", 1),
        ("after:2026/02/30", "date", 1),
        ("OR alice", "expected a search term", 9),
        ("FROM \"a\\nb\"", "backslash", 8),
        ("FROM \"x\r\nA1 LOGOUT\"", "control characters", 8),
        ("FROM x\nA1 LOGOUT", "control characters", 7),
        ("subject:(a b)", "grouping", 9),
        ("HEADER \"Bad:Name\" x", "header field name", 1),
    ])
    func invalid(query: String, reason: String, position: Int) {
        #expect(throws: SearchQueryError.self) { try SearchQueryParser.parse(query) }
        do {
            _ = try SearchQueryParser.parse(query)
        } catch {
            #expect(error.reason.contains(reason), "\(error)")
            #expect(error.position == position, "\(error)")
        }
    }

    @Test("limits: length, nesting depth and number of terms")
    func limits() {
        #expect(throws: SearchQueryError.self) { try SearchQueryParser.parse(String(repeating: "a ", count: 1001)) }
        #expect(throws: SearchQueryError.self) { try SearchQueryParser.parse(String(repeating: "(", count: 40) + "a" + String(repeating: ")", count: 40)) }
        #expect(throws: SearchQueryError.self) { try SearchQueryParser.parse(String(repeating: "NOT ", count: 40) + "a") }
        #expect(throws: SearchQueryError.self) { try SearchQueryParser.parse((1...101).map { "w\($0)" }.joined(separator: " ")) }
        #expect((try? SearchQueryParser.parse((1...100).map { "w\($0)" }.joined(separator: " "))) != nil)
    }

    @Test("injection attempts travel as strings, never as protocol syntax")
    func injection() throws {
        let encoder = CommandEncoder(options: .init(literalPlus: true))
        for query in ["FROM \"x A1 LOGOUT\"", "FROM {5}", "SUBJECT \"a) UID 1:* (\"", "from:\"x\\\" OR ALL\""] {
            let key = try Self.key(query)
            let encoded = try encoder.encode(.uidSearch(key, returnOptions: []), tag: "T1")
            let wire = encoded.chunks.map { String(decoding: $0.bytes, as: UTF8.self) }.joined()
            #expect(wire.hasPrefix("T1 UID SEARCH FROM ") || wire.hasPrefix("T1 UID SEARCH SUBJECT "), "\(wire)")
            #expect(wire.filter { $0 == "\r\n" }.count == 1 || wire.contains("{"), "\(wire)")
            #expect(!wire.contains("\r\nA1"), "\(wire)")
        }
        #expect(try Self.key("FROM {5}") == .from("{5}"))
        #expect(try Self.key("SUBJECT \"a) UID 1:* (\"") == .subject("a) UID 1:* ("))
    }
}
