/// Version 5: `api_keys.form_token_hash`, the hash of the single-use token in the dashboard form that
/// created a key, unique, so submitting that form again (a refresh, a double click) on any instance finds
/// the key the first submission made instead of creating another. NULL for keys made elsewhere (CLI).
enum Migration005KeyFormToken {
    static let migration = Migration(version: 5, name: "key_form_token", statements: [
        "ALTER TABLE api_keys ADD COLUMN form_token_hash TEXT",
        "CREATE UNIQUE INDEX api_keys_form_token ON api_keys (form_token_hash)",
    ])
}
