import Foundation
import TestSupport

/// The Gmail API discovery document (`gmail.v1.json`), read at test time from the PyPI package
/// google-api-python-client (`googleapiclient/discovery_cache/documents/gmail.v1.json`) or from
/// `MCPEMAILS_TEST_GMAIL_DISCOVERY`. Never committed: the stand-in checks our requests against
/// Google's published document, not against our own reading of it.
public struct DiscoveryDocument: Sendable {
    /// Environment variable naming the document's path.
    public static let environmentVariable = "MCPEMAILS_TEST_GMAIL_DISCOVERY"

    /// A REST method (`gmail.users.messages.list`, …).
    struct Method: Sendable {
        let id: String
        let httpMethod: String
        /// Path relative to `servicePath`, e.g. `gmail/v1/users/{userId}/messages/{id}`.
        let path: String
        let parameters: [String: Parameter]
        /// Schema name of the request body, if the method takes one.
        let requestSchema: String?
        let scopes: [String]
        let mediaUpload: MediaUpload?
    }

    /// A method parameter (path or query).
    struct Parameter: Sendable {
        let location: String
        let type: String
        let format: String?
        let required: Bool
        let repeated: Bool
        let enumValues: [String]?
        let minimum: String?
        let maximum: String?
    }

    /// `mediaUpload` of a method that accepts uploads.
    struct MediaUpload: Sendable {
        let accept: [String]
        let maxSize: Int
        let simplePath: String?
        let resumablePath: String?
    }

    let rootURL: String
    let servicePath: String
    let globalParameters: [String: Parameter]
    let methods: [Method]
    let schemas: [String: SchemaNode]

    /// Reads the document from `path`.
    public init(contentsOf path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let raw = try JSONDecoder().decode(RawDocument.self, from: data)
        rootURL = raw.rootUrl
        servicePath = raw.servicePath
        globalParameters = raw.parameters.mapValues(Parameter.init)
        var methods: [Method] = []
        Self.collect(raw.resources ?? [:], into: &methods)
        self.methods = methods
        schemas = raw.schemas
    }

    /// Finds the document: `MCPEMAILS_TEST_GMAIL_DISCOVERY`, else the installed googleapiclient package
    /// (asked of `python3` once per process).
    public static func locate() throws -> String {
        if let path = TestEnvironment.optional(environmentVariable) { return path }
        return try pythonPackageLocation.get()
    }

    private static let pythonPackageLocation = Result { try askPython() }

    private static func askPython() throws -> String {
        let result = try ChildProcess.runBlocking(
            "/usr/bin/env", ["python3", "-c", "import googleapiclient,os;print(os.path.dirname(googleapiclient.__file__))"],
            standardError: .null, timeout: .seconds(30))
        let directory = result.outputText.trimmingCharacters(in: .whitespacesAndNewlines)
        let path = directory + "/discovery_cache/documents/gmail.v1.json"
        guard result.status == 0, !directory.isEmpty, FileManager.default.fileExists(atPath: path) else {
            throw Missing()
        }
        return path
    }

    /// Thrown when neither the variable nor the Python package provides the document.
    public struct Missing: Error, CustomStringConvertible {
        public var description: String {
            "gmail.v1.json not found: set \(DiscoveryDocument.environmentVariable) or `pip install google-api-python-client` "
                + "(scripts/install-deps does)"
        }
    }

    /// The method whose HTTP method and path template match `path` (relative, no leading slash),
    /// preferring templates with more literal segments (`messages/send` over `messages/{id}`).
    func method(httpMethod: String, path: String) -> (Method, [String: String])? {
        var best: (Method, [String: String], Int)?
        for method in methods where method.httpMethod == httpMethod {
            guard let (captures, literals) = Self.match(template: method.path, path: path) else { continue }
            if let current = best, current.2 >= literals { continue }
            best = (method, captures, literals)
        }
        return best.map { ($0.0, $0.1) }
    }

    /// The method whose `mediaUpload.protocols.simple.path` matches `path` (with leading slash).
    func uploadMethod(httpMethod: String, path: String) -> (Method, [String: String])? {
        for method in methods where method.httpMethod == httpMethod {
            guard let template = method.mediaUpload?.simplePath else { continue }
            if let (captures, _) = Self.match(template: String(template.drop(while: { $0 == "/" })), path: path) {
                return (method, captures)
            }
        }
        return nil
    }

