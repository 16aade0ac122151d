import Foundation
@testable import IMAPProvider
import MIME
import MailCore
import TestSupport
import Testing

/// Peak memory of building and sending a message with a 10 MiB attachment: SMTP DATA and the Sent copy
/// (IMAP APPEND), both over STARTTLS, as in production.
///
/// The peak (`VmHWM`) is process-wide, so this runs only when asked, alone:
/// `MCPEMAILS_MEASURE_MEMORY=1 swift test --filter LargeSendMemoryTests`.
@Suite("IMAP provider: peak memory of a 10 MB send",
       .enabled(if: ProcessInfo.processInfo.environment["MCPEMAILS_MEASURE_MEMORY"] == "1"))
struct LargeSendMemoryTests {
    private static let mebibyte = 1024 * 1024

    @Test("building and sending a 10 MiB attachment (DATA + APPEND) adds at most 2× the attachment to the peak")
    func tenMebibyteSend() async throws {
        guard let fixture = try MailFixture.make() else { return }
        let (sender, recipient) = (fixture.newUser("memory"), fixture.newUser("memoryrcpt"))
        let provider = try fixture.provider(for: sender)
        // Warm up: SMTP session, IMAP connection, TLS contexts, folder list.
        _ = try await provider.send(OutgoingMessage(from: EmailAddress(address: sender),
                                                    to: [EmailAddress(address: recipient)], subject: "warm", textBody: "x"))
        let size = 10 * Self.mebibyte
        let data = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }
        let message = OutgoingMessage(
            from: EmailAddress(address: sender), to: [EmailAddress(address: recipient)], subject: "large",
            textBody: "see attached",
            attachments: [OutgoingAttachment(filename: "large.bin", mimeType: "application/octet-stream", data: data)])

        let baseline = try ProcessMemory.resetPeak()
        let started = ContinuousClock.now
        let receipt = try await provider.send(message)
        let elapsed = ContinuousClock.now - started
        let growth = try ProcessMemory.peak() - baseline
        print("10 MiB send: \(elapsed), peak grew by \(growth / Self.mebibyte) MiB "
              + "(\(String(format: "%.2f", Double(growth) / Double(size)))× the attachment)")
        #expect(receipt.providerMessageID != nil, "the Sent copy was appended")
        #expect(growth < 2 * size)
        await provider.shutdown()
    }
}
