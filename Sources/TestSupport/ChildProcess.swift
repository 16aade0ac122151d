import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A child process for tests (psql, python3, Chromium, the `mcpemails` binary), started with
/// `posix_spawn` directly.
///
/// Why not Foundation's `Process`: on Linux its `run()` finds the highest open descriptor by copying
/// every `/proc/self/fd` entry's whole 256-byte `d_name` out of `readdir`'s buffer. Entries are shorter
/// than that, so the copy of the last entry in a full buffer (about 1,360 open descriptors, which a full
/// parallel test run passes) reads past the buffer's end, and when the next page is unmapped the test
/// process dies with "Bad pointer dereference" inside `memcpy`. Here the child closes every inherited
/// descriptor above 2 itself (`posix_spawn_file_actions_addclosefrom_np`), so nothing is listed.
public final class ChildProcess: Sendable {
    /// Where a standard stream of the child goes.
    public enum Stream: Sendable {
        /// `/dev/null`.
        case null
        /// A pipe to this process: collected by `run`, or read through `standardOutput`/`standardError`.
        case pipe
        /// Appended to the file at this path (created if missing).
        case file(String)
    }

    /// What a finished child left behind.
    public struct Output: Sendable {
        /// The exit status, or 128 + the signal number when a signal ended it.
        public let status: Int32
        public let standardOutput: Data
        public let standardError: Data

        public var outputText: String { String(decoding: standardOutput, as: UTF8.self) }
        public var errorText: String { String(decoding: standardError, as: UTF8.self) }
    }

    /// The child could not be started.
    public struct LaunchFailure: Error, CustomStringConvertible {
        public let executable: String
        public let errno: Int32
        public var description: String { "cannot start \(executable): \(String(cString: strerror(errno)))" }
    }

    /// The child's process id.
    public let pid: pid_t
    private let stdinWriter: FileDescriptorBox
    private let stdoutReader: PipeCollector?
    private let stderrReader: PipeCollector?
    private let exitStatusValue = OnceValue<Int32>()

    private init(pid: pid_t, stdinWriter: Int32?, stdoutReader: Int32?, stderrReader: Int32?) {
        self.pid = pid
        self.stdinWriter = FileDescriptorBox(stdinWriter)
        self.stdoutReader = stdoutReader.map(PipeCollector.init)
        self.stderrReader = stderrReader.map(PipeCollector.init)
    }

    // MARK: Running to the end

    /// Runs `executable` with `arguments`, feeds it `input` (then end of file), and returns its status and
    /// output once it exits. `timeout` kills it with SIGKILL when it runs longer. `environment` replaces
    /// this process's environment when given.
    public static func run(
        _ executable: String, _ arguments: [String], input: Data? = nil, environment: [String: String]? = nil,
        standardOutput: Stream = .pipe, standardError: Stream = .pipe, timeout: Duration = .seconds(120)
    ) async throws -> Output {
        let child = try spawn(executable, arguments, environment: environment, standardInput: input == nil ? .null : .pipe,
                              standardOutput: standardOutput, standardError: standardError)
        if let input { child.writeInputAndClose(input) }
        let status = await child.waitForExit(killingAfter: timeout)
        return Output(status: status, standardOutput: await child.stdoutReader?.collected() ?? Data(),
                      standardError: await child.stderrReader?.collected() ?? Data())
    }

    /// `run` for synchronous callers outside Swift's cooperative pool (it blocks the calling thread).
    public static func runBlocking(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
        standardOutput: Stream = .pipe, standardError: Stream = .pipe, timeout: Duration = .seconds(120)
    ) throws -> Output {
        let child = try spawn(executable, arguments, environment: environment,
                              standardOutput: standardOutput, standardError: standardError)
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { child.signal(SIGKILL) }
        let status = child.waitForExitBlocking()
        let output = child.collectedOutputBlocking()
        return Output(status: status, standardOutput: output.standardOutput, standardError: output.standardError)
    }

    // MARK: Long-running children

    /// Starts `executable` and returns at once. `.pipe` streams are collected in the background and
    /// returned by `collectedOutput()` after the child exits.
    public static func spawn(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
        standardInput: Stream = .null, standardOutput: Stream = .null, standardError: Stream = .null
    ) throws -> ChildProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var parentEnds: [Int32] = []
        var childEnds: [Int32] = []
        defer { childEnds.forEach { _ = close($0) } }
        func cleanUpAndThrow(_ code: Int32) -> LaunchFailure {
            parentEnds.forEach { _ = close($0) }
            return LaunchFailure(executable: executable, errno: code)
        }

