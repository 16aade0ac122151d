import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One IP address or CIDR block (`10.0.0.0/8`, `192.0.2.7`, `fd00::/8`, `::1`), for deciding which peers
/// are trusted reverse proxies. Addresses are compared as bytes (4 for IPv4, 16 for IPv6); an IPv4-mapped
/// IPv6 peer (`::ffff:192.0.2.7`) matches the IPv4 block.
struct IPAddressRange: Hashable, Sendable, CustomStringConvertible {
    let network: [UInt8]
    let prefixLength: Int

    /// Parses `address` or `address/prefix`; nil when malformed or the prefix is out of range.
    init?(_ text: some StringProtocol) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let bytes = Self.bytes(of: parts[0]) else { return nil }
        let bits = bytes.count * 8
        let prefix: Int
        if parts.count == 2 {
            guard let parsed = Int(parts[1]), (0...bits).contains(parsed), parts[1].allSatisfy(\.isASCII) else { return nil }
            prefix = parsed
        } else {
            prefix = bits
        }
        self.prefixLength = prefix
        self.network = Self.masked(bytes, prefix: prefix)
    }

    /// Whether `address` (textual IPv4 or IPv6) lies in this range.
    func contains(_ address: some StringProtocol) -> Bool {
        guard var bytes = Self.bytes(of: address) else { return false }
        if bytes.count == 16, network.count == 4, bytes.prefix(12) == Self.mappedPrefix[...] { bytes = Array(bytes.suffix(4)) }
        guard bytes.count == network.count else { return false }
        return Self.masked(bytes, prefix: prefixLength) == network
    }

    var description: String {
        let text = network.count == 4 ? network.map(String.init).joined(separator: ".") : "ipv6"
        return "\(text)/\(prefixLength)"
    }

    /// The address's bytes, or nil when `text` is not an IPv4 or IPv6 address.
    static func bytes(of text: some StringProtocol) -> [UInt8]? {
        let string = String(text)
        guard !string.isEmpty, string.utf8.count <= 45 else { return nil }
        var v4 = in_addr()
        if inet_pton(AF_INET, string, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, string, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }

    /// Whether `text` is an IPv4 or IPv6 address.
    static func isAddress(_ text: some StringProtocol) -> Bool { bytes(of: text) != nil }

    private static let mappedPrefix: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF]

    private static func masked(_ bytes: [UInt8], prefix: Int) -> [UInt8] {
        bytes.enumerated().map { index, byte in
            let bitsHere = max(0, min(8, prefix - index * 8))
            return bitsHere == 0 ? 0 : byte & UInt8(truncatingIfNeeded: 0xFF << (8 - bitsHere))
        }
    }
}

/// The client address of a request that may have come through trusted reverse proxies.
///
/// Only when the peer itself is a trusted proxy is `X-Forwarded-For` read, from its right end (the entry
/// the nearest proxy added) leftwards, skipping trusted proxies: the first other address is the client.
/// Entries further left could have been written by the client and are never used. Anything malformed
/// ends the walk at the last trusted hop's view.
enum ForwardedClient {
    static func address(peer: String, forwardedFor: [String], trusted: [IPAddressRange]) -> String {
        guard !trusted.isEmpty, isTrusted(peer, trusted) else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        var client = peer
        for hop in hops.reversed() {
            guard IPAddressRange.isAddress(hop) else { return client }
            client = hop
            if !isTrusted(hop, trusted) { return hop }
        }
        return client
    }

    static func isTrusted(_ address: String, _ trusted: [IPAddressRange]) -> Bool {
        trusted.contains { $0.contains(address) }
    }
}
