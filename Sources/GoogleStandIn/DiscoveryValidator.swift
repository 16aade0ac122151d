import MailCore
import Foundation

/// Checks one request against the discovery document: query parameters (known, typed, enum values,
/// repetition, required) and JSON bodies (known fields, types, `format: byte`, required annotations).
/// Every finding is a human-readable violation; the router answers 400 and records them.
struct DiscoveryValidator: Sendable {
    let document: DiscoveryDocument

    /// Violations in the query string of `method`.
    func validateQuery(_ items: [(String, String)], method: DiscoveryDocument.Method, upload: Bool) -> [String] {
        var violations: [String] = []
        var seen: [String: Int] = [:]
        for (name, value) in items {
            seen[name, default: 0] += 1
            let parameter = method.parameters[name].flatMap { $0.location == "query" ? $0 : nil }
                ?? document.globalParameters[name]
            guard let parameter else {
                violations.append("\(method.id): unknown query parameter '\(name)'")
                continue
            }
            if let problem = Self.check(value: value, against: parameter) {
                violations.append("\(method.id): parameter '\(name)' \(problem)")
            }
        }
        for (name, count) in seen where count > 1 {
            let repeated = method.parameters[name]?.repeated ?? false
            if !repeated { violations.append("\(method.id): parameter '\(name)' is not repeated but given \(count) times") }
        }
        for (name, parameter) in method.parameters where parameter.required && parameter.location == "query" && seen[name] == nil {
            violations.append("\(method.id): required query parameter '\(name)' missing")
        }
        if upload {
            let uploadType = items.first(where: { $0.0 == "uploadType" })?.1
            if !["media", "multipart"].contains(uploadType ?? "") {
                violations.append("\(method.id): upload needs uploadType=media or multipart (stand-in has no resumable)")
            }
        }
        return violations
    }

    /// Violations in the path captures (required, non-empty).
    func validatePath(_ captures: [String: String], method: DiscoveryDocument.Method) -> [String] {
        method.parameters.compactMap { name, parameter in
            guard parameter.location == "path", parameter.required else { return nil }
            return (captures[name] ?? "").isEmpty ? "\(method.id): path parameter '\(name)' empty" : nil
        }
    }

    static func check(value: String, against parameter: DiscoveryDocument.Parameter) -> String? {
        switch parameter.type {
        case "integer":
            guard let number = Int64(value) else { return "must be an integer, got '\(value)'" }
            if parameter.format == "uint32", number < 0 || number > Int64(UInt32.max) { return "out of uint32 range" }
            if let minimum = parameter.minimum.flatMap({ Int64($0) }), number < minimum { return "below minimum \(minimum)" }
            if let maximum = parameter.maximum.flatMap({ Int64($0) }), number > maximum { return "above maximum \(maximum)" }
        case "boolean":
            guard value == "true" || value == "false" else { return "must be true or false, got '\(value)'" }
        default:
            if let allowed = parameter.enumValues, !allowed.contains(where: { $0.caseInsensitiveCompare(value) == .orderedSame }) {
                return "must be one of \(allowed), got '\(value)'"
            }
            if parameter.format == "int64" || parameter.format == "uint64", Int64(value) == nil {
                return "must be a decimal \(parameter.format ?? ""), got '\(value)'"
            }
        }
        return nil
    }

    /// Violations of `body` against the request schema of `method` (`requireAnnotated`: enforce
    /// `annotations.required` for this method, false for the metadata part of a media upload).
    func validateBody(_ body: JSONValue, method: DiscoveryDocument.Method, requireAnnotated: Bool) -> [String] {
        guard let schemaName = method.requestSchema, let schema = document.schemas[schemaName] else {
            return ["\(method.id): takes no request body"]
        }
        var violations: [String] = []
        validate(body, schema, path: schemaName, methodID: requireAnnotated ? method.id : nil, depth: 0, into: &violations)
        return violations
    }

    private func validate(
        _ value: JSONValue, _ node: SchemaNode, path: String, methodID: String?, depth: Int, into violations: inout [String]
    ) {
        guard depth < 32 else { violations.append("\(path): nesting too deep"); return }
        if let ref = node.ref {
            guard let target = document.schemas[ref] else { violations.append("\(path): unknown schema \(ref)"); return }
            validate(value, target, path: path, methodID: methodID, depth: depth + 1, into: &violations)
            return
        }
        switch node.type ?? "any" {
        case "object":
            guard case .object(let members) = value else { return mismatch(path, "object", value, &violations) }
            validateObject(members, node, path: path, methodID: methodID, depth: depth, into: &violations)
        case "array":
            guard case .array(let elements) = value else { return mismatch(path, "array", value, &violations) }
            if let items = node.items {
                for (index, element) in elements.enumerated() {
                    validate(element, items, path: "\(path)[\(index)]", methodID: methodID, depth: depth + 1, into: &violations)
                }
            }
        case "string":
            validateString(value, node, path: path, into: &violations)
        case "integer":
            switch value {
            case .int: break
            case .string(let text) where Int64(text) != nil: break
            default: mismatch(path, "integer", value, &violations)
            }
        case "number":
            switch value {
            case .int, .double: break
            default: mismatch(path, "number", value, &violations)
            }
        case "boolean":
            guard case .bool = value else { return mismatch(path, "boolean", value, &violations) }
        default:
            break
        }
    }

    private func validateObject(
        _ members: [String: JSONValue], _ node: SchemaNode, path: String, methodID: String?, depth: Int,
        into violations: inout [String]
    ) {
        let properties = node.properties ?? [:]
        for (key, member) in members {
            if let property = properties[key] {
                validate(member, property, path: "\(path).\(key)", methodID: methodID, depth: depth + 1, into: &violations)
            } else if let additional = node.additionalProperties {
                validate(member, additional, path: "\(path).\(key)", methodID: methodID, depth: depth + 1, into: &violations)
            } else {
                violations.append("Invalid JSON payload received. Unknown name \"\(key)\" at '\(path)': Cannot find field.")
            }
        }
        if let methodID {
            for (key, property) in properties where property.requiredFor.contains(methodID) && members[key] == nil {
                violations.append("\(path).\(key) is required for \(methodID)")
            }
        }
    }

    private func validateString(_ value: JSONValue, _ node: SchemaNode, path: String, into violations: inout [String]) {
        guard case .string(let text) = value else { return mismatch(path, "string", value, &violations) }
        switch node.format {
        case "byte":
            if Base64URL.decode(text) == nil { violations.append("\(path): not valid base64 (format byte)") }
        case "int64", "uint64":
            if Int64(text) == nil, UInt64(text) == nil { violations.append("\(path): not a decimal \(node.format ?? "")") }
        default:
            break
        }
        if let allowed = node.enumValues, !allowed.contains(text) {
            violations.append("\(path): '\(text)' is not one of \(allowed)")
        }
    }

    private func mismatch(_ path: String, _ expected: String, _ value: JSONValue, _ violations: inout [String]) {
        violations.append("Invalid value at '\(path)' (TYPE_\(expected.uppercased())): got \(value.typeName)")
    }
}

/// MIME base64 bodies for the stand-in's message reader.
enum MIMEBase64 {
    /// Decodes a MIME base64 body (line breaks and other noise ignored, RFC 2045 §6.8).
    static func decode(_ body: ArraySlice<UInt8>) -> [UInt8] {
        Data(base64Encoded: Data(body), options: .ignoreUnknownCharacters).map { [UInt8]($0) } ?? []
    }
}
