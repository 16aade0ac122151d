// libFuzzer target for the IMAP response parser (STYLE §5). Built by scripts/fuzz/imap.sh with
// `-sanitize=fuzzer,address`; not part of `swift test`.
//
// SwiftPM renames an executable's entry point, which hides libFuzzer's own `main`; so the top-level
// code below starts libFuzzer's driver itself (LLVMFuzzerRunDriver) with our callback.
//
// Oracle: besides "never crash, never hang", the parser must give the same answer whether the
// input arrives in one chunk or split at an arbitrary point, and every error must be an IMAPError.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import IMAP
import NIOCore

@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// Parses `chunks` with fresh `limits`, returning the responses and the first error's code.
private func parseAll(_ chunks: [ArraySlice<UInt8>], limits: IMAPLimits) -> ([Response], String?) {
    var parser = ResponseParser(limits: limits)
    var responses: [Response] = []
    do {
        for chunk in chunks {
            parser.append(ByteBuffer(bytes: chunk))
            while let response = try parser.next() { responses.append(response) }
        }
        return (responses, nil)
    } catch let error as IMAPError {
        return (responses, error.code.description)
    } catch {
        fatalError("non-IMAPError thrown: \(error)")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzIMAPResponseParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let small = IMAPLimits(maxLineLength: 512, maxLiteralSize: 1024, maxResponseSize: 4096,
                           maxNestingDepth: 8, maxExpandedSetSize: 1000)
    for limits in [IMAPLimits(), small] {
        let whole = parseAll([bytes[...]], limits: limits)
        let split = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
        let halves = parseAll([bytes[..<split], bytes[split...]], limits: limits)
        if whole.0 != halves.0 || whole.1 != halves.1 {
            fatalError("chunking changed the result at split \(split)")
        }
    }
    return 0
}

var arguments = CommandLine.argc
var argumentValues = CommandLine.unsafeArgv
exit(runFuzzerDriver(&arguments, &argumentValues, fuzzIMAPResponseParser))
