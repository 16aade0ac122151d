/// Version 2: the web dashboard's people and browsers — `users` (one workspace each, email stored
/// normalized and unique), `dashboard_sessions` and `invites` (tokens kept only as SHA-256 hex), and
/// `login_failures`, the failed sign-in events behind the login backoff.
///
/// Same conventions as version 1: `TEXT` and `BIGINT` only, UUID-string ids, epoch-millisecond times.
enum Migration002Dashboard {
    static let migration = Migration(version: 2, name: "dashboard", statements: [
        """
        CREATE TABLE users (
            id TEXT PRIMARY KEY,
            email TEXT NOT NULL UNIQUE,
            password_hash TEXT NOT NULL,
            workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
            role TEXT NOT NULL,
            created_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX users_workspace ON users (workspace_id)",
        """
        CREATE TABLE dashboard_sessions (
            id TEXT PRIMARY KEY,
            token_hash TEXT NOT NULL UNIQUE,
            user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            csrf_token TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX dashboard_sessions_user ON dashboard_sessions (user_id)",
        "CREATE INDEX dashboard_sessions_expires ON dashboard_sessions (expires_at)",
        """
        CREATE TABLE invites (
            id TEXT PRIMARY KEY,
            token_hash TEXT NOT NULL UNIQUE,
            workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
            created_by TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            created_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL,
            used_at BIGINT
        )
        """,
        "CREATE INDEX invites_workspace ON invites (workspace_id)",
        "CREATE INDEX invites_created_by ON invites (created_by)",
        """
        CREATE TABLE login_failures (
            subject TEXT NOT NULL,
            at_ms BIGINT NOT NULL
        )
        """,
        "CREATE INDEX login_failures_subject_at ON login_failures (subject, at_ms)",
        "CREATE INDEX login_failures_at ON login_failures (at_ms)",
    ])
}
