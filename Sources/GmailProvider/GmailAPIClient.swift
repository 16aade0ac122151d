import AsyncHTTPClient
import Foundation
import Logging
import MailCore
import NIOCore
import NIOHTTP1

/// One authenticated Gmail REST call at a time: adds the bearer token, retries once after a 401
/// with a refreshed token (`AccessTokenSource.invalidate`), reads the answer and turns failures into
/// `MailError` through `GmailErrorMapper`. Tokens, query strings and bodies are never logged.
struct GmailAPIClient: Sendable {
    /// One request, described independently of the token.
    struct Call: Sendable {
        var method: HTTPMethod = .GET
        /// Path below the API root, e.g. `/gmail/v1/users/me/messages`.
        var path: String
        var query: [(String, String)] = []
        var body: ByteBuffer?
        var contentType: String?
        var operation: GmailOperation
    }

    let baseURL: String
    let tokens: any AccessTokenSource
    let httpClient: HTTPClient
    let logger: Logger
    let limits: GmailLimits

    /// Performs `call` and decodes its JSON answer.
    func json<T: Decodable>(_ call: Call, as type: T.Type) async throws -> T {
        let body = try await perform(call)
        do {
            return try JSONDecoder().decode(T.self, from: Data(body.readableBytesView))
        } catch {
            logger.warning("unexpected Gmail answer", metadata: ["path": "\(call.path)", "type": "\(T.self)"])
            throw MailError(.providerError, detail: "Gmail answered with an unexpected \(T.self) shape")
        }
    }

    /// Performs `call`, returning the body of a 2xx answer.
    func perform(_ call: Call) async throws -> ByteBuffer {
        let url = baseURL + call.path + Self.queryString(call.query)
        let timeout = call.operation == .send ? limits.sendTimeout : limits.requestTimeout
        for attempt in 1...2 {
            let token = try await tokens.accessToken()
            var request = HTTPClientRequest(url: url)
            request.method = call.method
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
            request.headers.add(name: "Accept", value: "application/json")
            if let body = call.body {
                request.body = .bytes(body)
                request.headers.add(name: "Content-Type", value: call.contentType ?? "application/json")
            }
            let (status, headers, body) = try await execute(request, timeout: timeout, operation: call.operation)
            logger.debug("Gmail API call", metadata: [
                "method": "\(call.method.rawValue)", "path": "\(call.path)", "status": "\(status)", "attempt": "\(attempt)",
            ])
            if status == 401 && attempt == 1 {
                await tokens.invalidate(token)
                continue
            }
            guard (200..<300).contains(status) else {
                throw GmailErrorMapper.map(
                    status: status, headers: headers, body: body, operation: call.operation,
                    defaultRetryAfter: limits.defaultRetryAfterSeconds
                )
            }
            return body
        }
        throw MailError(.authFailed, detail: "Gmail rejected the refreshed access token")
    }

    private func execute(
        _ request: HTTPClientRequest, timeout: TimeAmount, operation: GmailOperation
    ) async throws -> (Int, HTTPHeaders, ByteBuffer) {
        do {
            let response = try await httpClient.execute(request, timeout: timeout)
            let body = try await response.body.collect(upTo: limits.maximumResponseBytes)
            return (Int(response.status.code), response.headers, body)
        } catch let error as MailError {
            throw error
        } catch {
            logger.notice("Gmail API transport failure", metadata: ["error": "\(String(describing: type(of: error)))"])
            throw GmailErrorMapper.transport(error, operation: operation)
        }
    }

    /// `?a=b&c=d` with RFC 3986 percent-encoding of everything but unreserved characters.
    static func queryString(_ items: [(String, String)]) -> String {
        guard !items.isEmpty else { return "" }
        return "?" + items.map { "\(percentEncode($0.0))=\(percentEncode($0.1))" }.joined(separator: "&")
    }

    static func percentEncode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }

    /// A message id as a path segment. Gmail ids are hexadecimal; anything that could escape the
    /// path (`/`, `..`, `%`) is rejected as not found, without a request.
    static func pathSegment(messageID: String) throws -> String {
        guard !messageID.isEmpty, messageID.utf8.count <= 64,
              messageID.unicodeScalars.allSatisfy({ $0.isASCII && (Character($0).isLetter || Character($0).isNumber) })
        else { throw MailError(.messageNotFound) }
        return messageID
    }
}
