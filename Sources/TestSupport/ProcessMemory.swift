import Foundation

/// This process's resident memory from `/proc/self/status` (Linux), for tests that bound the peak memory
/// of one operation.
///
/// ```swift
/// let baseline = try ProcessMemory.resetPeak()
/// try await operation()
/// let growth = try ProcessMemory.peak() - baseline
/// ```
///
/// The peak is process-wide: measure with nothing else running in the process (a filtered run).
public enum ProcessMemory {
    /// `/proc/self/status` could not be read or lacks the field (not Linux).
    public struct Unavailable: Error, CustomStringConvertible {
        /// What was missing.
        public let description: String
    }

    /// Current resident set size (`VmRSS`), in bytes.
    public static func resident() throws -> Int {
        try field("VmRSS")
    }

    /// Peak resident set size since start or the last ``resetPeak()`` (`VmHWM`), in bytes.
    public static func peak() throws -> Int {
        try field("VmHWM")
    }

    /// Resets `VmHWM` to the current resident size (`5` written to `/proc/self/clear_refs`, Linux ≥ 4.0)
    /// and returns that size.
    @discardableResult
    public static func resetPeak() throws -> Int {
        do {
            try "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
        } catch {
            throw Unavailable(description: "cannot reset the peak through /proc/self/clear_refs: \(error)")
        }
        return try resident()
    }

    /// A `kB` field of `/proc/self/status`, in bytes.
    private static func field(_ name: String) throws -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else {
            throw Unavailable(description: "no /proc/self/status")
        }
        for line in status.split(separator: "\n") where line.hasPrefix(name + ":") {
            let digits = line.dropFirst(name.count + 1).filter(\.isNumber)
            if let kilobytes = Int(digits) { return kilobytes * 1024 }
        }
        throw Unavailable(description: "no \(name) in /proc/self/status")
    }
}
