import App
import Foundation
import Logging

/// Printing for admin commands: one JSON object with `--json`, plain lines otherwise.
enum Output {
    static func logger(level: Logger.Level) -> Logger {
        var logger = Logger(label: "mcpemails")
        logger.logLevel = level
        return logger
    }

    static func print(json: Bool, _ object: [String: Any], text: String) {
        if json {
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
            Swift.print(String(decoding: data, as: UTF8.self))
        } else {
            Swift.print(text)
        }
    }

    static func iso(_ date: Date?) -> Any {
        guard let date else { return NSNull() }
        return date.formatted(.iso8601)
    }
}

/// A clear message for an admin command that cannot proceed.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
