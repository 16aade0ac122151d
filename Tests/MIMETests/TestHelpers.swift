@testable import MIME

/// Bytes of a message written with `\n` line endings, converted to CRLF when asked.
func messageBytes(_ text: String, crlf: Bool = true) -> [UInt8] {
    let lf = text.replacing("\r\n", with: "\n")
    return Array((crlf ? lf.replacing("\n", with: "\r\n") : lf).utf8)
}

/// Both line-ending styles, for parameterized tests.
let lineEndingStyles = [true, false]