        var ends: [Int32?] = []
        for (target, stream) in [(Int32(0), standardInput), (1, standardOutput), (2, standardError)] {
            switch stream {
            case .null:
                posix_spawn_file_actions_addopen(&actions, target, "/dev/null", target == 0 ? O_RDONLY : O_WRONLY, 0)
                ends.append(nil)
            case .file(let path):
                posix_spawn_file_actions_addopen(&actions, target, path, O_WRONLY | O_CREAT | O_APPEND, 0o600)
                ends.append(nil)
            case .pipe:
                var pair: [Int32] = [-1, -1]
                guard pipe(&pair) == 0 else { throw cleanUpAndThrow(errno) }
                // The child closes everything above 2 anyway; close-on-exec keeps other spawners' children out.
                pair.forEach { _ = fcntl($0, F_SETFD, FD_CLOEXEC) }
                let (childEnd, parentEnd) = target == 0 ? (pair[0], pair[1]) : (pair[1], pair[0])
                childEnds.append(childEnd)
                parentEnds.append(parentEnd)
                posix_spawn_file_actions_adddup2(&actions, childEnd, target)
                ends.append(parentEnd)
            }
        }
        try closeInheritedDescriptors(&actions)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // NIO ignores SIGPIPE, and an ignored signal stays ignored across exec: give the child the defaults
        // and an empty signal mask.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = CStringArray([executable] + arguments)
        let envp: CStringArray? = environment.map { CStringArray($0.map { "\($0.key)=\($0.value)" }) }
        var pid = pid_t()
        let result = argv.withPointers { argvPointer in
            // A bare name is looked up on PATH, like a shell would.
            let launch = executable.contains("/") ? posix_spawn : posix_spawnp
            if let envp {
                return envp.withPointers { launch(&pid, executable, &actions, &attributes, argvPointer, $0) }
            }
            return launch(&pid, executable, &actions, &attributes, argvPointer, environ)
        }
        guard result == 0 else { throw cleanUpAndThrow(result) }
        let child = ChildProcess(pid: pid, stdinWriter: ends[0], stdoutReader: ends[1], stderrReader: ends[2])
        child.startReaping()
        return child
    }

    /// True until the child has exited (and been reaped).
    public var isRunning: Bool { exitStatusValue.current == nil }

    /// The exit status once the child has exited.
    public var exitStatus: Int32? { exitStatusValue.current }

    /// Sends `signal` (SIGTERM by default) unless the child has already been reaped (its pid may be reused).
    public func signal(_ signal: Int32 = SIGTERM) {
        exitStatusValue.ifUnset { _ = kill(pid, signal) }
    }

    /// Waits for the child to exit and returns its status.
    public func waitForExit() async -> Int32 { await exitStatusValue.value() }

    /// Blocks the calling thread until the child exits; for synchronous callers outside Swift's
    /// cooperative pool.
    public func waitForExitBlocking() -> Int32 { exitStatusValue.blockingValue() }

    /// Waits for the child to exit, sending SIGKILL once `limit` has passed.
    public func waitForExit(killingAfter limit: Duration) async -> Int32 {
        let watchdog = Task { [self] in
            try await Task.sleep(for: limit)
            signal(SIGKILL)
        }
        let status = await waitForExit()
        watchdog.cancel()
        return status
    }

    /// Everything the child wrote to its `.pipe` streams, once they reached end of file.
    public func collectedOutput() async -> (standardOutput: Data, standardError: Data) {
        (await stdoutReader?.collected() ?? Data(), await stderrReader?.collected() ?? Data())
    }

    /// `collectedOutput()` for synchronous callers outside Swift's cooperative pool.
    public func collectedOutputBlocking() -> (standardOutput: Data, standardError: Data) {
        (stdoutReader?.collectedBlocking() ?? Data(), stderrReader?.collectedBlocking() ?? Data())
    }

    /// Writes `data` to the child's standard input (a `.pipe`) and closes it, on a thread of its own.
    public func writeInputAndClose(_ data: Data) {
        guard let descriptor = stdinWriter.take() else { return }
        Thread.detachNewThread {
            data.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        break  // the child closed its end (EPIPE): it does not want the rest
                    }
                    offset += written
                }
            }
            _ = close(descriptor)
        }
    }

    deinit {
        if let descriptor = stdinWriter.take() { _ = close(descriptor) }
    }

    /// Reaps the child on a thread of its own (a blocking `waitpid`), then wakes the waiters.
    private func startReaping() {
        let pid = pid
        Thread.detachNewThread { [self] in
            var raw: Int32 = 0
            while waitpid(pid, &raw, 0) == -1 && errno == EINTR {}
            let signalled = raw & 0x7f
            exitStatusValue.set(signalled == 0 ? (raw >> 8) & 0xff : 128 + signalled)
        }
    }

    /// Makes the child close every descriptor above 2 before exec, without listing them here.
    private static func closeInheritedDescriptors(_ actions: inout posix_spawn_file_actions_t) throws {
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        // glibc 2.34+ has it; the Glibc module does not declare it (it is a GNU extension).
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else {
            throw LaunchFailure(executable: "posix_spawn_file_actions_addclosefrom_np (needs glibc 2.34 or later)", errno: ENOSYS)
        }
        let closeFrom = unsafeBitCast(symbol, to: CloseFrom.self)
        let result = closeFrom(&actions, 3)
        guard result == 0 else { throw LaunchFailure(executable: "posix_spawn_file_actions_addclosefrom_np", errno: result) }
    }
}

