/// Version 4: every rate event gets `seq`, its number among its key's events (1, 2, 3, … in time order).
///
/// A key's events with `at_ms` after a window's start are the newest ones, so their count is
/// `newest seq − first seq inside the window + 1`: two index probes however full the window is. Before,
/// each request counted every event of its busiest window, up to 10,000 index entries for the day
/// window, under the database's write lock. Existing events are numbered in time order on the way.
enum Migration004RateSequence {
    static let migration = Migration(version: 4, name: "rate_sequence", statements: [
        """
        CREATE TABLE rate_events_numbered (
            key_id TEXT NOT NULL,
            seq BIGINT NOT NULL,
            at_ms BIGINT NOT NULL,
            PRIMARY KEY (key_id, seq)
        )
        """,
        """
        INSERT INTO rate_events_numbered (key_id, seq, at_ms)
        SELECT key_id, ROW_NUMBER() OVER (PARTITION BY key_id ORDER BY at_ms), at_ms FROM rate_events
        """,
        "DROP TABLE rate_events",
        "ALTER TABLE rate_events_numbered RENAME TO rate_events",
        "CREATE INDEX rate_events_key_at ON rate_events (key_id, at_ms, seq)",
    ])
}
