import Accounts
import Foundation
import MCP

/// The docs page's tool reference, derived once from the same `Tool` definitions `tools/list`
/// serves (names, descriptions, JSON Schemas), so the page cannot drift from the protocol.
struct ToolReference: Sendable {
    struct Parameter: Sendable {
        let name: String
        let type: String
        let required: Bool
        let description: String
        let constraints: String
    }

    struct Entry: Sendable {
        let name: String
        let description: String
        let scope: String
        let parameters: [Parameter]
        let schemaJSON: String
    }

    let entries: [Entry]

    var toolNames: [String] { entries.map(\.name) }

    /// `scopes`: what the endpoint's scope check accepts per tool (`tools/list` does not carry scopes).
    init(tools: [Tool], scopes: [String: Set<Scope>]) {
        entries = tools.compactMap { Self.entry($0, scopes: scopes) }.sorted { Self.order($0.name) < Self.order($1.name) }
    }

    /// The seed's order first (list, read, search, send, reply), then the rest by name.
    private static func order(_ name: String) -> String {
        let known = ["list_inbox", "read_email", "search_emails", "send_email", "reply_to_email"]
        return known.firstIndex(of: name).map { "0\($0)" } ?? "1" + name
    }

    private static func entry(_ tool: Tool, scopes: [String: Set<Scope>]) -> Entry? {
        guard let data = try? JSONEncoder().encode(tool),
              let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
              let name = object["name"] as? String else { return nil }
        let schema = object["inputSchema"] as? [String: Any] ?? [:]
        let properties = schema["properties"] as? [String: Any] ?? [:]
        let required = Set(schema["required"] as? [String] ?? [])
        let parameters = properties.keys.sorted { lhs, rhs in
            let l = (required.contains(lhs) ? 0 : 1, lhs == "inbox_id" ? 0 : 1), r = (required.contains(rhs) ? 0 : 1, rhs == "inbox_id" ? 0 : 1)
            return l.0 != r.0 ? l.0 < r.0 : l.1 != r.1 ? l.1 < r.1 : lhs < rhs
        }.map { key -> Parameter in
            let property = properties[key] as? [String: Any] ?? [:]
            return Parameter(name: key, type: typeName(property), required: required.contains(key),
                             description: property["description"] as? String ?? "", constraints: constraints(property))
        }
        let pretty = (try? JSONSerialization.data(withJSONObject: schema, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]))
            .map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return Entry(name: name, description: object["description"] as? String ?? "",
                     scope: (scopes[name] ?? []).map(\.rawValue).sorted().joined(separator: " or "), parameters: parameters, schemaJSON: pretty)
    }

    /// `string (uuid)`, `integer`, `array[string]`, `array[object]`.
    static func typeName(_ property: [String: Any]) -> String {
        let type = property["type"] as? String ?? "any"
        if type == "array" {
            let items = property["items"] as? [String: Any] ?? [:]
            return "array[\(items["type"] as? String ?? "any")]"
        }
        if let format = property["format"] as? String { return "\(type) (\(format))" }
        return type
    }

    /// `Default 20 · 1–100`, `Max 998 characters`, `Max 50 items`.
    static func constraints(_ property: [String: Any]) -> String {
        var parts: [String] = []
        if let value = property["default"] {
            if let array = value as? [Any], array.isEmpty { parts.append("Default [].") } else if let text = value as? String {
                parts.append("Default \"\(text)\".")
            } else if let number = value as? NSNumber {
                let isBoolean = property["type"] as? String == "boolean"
                parts.append("Default \(isBoolean ? (number.boolValue ? "true" : "false") : number.stringValue).")
            }
        }
        if let minimum = property["minimum"] as? Int, let maximum = property["maximum"] as? Int {
            parts.append("\(minimum)–\(maximum).")
        } else if let minimum = property["minimum"] as? Int, minimum > 0 {
            parts.append("At least \(minimum).")
        }
        if let maxLength = property["maxLength"] as? Int { parts.append("Max \(maxLength) characters.") }
        if let maxItems = property["maxItems"] as? Int { parts.append("Max \(maxItems) items.") }
        return parts.joined(separator: " ")
    }

    var templateData: [[String: Any]] {
        entries.map { entry in
            [
                "name": entry.name, "description": entry.description, "scope": entry.scope, "schemaJSON": entry.schemaJSON,
                "parameters": entry.parameters.map { p -> [String: Any] in
                    ["name": p.name, "type": p.type, "required": p.required, "description": p.description,
                     "constraints": p.constraints.isEmpty ? false : p.constraints as Any]
                },
            ]
        }
    }
}
