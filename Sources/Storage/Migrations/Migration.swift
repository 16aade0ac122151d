/// One schema change: a version number, a name, and SQL statements valid in both SQLite and
/// PostgreSQL. Statements run in order inside the migrator's transaction; each must be a single
/// statement (SQLite prepares one at a time).
struct Migration: Sendable {
    let version: Int
    let name: String
    let statements: [String]
}

/// Every migration, in version order. Append new files; never edit an applied one.
enum Migrations {
    static let all: [Migration] = [
        Migration001Initial.migration,
        Migration002Dashboard.migration,
        Migration003Housekeeping.migration,
        Migration004RateSequence.migration,
        Migration005KeyFormToken.migration,
    ]
}
