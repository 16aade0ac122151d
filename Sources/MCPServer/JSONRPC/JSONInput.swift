import Foundation
import MCP

/// Decodes request JSON into MCP's `Value` without its string heuristics.
///
/// `MCP.Value`'s own decoder turns strings that look like `data:` URLs into `.data`, which would make a
/// body such as `"data:text/plain,hi"` fail a string check. Requests are decoded through this wrapper,
/// which keeps every JSON string a `.string` and distinguishes integers from other numbers.
struct JSONInput: Decodable {
    let value: Value

    init(from decoder: any Decoder) throws {
        if var array = try? decoder.unkeyedContainer() {
            var items: [Value] = []
            while !array.isAtEnd { items.append(try array.decode(JSONInput.self).value) }
            value = .array(items)
            return
        }
        if let object = try? decoder.container(keyedBy: AnyKey.self) {
            var items: [String: Value] = [:]
            for key in object.allKeys { items[key.stringValue] = try object.decode(JSONInput.self, forKey: key).value }
            value = .object(items)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            value = .null
        } else if let bool = try? single.decode(Bool.self) {
            value = .bool(bool)
        } else if let int = try? single.decode(Int.self) {
            value = .int(int)
        } else if let double = try? single.decode(Double.self) {
            value = .double(double)
        } else {
            value = .string(try single.decode(String.self))
        }
    }

    /// Parses `bytes` as one JSON document.
    static func parse(_ bytes: some Collection<UInt8>) throws -> Value {
        try JSONDecoder().decode(JSONInput.self, from: Data(bytes)).value
    }
}

struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
