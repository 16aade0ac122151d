/// Version 3: an index on `audit_log (at_ms)`, so ``Housekeeping`` finds entries past their retention
/// across every workspace without reading the whole log.
enum Migration003Housekeeping {
    static let migration = Migration(version: 3, name: "housekeeping", statements: [
        "CREATE INDEX audit_log_at ON audit_log (at_ms)",
    ])
}
