import NIOCore

/// The octets of a message literal (`APPEND`, RFC 3501 §6.3.11), carried to the wire as they are.
///
/// A message can be megabytes: the encoder never copies it into the command text, and the connection
/// writes it in slices of at most ``sliceSize`` octets, waiting for the channel between slices. So a
/// message held as `[UInt8]` is never held twice, and TLS encrypts a slice at a time, not the whole.
///
/// ```swift
/// let command = Command.append(mailbox: .inbox, flags: [.seen], date: nil, message: LiteralBytes(bytes))
/// ```
public struct LiteralBytes: Hashable, Sendable {
    private enum Storage: Hashable, Sendable {
        case buffer(ByteBuffer)
        case array([UInt8])
    }

    /// The most octets the connection writes in one go (and copies, for an array).
    public static let sliceSize = 64 * 1024

    private let storage: Storage

    /// The readable bytes of `buffer` (slices are views of it, not copies).
    public init(_ buffer: ByteBuffer) {
        storage = .buffer(buffer)
    }

    /// `bytes` (each slice is copied into a small buffer just before it is written).
    public init(_ bytes: [UInt8]) {
        storage = .array(bytes)
    }

    /// How many octets: the `n` of `{n}`.
    public var count: Int {
        switch storage {
        case .buffer(let buffer): buffer.readableBytes
        case .array(let bytes): bytes.count
        }
    }

    /// The octets in `range` (offsets from the start) as a buffer to write.
    func slice(_ range: Range<Int>) -> ByteBuffer {
        switch storage {
        case .buffer(let buffer):
            buffer.getSlice(at: buffer.readerIndex + range.lowerBound, length: range.count) ?? ByteBuffer()
        case .array(let bytes):
            ByteBuffer(bytes: bytes[range])
        }
    }

    /// Writes the octets into `buffer` (small literals travel inside the command text).
    func write(into buffer: inout ByteBuffer) {
        switch storage {
        case .buffer(let payload): buffer.writeImmutableBuffer(payload)
        case .array(let bytes): buffer.writeBytes(bytes)
        }
    }
}
