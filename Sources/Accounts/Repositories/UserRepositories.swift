import Foundation

/// Dashboard users. Passwords arrive already hashed (bcrypt, by the dashboard); this layer never
/// sees a clear password.
public protocol UserRepository: Sendable {
    /// Creates a workspace on `plan` named `workspaceName` and its owner, in one transaction.
    /// Returns `nil` (and creates nothing) when the normalized email is already taken.
    func createOwner(email: String, passwordHash: String, workspaceName: String, plan: Plan) async throws -> User?

    /// Adds a member to an existing workspace. Returns `nil` when the email is already taken.
    func createMember(email: String, passwordHash: String, workspaceID: UUID) async throws -> User?

    /// The user and stored password hash for a sign-in address (normalized here), or `nil`.
    func credentials(email: String) async throws -> (user: User, passwordHash: String)?

    /// The user with this id.
    func get(id: UUID) async throws -> User?

    /// The workspace's users, oldest first.
    func list(workspaceID: UUID) async throws -> [User]

    /// Deletes a member (never an owner) of `workspaceID`, with their sessions. Returns `false` when no such
    /// member exists there.
    func removeMember(id: UUID, workspaceID: UUID) async throws -> Bool

    /// Replaces the stored password hash. Returns `false` for an unknown user.
    func updatePassword(id: UUID, passwordHash: String) async throws -> Bool
}

/// Browser sessions, stored as SHA-256 hashes of their cookie tokens.
public protocol DashboardSessionRepository: Sendable {
    /// Starts a session; returns it with the cookie token (shown only here).
    func create(userID: UUID, lifetime: TimeInterval, now: Date) async throws -> (session: DashboardSession, token: String)

    /// The live session and its user for a cookie token; `nil` when unknown or expired (an
    /// expired one is deleted).
    func find(token: String, now: Date) async throws -> (session: DashboardSession, user: User)?

    /// Ends the session for this token (log out). Unknown tokens are ignored.
    func delete(token: String) async throws

    /// Ends every session of `userID` except `keeping` (after a password change: other browsers are signed
    /// out, this one stays). Returns how many ended.
    func deleteAll(userID: UUID, keeping: UUID?) async throws -> Int

    /// Deletes expired sessions; returns how many.
    func purgeExpired(now: Date) async throws -> Int
}

/// Invite links, stored as SHA-256 hashes of their tokens.
public protocol InviteRepository: Sendable {
    /// Creates an invite; returns it with the link token (shown only here).
    func create(workspaceID: UUID, createdBy: UUID, lifetime: TimeInterval, now: Date) async throws -> (invite: Invite, token: String)

    /// The live invite for a token without using it up (to render the join page).
    func find(token: String, now: Date) async throws -> Invite?

    /// Takes the invite atomically: a second consume of the same token returns `nil`, and so does
    /// an expired one.
    func consume(token: String, now: Date) async throws -> Invite?
}

/// Failed sign-in attempts, shared by every instance on the database, for backoff.
public protocol LoginThrottleRepository: Sendable {
    /// Records one failed attempt under `subject` (e.g. `email:ana@example.com`, `ip:127.0.0.1`).
    func recordFailure(subject: String, now: Date) async throws

    /// Failed attempts under `subject` at or after `since`.
    func failures(subject: String, since: Date) async throws -> Int

    /// The times of those attempts, oldest first (to tell when enough of them leave a window).
    func failureTimes(subject: String, since: Date) async throws -> [Date]

    /// Forgets the subject's failures (after a successful sign-in).
    func reset(subject: String) async throws
}
