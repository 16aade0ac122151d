import Foundation
import Testing
import TestSupport

@Suite("Child processes for tests")
struct ChildProcessTests {
    @Test("exit status, standard output and standard error are returned apart")
    func statusAndStreams() async throws {
        let result = try await ChildProcess.run("/bin/sh", ["-c", "printf out; printf err >&2; exit 7"])
        #expect(result.status == 7)
        #expect(result.outputText == "out")
        #expect(result.errorText == "err")
    }

    @Test("input reaches the child and ends with end of file; output larger than a pipe buffer is not lost")
    func inputAndLargeOutput() async throws {
        let input = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 % 251) })
        let result = try await ChildProcess.run("/bin/cat", [], input: input)
        #expect(result.status == 0)
        #expect(result.standardOutput == input)
    }

    @Test("a bare name is found on PATH; a missing executable is a launch failure, not a hang")
    func lookup() async throws {
        let result = try await ChildProcess.run("true", [])
        #expect(result.status == 0)
        await #expect(throws: ChildProcess.LaunchFailure.self) {
            _ = try await ChildProcess.run("/nonexistent/mcpemails-no-such-tool", [])
        }
    }

    @Test("the environment replaces ours when given")
    func environment() async throws {
        let result = try await ChildProcess.run("/usr/bin/env", [], environment: ["ONLY_THIS": "1"])
        #expect(result.outputText == "ONLY_THIS=1\n")
    }

    @Test("the timeout kills a child that runs too long (status 128 + SIGKILL)")
    func timeout() async throws {
        let started = ContinuousClock.now
        let result = try await ChildProcess.run("/bin/sleep", ["30"], timeout: .milliseconds(300))
        #expect(result.status == 128 + SIGKILL)
        #expect(ContinuousClock.now - started < .seconds(20))
    }

    @Test("a long-running child is signalled and reaped once")
    func spawnAndSignal() async throws {
        let child = try ChildProcess.spawn("/bin/sleep", ["30"])
        #expect(child.isRunning)
        child.signal(SIGTERM)
        #expect(await child.waitForExit() == 128 + SIGTERM)
        #expect(child.isRunning == false)
        #expect(child.waitForExitBlocking() == 128 + SIGTERM)
        child.signal(SIGKILL)  // after reaping: must not signal a reused pid, and must not crash
    }

    /// The reason this type exists: Foundation's `Process.run` read past a buffer with about 1,360
    /// descriptors open. With 1,600 open here, the child must start and inherit none of them.
    @Test("with 1,600 descriptors open the child starts and inherits only 0, 1 and 2")
    func manyOpenDescriptors() async throws {
        var opened: [Int32] = []
        defer { opened.forEach { _ = close($0) } }
        for _ in 0..<1_600 {
            let descriptor = open("/dev/null", O_RDONLY)
            try #require(descriptor >= 0)
            opened.append(descriptor)
        }
        // `ls` opens the directory itself (one more descriptor, listed too): list via the shell's glob.
        let result = try await ChildProcess.run("/bin/sh", ["-c", "cd /proc/self/fd && echo *"])
        let inherited = result.outputText.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        #expect(result.status == 0)
        #expect(inherited.filter { $0 > 2 }.count <= 1, "inherited: \(inherited)")
        #expect(Set(inherited).isSuperset(of: [0, 1, 2]))
    }
}
