import Foundation
import Hummingbird

/// A decoded `application/x-www-form-urlencoded` body. Keeps repeated names (checkboxes) in order.
struct FormBody: Sendable {
    /// Largest accepted form (an IMAP form may carry a CA certificate).
    static let maximumBytes = 256 * 1024

    private let pairs: [(String, String)]

    init(pairs: [(String, String)]) { self.pairs = pairs }

    /// Parses `text` (`a=1&b=two+words&c=%C3%A9`).
    init(urlEncoded text: String) {
        var pairs: [(String, String)] = []
        for part in text.split(separator: "&", omittingEmptySubsequences: true) {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(pieces[0])
            let value = pieces.count > 1 ? Self.decode(pieces[1]) : ""
            pairs.append((name, value))
        }
        self.pairs = pairs
    }

    /// Reads and parses the request body; an oversized body throws ``DashboardError``.
    static func read(_ request: Request) async throws -> FormBody {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maximumBytes)
        } catch {
            throw DashboardError.badRequest("The form is too large.")
        }
        return FormBody(urlEncoded: String(decoding: buffer.readableBytesView, as: UTF8.self))
    }

    /// The first value named `name`, as sent (may be empty).
    subscript(_ name: String) -> String? { pairs.first { $0.0 == name }?.1 }

    /// The first value named `name` with surrounding white space removed, `""` when absent.
    func text(_ name: String) -> String { (self[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }

    /// Every value named `name`.
    func all(_ name: String) -> [String] { pairs.filter { $0.0 == name }.map(\.1) }

    private static func decode(_ part: Substring) -> String {
        let spaced = part.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
