import Dispatch
import Accounts
import Foundation
import HummingbirdBcrypt

/// bcrypt hashing and verification, run on a Dispatch thread: a cost-12 hash takes a quarter of a
/// second of CPU, which must not stall Swift's cooperative pool (two threads on a 2-core machine).
struct PasswordHasher: Sendable {
    /// log2 rounds.
    let cost: UInt8
    /// A hash of a random password at the same cost: verified against when an email is unknown, so a
    /// failed sign-in takes the same time whether or not the account exists.
    let dummyHash: String

    init(cost: UInt8) {
        let clamped = min(31, max(4, cost))
        self.cost = clamped
        self.dummyHash = Bcrypt.hash(SecretToken.generate(), cost: clamped)
    }

    /// A new salted hash of `password`.
    func hash(_ password: String) async -> String {
        let cost = self.cost
        return await Self.offPool { Bcrypt.hash(password, cost: cost) }
    }

    /// Whether `password` matches `hash`.
    func verify(_ password: String, hash: String) async -> Bool {
        await Self.offPool { Bcrypt.verify(password, hash: hash) }
    }

    /// Spends the same work as a real verification, for unknown accounts. Always `false`.
    func verifyAgainstDummy(_ password: String) async -> Bool {
        _ = await verify(password, hash: dummyHash)
        return false
    }

    private static func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }
}
