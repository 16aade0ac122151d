/// Version 1: workspaces, API keys, inboxes and their sealed credentials, rate-limit events,
/// quota counters, the send ledger, the audit log, pending OAuth flows, and a `settings` table
/// (holding, among others, the master key check value).
///
/// Only types both engines accept: `TEXT` and `BIGINT` (INTEGER affinity in SQLite). Ids are UUID
/// strings, times epoch milliseconds, secrets SecretBox base64.
enum Migration001Initial {
    static let migration = Migration(version: 1, name: "initial", statements: [
        """
        CREATE TABLE workspaces (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            plan TEXT NOT NULL,
            send_quota_override BIGINT,
            monthly_call_quota_override BIGINT,
            created_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE api_keys (
            id TEXT PRIMARY KEY,
            workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            prefix TEXT NOT NULL,
            secret_hash TEXT NOT NULL UNIQUE,
            scopes TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            last_used_at BIGINT,
            revoked_at BIGINT
        )
        """,
        "CREATE INDEX api_keys_workspace ON api_keys (workspace_id)",
        """
        CREATE TABLE inboxes (
            id TEXT PRIMARY KEY,
            workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
            provider TEXT NOT NULL,
            address TEXT NOT NULL,
            display_name TEXT,
            status TEXT NOT NULL,
            settings TEXT NOT NULL,
            created_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX inboxes_workspace ON inboxes (workspace_id)",
        """
        CREATE TABLE inbox_credentials (
            inbox_id TEXT PRIMARY KEY REFERENCES inboxes (id) ON DELETE CASCADE,
            sealed TEXT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE rate_events (
            key_id TEXT NOT NULL,
            at_ms BIGINT NOT NULL
        )
        """,
        "CREATE INDEX rate_events_key_at ON rate_events (key_id, at_ms)",
        """
        CREATE TABLE rate_rejections (
            key_id TEXT NOT NULL,
            day TEXT NOT NULL,
            count BIGINT NOT NULL,
            PRIMARY KEY (key_id, day)
        )
        """,
        """
        CREATE TABLE quota_counters (
            workspace_id TEXT NOT NULL,
            counter TEXT NOT NULL,
            count BIGINT NOT NULL,
            PRIMARY KEY (workspace_id, counter)
        )
        """,
        """
        CREATE TABLE sends (
            id TEXT PRIMARY KEY,
            workspace_id TEXT NOT NULL,
            inbox_id TEXT NOT NULL,
            tool TEXT NOT NULL,
            idempotency_key TEXT,
            fingerprint TEXT NOT NULL,
            status TEXT NOT NULL,
            provider_message_id TEXT,
            result_json TEXT,
            error_code TEXT,
            created_at BIGINT NOT NULL,
            completed_at BIGINT,
            UNIQUE (workspace_id, idempotency_key)
        )
        """,
        """
        CREATE TABLE audit_log (
            id TEXT PRIMARY KEY,
            at_ms BIGINT NOT NULL,
            workspace_id TEXT NOT NULL,
            key_id TEXT,
            inbox_id TEXT,
            tool TEXT NOT NULL,
            outcome TEXT NOT NULL,
            latency_ms BIGINT NOT NULL,
            request_id TEXT
        )
        """,
        "CREATE INDEX audit_log_workspace_at ON audit_log (workspace_id, at_ms)",
        """
        CREATE TABLE oauth_states (
            state_hash TEXT PRIMARY KEY,
            workspace_id TEXT NOT NULL,
            provider TEXT NOT NULL,
            sealed_verifier TEXT NOT NULL,
            context TEXT NOT NULL,
            expires_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE settings (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )
        """,
    ])
}