/// A descriptor handed out once.
private final class FileDescriptorBox: Sendable {
    private let descriptor: Mutex<Int32?>
    init(_ descriptor: Int32?) { self.descriptor = Mutex(descriptor) }
    func take() -> Int32? { descriptor.withLock { value in defer { value = nil }; return value } }
}

/// Drains one pipe on a thread of its own from the moment the child starts, so a chatty child never
/// blocks on a full pipe, and hands the bytes over once the pipe reaches end of file.
private final class PipeCollector: Sendable {
    private let bytes = OnceValue<Data>()

    init(_ descriptor: Int32) {
        Thread.detachNewThread { [self] in
            var data = Data()
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count > 0 {
                    data.append(contentsOf: buffer[0..<count])
                } else if count < 0 && errno == EINTR {
                    continue
                } else {
                    break
                }
            }
            _ = close(descriptor)
            bytes.set(data)
        }
    }

    func collected() async -> Data { await bytes.value() }
    func collectedBlocking() -> Data { bytes.blockingValue() }
}

/// A value set once by one thread and awaited by others, from async code or by blocking a thread.
private final class OnceValue<Value: Sendable>: Sendable {
    private struct State {
        var value: Value?
        var waiters: [CheckedContinuation<Value, Never>] = []
        var blockedThreads: [DispatchSemaphore] = []
    }
    private let state = Mutex(State())

    var current: Value? { state.withLock { $0.value } }

    /// Runs `body` under the lock unless the value is set (so nothing sets it meanwhile).
    func ifUnset(_ body: () -> Void) {
        state.withLock { if $0.value == nil { body() } }
    }

    func set(_ value: Value) {
        let (waiters, blocked) = state.withLock { state in
            state.value = value
            defer { state.waiters = []; state.blockedThreads = [] }
            return (state.waiters, state.blockedThreads)
        }
        waiters.forEach { $0.resume(returning: value) }
        blocked.forEach { $0.signal() }
    }

    func value() async -> Value {
        await withCheckedContinuation { continuation in
            let ready: Value? = state.withLock { state in
                if let value = state.value { return value }
                state.waiters.append(continuation)
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    func blockingValue() -> Value {
        let semaphore = DispatchSemaphore(value: 0)
        let ready: Value? = state.withLock { state in
            if let value = state.value { return value }
            state.blockedThreads.append(semaphore)
            return nil
        }
        if let ready { return ready }
        semaphore.wait()
        return state.withLock { $0.value! }
    }
}

/// NUL-terminated C strings plus a NULL-terminated pointer array, alive for the duration of a call.
private struct CStringArray {
    private let strings: [String]
    init(_ strings: [String]) { self.strings = strings }

    func withPointers<R>(_ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
        let pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}
