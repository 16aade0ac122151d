// libFuzzer entry for the MIME parser, built and run by scripts/fuzz/mime.sh (not part of `swift test`).
//
// Every input goes through the whole reading path — framing, decoding, the message view, HTML
// sanitizing and HTML-to-text — and through the stand-alone header parsers. A crash, a hang (libFuzzer
// `-timeout`), an address-sanitizer report, or a broken invariant below is a finding.
import MIME
import MailCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMIME(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    let limits = MIMELimits(maximumDepth: 16, maximumPartCount: 200)
    let message = ParsedMessage.parse(bytes, limits: limits)
    _ = message.toMailCoreMessage(summary: message.makeSummary(messageID: "fuzz"), includeHTML: true, includeAttachmentData: true)
    let text = String(decoding: bytes, as: UTF8.self)
    let sanitized = HTMLSanitizer.sanitize(text)
    // The sanitizer's output must be a fixed point: sanitizing it again changes nothing.
    if HTMLSanitizer.sanitize(sanitized) != sanitized { fatalError("sanitizer output is not stable") }
    if sanitized.lowercased().contains("<script") { fatalError("script survived sanitizing") }
    _ = HTMLToText.convert(text)
    _ = AddressListParser.parse(text)
    _ = EncodedWords.decode(text)
    _ = RFC5322Date.parse(text)
    _ = Snippet.make(from: text)
    _ = MessageIDList.parse(text)
    _ = ContentType(headerValue: text)
    _ = Charsets.decode(bytes, charset: bytes.count > 1 && bytes[0] < 0x40 ? "shift_jis" : "iso-2022-jp")
    return 0
}
