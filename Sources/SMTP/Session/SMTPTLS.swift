import NIOCore
import NIOSSL

/// Builds the TLS client side of a connection: verified certificates, host name or IP checked, TLS 1.2+.
enum SMTPTLS {
    /// A client context trusting the system's roots plus `additionalTrustRootsPEM`, requiring TLS 1.2+.
    static func makeContext(additionalTrustRootsPEM: String?) throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        configuration.certificateVerification = .fullVerification
        if let pem = additionalTrustRootsPEM {
            let certificates: [NIOSSLCertificate]
            do {
                certificates = try NIOSSLCertificate.fromPEMBytes(Array(pem.utf8))
            } catch {
                throw SMTPError(.tlsFailure, hint: "the extra CA certificate is not valid PEM")
            }
            guard !certificates.isEmpty else {
                throw SMTPError(.tlsFailure, hint: "the extra CA file holds no certificate")
            }
            configuration.additionalTrustRoots = [.certificates(certificates)]
        }
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw SMTPError(.tlsFailure, hint: "TLS setup failed: \(error)")
        }
    }

    /// A client handler for `host`. An IP address is not sent as SNI; NIOSSL then checks the certificate
    /// against the peer's address instead of a name.
    static func makeHandler(context: NIOSSLContext, host: String) throws -> NIOSSLClientHandler {
        try NIOSSLClientHandler(context: context, serverHostname: isIPAddress(host) ? nil : host)
    }

    /// Whether `host` is an IPv4 or IPv6 literal.
    static func isIPAddress(_ host: String) -> Bool {
        (try? SocketAddress(ipAddress: host, port: 0)) != nil
    }

    /// A short, safe explanation of a TLS failure.
    static func hint(for error: any Error) -> String {
        let text = String(describing: error)
        if text.contains("CERTIFICATE_VERIFY_FAILED") || text.contains("unable to get local issuer") {
            return "the server's certificate is not trusted (unknown CA, expired or self-signed)"
        }
        if let error = error as? NIOSSLExtraError, error == .failedToValidateHostname {
            return "the server's certificate does not match the host name or address"
        }
        if text.contains("WRONG_VERSION_NUMBER") || text.contains("unexpected") {
            return "the server did not speak TLS on this port (try the other security mode)"
        }
        return "TLS handshake failed: \(text)"
    }

    /// Whether `error` came from the TLS layer.
    static func isTLSError(_ error: any Error) -> Bool {
        error is NIOSSLError || error is NIOSSLExtraError || error is BoringSSLError
    }
}

/// Counts the cleartext bytes the socket delivered before STARTTLS, so the session can prove that nothing
/// arrived after the server's 220 to STARTTLS (RFC 3207 §5; a man in the middle could inject replies there
/// that would later be read as if they came over TLS).
final class CleartextByteCounter: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    /// Bytes passed on so far. Read on the event loop only.
    private(set) var count = 0

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        count += unwrapInboundIn(data).readableBytes
        context.fireChannelRead(data)
    }
}
