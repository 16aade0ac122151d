@testable import Dashboard
import Foundation
import Testing

/// The sign-in backoff's wait is the true time until an attempt may proceed, not the whole window.
@Suite("Sign-in backoff wait")
struct LoginBackoffTests {
    @Test("Retry-After is the time until enough failures leave the window, under either subject", arguments: DatabaseKind.allCases)
    func trueWait(_ kind: DatabaseKind) async throws {
        try await withServer(kind) { server in
            let throttle = LoginThrottle(repository: server.stores.loginThrottle, perEmail: 3, perClient: 5, window: 900)
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            let ana = LoginThrottle.subjects(kind: "login", email: "ana-\(UUID())@example.com", clientAddress: "192.0.2.\(Int.random(in: 1...250))")
            // Failures at 0 s, 100 s, 200 s, 300 s (four, limit three).
            for offset in [0.0, 100, 200] {
                #expect(try await throttle.wait(ana, now: start.addingTimeInterval(offset)) == nil)
                try await throttle.recordFailure(ana, now: start.addingTimeInterval(offset))
            }
            #expect(try await throttle.wait(ana, now: start.addingTimeInterval(300)) == 600)  // until the one at 0 s leaves
            try await throttle.recordFailure(ana, now: start.addingTimeInterval(300))
            // At 350 s: four in the window; the count drops under three once the failure at 100 s leaves (at 1000 s).
            #expect(try await throttle.wait(ana, now: start.addingTimeInterval(350)) == 650)
            #expect(try await throttle.wait(ana, now: start.addingTimeInterval(999.5)) == 1)
            #expect(try await throttle.wait(ana, now: start.addingTimeInterval(1_000.5)) == nil)

            // The client subject counts other addresses too: five failures across addresses lock the client.
            let client = "198.51.100.\(Int.random(in: 1...250))"
            for index in 0..<5 {
                let other = LoginThrottle.subjects(kind: "login", email: "user\(index)-\(UUID())@example.com", clientAddress: client)
                try await throttle.recordFailure(other, now: start.addingTimeInterval(Double(index) * 10))
            }
            let fresh = LoginThrottle.subjects(kind: "login", email: "new-\(UUID())@example.com", clientAddress: client)
            #expect(try await throttle.wait(fresh, now: start.addingTimeInterval(60)) == 840)
        }
    }
}
