import Foundation
import MCP

/// Typed, validated access to `tools/call` arguments. Every failure is a `-32602` that names the parameter.
struct ToolArguments {
    private let values: [String: Value]

    /// Rejects parameters the tool does not declare (a typo such as `unread` must not be silently ignored).
    init(_ values: [String: Value], allowed: Set<String>) throws(RPCError) {
        if let unknown = values.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw .invalidParams("unknown parameter '\(unknown)'; allowed: \(allowed.sorted().joined(separator: ", "))")
        }
        self.values = values
    }

    private func present(_ name: String) -> Value? {
        guard let value = values[name], value != .null else { return nil }
        return value
    }

    func requiredString(_ name: String, maxLength: Int? = nil, allowEmpty: Bool = false) throws(RPCError) -> String {
        guard let value = present(name) else { throw .invalidParams("'\(name)' is required") }
        return try string(name, value, maxLength: maxLength, allowEmpty: allowEmpty)
    }

    func optionalString(_ name: String, maxLength: Int? = nil) throws(RPCError) -> String? {
        guard let value = present(name) else { return nil }
        return try string(name, value, maxLength: maxLength, allowEmpty: false)
    }

    private func string(_ name: String, _ value: Value, maxLength: Int?, allowEmpty: Bool) throws(RPCError) -> String {
        guard case .string(let text) = value else { throw .invalidParams("'\(name)' must be a string") }
        if !allowEmpty && text.isEmpty { throw .invalidParams("'\(name)' must not be empty") }
        if let maxLength, text.count > maxLength {
            throw .invalidParams("'\(name)' is longer than \(maxLength) characters")
        }
        return text
    }

    func uuid(_ name: String) throws(RPCError) -> UUID {
        let text = try requiredString(name)
        guard let id = UUID(uuidString: text) else { throw .invalidParams("'\(name)' must be a UUID") }
        return id
    }

    func integer(_ name: String, default fallback: Int, range: ClosedRange<Int>) throws(RPCError) -> Int {
        guard let value = present(name) else { return fallback }
        let number: Int
        switch value {
        case .int(let n): number = n
        case .double(let d) where d.rounded() == d && abs(d) < 1e15: number = Int(d)
        default: throw .invalidParams("'\(name)' must be an integer")
        }
        guard range.contains(number) else {
            if range.upperBound == Int.max { throw .invalidParams("'\(name)' must be at least \(range.lowerBound)") }
            throw .invalidParams("'\(name)' must be between \(range.lowerBound) and \(range.upperBound)")
        }
        return number
    }

    func bool(_ name: String, default fallback: Bool) throws(RPCError) -> Bool {
        guard let value = present(name) else { return fallback }
        guard case .bool(let flag) = value else { throw .invalidParams("'\(name)' must be a boolean") }
        return flag
    }

    func stringArray(_ name: String, maxCount: Int, required: Bool = false) throws(RPCError) -> [String] {
        guard let value = present(name) else {
            if required { throw .invalidParams("'\(name)' is required") }
            return []
        }
        guard case .array(let items) = value else { throw .invalidParams("'\(name)' must be an array of strings") }
        if required && items.isEmpty { throw .invalidParams("'\(name)' must contain at least one address") }
        if items.count > maxCount { throw .invalidParams("'\(name)' has \(items.count) items; at most \(maxCount) allowed") }
        var result: [String] = []
        for (index, item) in items.enumerated() {
            guard case .string(let text) = item else { throw .invalidParams("'\(name)[\(index)]' must be a string") }
            result.append(text)
        }
        return result
    }

    func objectArray(_ name: String, maxCount: Int) throws(RPCError) -> [[String: Value]] {
        guard let value = present(name) else { return [] }
        guard case .array(let items) = value else { throw .invalidParams("'\(name)' must be an array of objects") }
        if items.count > maxCount { throw .invalidParams("'\(name)' has \(items.count) items; at most \(maxCount) allowed") }
        var result: [[String: Value]] = []
        for (index, item) in items.enumerated() {
            guard case .object(let object) = item else { throw .invalidParams("'\(name)[\(index)]' must be an object") }
            result.append(object)
        }
        return result
    }
}
