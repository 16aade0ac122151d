import NIOCore
import NIOSSL

/// How the connection to the server is protected.
public enum IMAPConnectionSecurity: String, Hashable, Sendable, CaseIterable {
    /// Implicit TLS from the first byte (RFC 8314), normally port 993.
    case tls
    /// Plaintext connect, then `STARTTLS` before anything else (RFC 3501 §6.2.1), normally port 143.
    /// If the server refuses or TLS fails, the connection fails: we never log in without TLS.
    case startTLS = "starttls"
    /// No TLS at all. Only for loopback test servers; callers must refuse it for other hosts.
    case none
}

/// TLS settings: certificates are always verified, including the host name.
public struct IMAPTLSOptions: Hashable, Sendable {
    /// An extra certificate authority to trust, e.g. for a self-hosted server.
    public enum TrustedCA: Hashable, Sendable {
        /// A PEM file path (one or more certificates).
        case pemFile(String)
        /// PEM text as bytes.
        case pemBytes([UInt8])
    }

    /// Trusted in addition to the system's roots.
    public var additionalTrustedCA: TrustedCA?
    /// The name to verify the certificate against (and send as SNI); defaults to the host
    /// connected to. IP addresses are checked against the certificate's IP entries.
    public var serverHostname: String?

    /// Creates TLS options.
    public init(additionalTrustedCA: TrustedCA? = nil, serverHostname: String? = nil) {
        self.additionalTrustedCA = additionalTrustedCA
        self.serverHostname = serverHostname
    }

    /// A client TLS context with full certificate and host-name verification, TLS 1.2 or later.
    func makeContext() throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .fullVerification
        configuration.minimumTLSVersion = .tlsv12
        do {
            switch additionalTrustedCA {
            case .pemFile(let path):
                configuration.additionalTrustRoots = [.file(path)]
            case .pemBytes(let bytes):
                configuration.additionalTrustRoots = [.certificates(try NIOSSLCertificate.fromPEMBytes(bytes))]
            case nil:
                break
            }
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw IMAPError(.tlsFailure, hint: "could not load the trusted CA: \(error)")
        }
    }

    /// The SNI / verification name for `host`: `nil` for IP literals (NIOSSL then checks the peer's IP).
    func verificationHostname(for host: String) -> String? {
        let name = serverHostname ?? host
        let isIPv4 = name.split(separator: ".").count == 4 && name.allSatisfy { $0.isNumber || $0 == "." }
        let isIPv6 = name.contains(":")
        return isIPv4 || isIPv6 ? nil : name
    }
}

extension Duration {
    /// The duration as a NIO `TimeAmount`.
    var timeAmount: TimeAmount {
        let (seconds, attoseconds) = components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
