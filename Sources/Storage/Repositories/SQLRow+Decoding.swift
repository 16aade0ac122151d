import Accounts
import Foundation
import Synchronization
import SQLKit

/// Typed column readers for the schema conventions (UUID text, epoch-millisecond BIGINT).
extension SQLRow {
    func string(_ column: String) throws -> String {
        try decode(column: column, as: String.self)
    }

    func optionalString(_ column: String) throws -> String? {
        try decodeNil(column: column) ? nil : try decode(column: column, as: String.self)
    }

    func int(_ column: String) throws -> Int {
        try decode(column: column, as: Int.self)
    }

    func optionalInt(_ column: String) throws -> Int? {
        try decodeNil(column: column) ? nil : try decode(column: column, as: Int.self)
    }

    func int64(_ column: String) throws -> Int64 {
        try decode(column: column, as: Int64.self)
    }

    func uuid(_ column: String) throws -> UUID {
        let text = try string(column)
        guard let id = UUID(uuidString: text) else { throw StorageError(.corruptRow, detail: column) }
        return id
    }

    func optionalUUID(_ column: String) throws -> UUID? {
        guard let text = try optionalString(column) else { return nil }
        guard let id = UUID(uuidString: text) else { throw StorageError(.corruptRow, detail: column) }
        return id
    }

    func date(_ column: String) throws -> Date {
        Date(epochMilliseconds: try int64(column))
    }

    func optionalDate(_ column: String) throws -> Date? {
        try decodeNil(column: column) ? nil : Date(epochMilliseconds: try int64(column))
    }

    func enumValue<E: RawRepresentable>(_ column: String, as type: E.Type) throws -> E where E.RawValue == String {
        guard let value = E(rawValue: try string(column)) else { throw StorageError(.corruptRow, detail: column) }
        return value
    }
}

extension UUID {
    /// The stored form: lower-case canonical text.
    var dbText: String { uuidString.lowercased() }
}

extension Date {
    /// `self` truncated to what the database keeps, so returned values equal stored ones.
    var storedPrecision: Date { Date(epochMilliseconds: epochMilliseconds) }
}

/// JSON text for `[String: String]` columns (sorted keys, so equal maps store equal text).
enum StringMapColumn {
    static func encode(_ map: [String: String]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(map), as: UTF8.self)
    }

    /// Decoded maps by their text: an inbox's settings are read on every tool call and change rarely,
    /// so JSONDecoder runs once per distinct text (the decode is a pure function of the text).
    private static let decoded = Mutex<[String: [String: String]]>([:])
    private static let cacheLimit = 512

    static func decode(_ text: String) throws -> [String: String] {
        if let map = decoded.withLock({ $0[text] }) { return map }
        let map: [String: String]
        do {
            map = try JSONDecoder().decode([String: String].self, from: Data(text.utf8))
        } catch {
            throw StorageError(.corruptRow, detail: "settings")
        }
        decoded.withLock { cache in
            if cache.count >= cacheLimit { cache.removeAll(keepingCapacity: true) }
            cache[text] = map
        }
        return map
    }
}
