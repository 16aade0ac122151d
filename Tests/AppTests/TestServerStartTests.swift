import Foundation
import Testing

/// The test harness itself: a server that cannot start must fail its test, not hang it (CI run 11 hung for
/// minutes on a port taken between being picked and bound).
@Suite("Test server start-up")
struct TestServerStartTests {
    @Test("a server whose port is taken fails to start with an error instead of waiting forever", .timeLimit(.minutes(1)))
    func portTaken() async throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        #expect(bound && listen(fd, 1) == 0)
        let port = Int(UInt16(bigEndian: address.sin_port))
        await #expect(throws: (any Error).self) {
            let server = try await TestServer.start(.sqlite, configure: { $0.port = port })
            await server.stop()
        }
    }
}