    static func match(template: String, path: String) -> ([String: String], Int)? {
        let templateSegments = template.split(separator: "/", omittingEmptySubsequences: false)
        let pathSegments = path.split(separator: "/", omittingEmptySubsequences: false)
        guard templateSegments.count == pathSegments.count else { return nil }
        var captures: [String: String] = [:]
        var literals = 0
        for (t, p) in zip(templateSegments, pathSegments) {
            if t.hasPrefix("{"), t.hasSuffix("}") {
                let name = t.dropFirst().dropLast().trimmingCharacters(in: CharacterSet(charactersIn: "+"))
                captures[name] = String(p).removingPercentEncoding ?? String(p)
            } else if t == p {
                literals += 1
            } else {
                return nil
            }
        }
        return (captures, literals)
    }

    private static func collect(_ resources: [String: RawResource], into methods: inout [Method]) {
        for resource in resources.values {
            for raw in (resource.methods ?? [:]).values {
                methods.append(Method(
                    id: raw.id, httpMethod: raw.httpMethod, path: raw.path,
                    parameters: (raw.parameters ?? [:]).mapValues(Parameter.init),
                    requestSchema: raw.request?.ref, scopes: raw.scopes ?? [],
                    mediaUpload: raw.mediaUpload.map {
                        MediaUpload(
                            accept: $0.accept, maxSize: Int($0.maxSize ?? "") ?? Int.max,
                            simplePath: $0.protocols?.simple?.path, resumablePath: $0.protocols?.resumable?.path
                        )
                    }
                ))
            }
            collect(resource.resources ?? [:], into: &methods)
        }
    }
}

extension DiscoveryDocument.Parameter {
    fileprivate init(_ raw: RawParameter) {
        self.init(
            location: raw.location ?? "query", type: raw.type ?? "string", format: raw.format,
            required: raw.required ?? false, repeated: raw.repeated ?? false, enumValues: raw.enum,
            minimum: raw.minimum, maximum: raw.maximum
        )
    }
}

/// A JSON schema node of the discovery format (`type`, `$ref`, `properties`, `items`, …).
final class SchemaNode: Decodable, Sendable {
    let type: String?
    let format: String?
    let ref: String?
    let properties: [String: SchemaNode]?
    let items: SchemaNode?
    let additionalProperties: SchemaNode?
    let enumValues: [String]?
    /// Method ids for which this property is required (`annotations.required`).
    let requiredFor: [String]

    private enum CodingKeys: String, CodingKey {
        case type, format, ref = "$ref", properties, items, additionalProperties, enumValues = "enum", annotations
    }

    private struct Annotations: Decodable { var required: [String]? }

    required init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        type = try c.decodeIfPresent(String.self, forKey: .type)
        format = try c.decodeIfPresent(String.self, forKey: .format)
        ref = try c.decodeIfPresent(String.self, forKey: .ref)
        properties = try c.decodeIfPresent([String: SchemaNode].self, forKey: .properties)
        items = try c.decodeIfPresent(SchemaNode.self, forKey: .items)
        additionalProperties = try? c.decodeIfPresent(SchemaNode.self, forKey: .additionalProperties)
        enumValues = try c.decodeIfPresent([String].self, forKey: .enumValues)
        requiredFor = (try c.decodeIfPresent(Annotations.self, forKey: .annotations))?.required ?? []
    }
}

private struct RawDocument: Decodable {
    var rootUrl: String
    var servicePath: String
    var parameters: [String: RawParameter]
    var resources: [String: RawResource]?
    var schemas: [String: SchemaNode]
}

private struct RawResource: Decodable {
    var methods: [String: RawMethod]?
    var resources: [String: RawResource]?
}

private struct RawMethod: Decodable {
    struct Ref: Decodable {
        var ref: String
        enum CodingKeys: String, CodingKey { case ref = "$ref" }
    }
    struct Media: Decodable {
        struct Protocols: Decodable {
            struct PathOnly: Decodable { var path: String }
            var simple: PathOnly?
            var resumable: PathOnly?
        }
        var accept: [String]
        var maxSize: String?
        var protocols: Protocols?
    }
    var id: String
    var httpMethod: String
    var path: String
    var parameters: [String: RawParameter]?
    var request: Ref?
    var scopes: [String]?
    var mediaUpload: Media?
}

private struct RawParameter: Decodable {
    var location: String?
    var type: String?
    var format: String?
    var required: Bool?
    var repeated: Bool?
    var `enum`: [String]?
    var minimum: String?
    var maximum: String?
}
