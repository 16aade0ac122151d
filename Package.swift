// swift-tools-version:6.2
// MCPEmails: an email inbox for AI agents over the Model Context Protocol.
// Targets follow ../shared/STYLE.md §1: one job each, dependencies pointing down.
import PackageDescription

let strict: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

let package = Package(
    name: "mcpemails",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "mcpemails", targets: ["mcpemails"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk.git", exact: "0.12.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
    ],
    targets: [
        // Provider-neutral values, provider protocols and MailError. No I/O.
        .target(name: "MailCore", swiftSettings: strict),
        // RFC 5322 / 2045-2047 / 2231 reader and writer, HTML sanitizer, HTML to text.
        .target(name: "MIME", dependencies: ["MailCore"], swiftSettings: strict),
        // IMAP4rev1/IMAP4rev2 client: Grammar/ (no Channel) and Connection/ (NIO).
        .target(name: "IMAP", dependencies: [
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOTLS", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),
        // SMTP submission client: Grammar/ (reply parser, command encoder) and Session/ (NIO).
        .target(name: "SMTP", dependencies: [
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),
        // Authorization code + PKCE, token exchange and refresh (Google, Microsoft).
        .target(name: "OAuth", dependencies: [
            "MailCore",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),
        .target(name: "IMAPProvider", dependencies: [
            "MailCore", "MIME", "IMAP", "SMTP",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),
        .target(name: "GmailProvider", dependencies: [
            "MailCore", "MIME", "OAuth",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),
        .target(name: "OutlookProvider", dependencies: [
            "MailCore", "MIME", "OAuth",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),
        // Workspaces, plans, API keys, scopes, rate-limit and quota policy. Pure, injected clock.
        .target(name: "Accounts", dependencies: [
            "MailCore",
            .product(name: "Crypto", package: "swift-crypto"),
        ], swiftSettings: strict),
        // SQLKit repositories for SQLite and PostgreSQL, migrations, the secret box.
        .target(name: "Storage", dependencies: [
            "Accounts", "MailCore",
            .product(name: "SQLKit", package: "sql-kit"),
            .product(name: "SQLiteKit", package: "sqlite-kit"),
            .product(name: "PostgresKit", package: "postgres-kit"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),
        // JSON-RPC 2.0 + MCP: negotiation, tool schemas, dispatch, error mapping. Framework-neutral.
        .target(name: "MCPServer", dependencies: [
            "MailCore", "Accounts",
            .product(name: "MCP", package: "swift-sdk"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Metrics", package: "swift-metrics"),
        ], swiftSettings: strict),
        // Web dashboard: sign-up/sign-in, inboxes, API keys, quick start, usage, activity, docs. Templates in Swift.
        .target(name: "Dashboard", dependencies: [
            "MailCore", "Accounts", "Storage", "MCPServer", "IMAPProvider",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            .product(name: "Mustache", package: "swift-mustache"),
            .product(name: "MCP", package: "swift-sdk"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),
        // Hummingbird wiring: configuration, middleware, routes, buildApplication.
        .target(name: "App", dependencies: [
            "MailCore", "Accounts", "Storage", "MCPServer", "IMAPProvider", "GmailProvider", "OutlookProvider", "OAuth", "Dashboard",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),
        .executableTarget(name: "mcpemails", dependencies: [
            "App", "Accounts", "Storage", "MailCore", "IMAPProvider", "Dashboard",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], swiftSettings: strict),
        // Test-only: test environment, mail accounts, fault-injecting proxy, fixtures.
        .target(name: "TestSupport", dependencies: [
            "MailCore",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ], swiftSettings: strict),
        // Test-only: local stand-ins for Google OAuth + Gmail API, and Microsoft identity + Graph.
        .target(name: "GoogleStandIn", dependencies: [
            "TestSupport", "MailCore",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Crypto", package: "swift-crypto"),
        ], swiftSettings: strict),
        .target(name: "MicrosoftStandIn", dependencies: [
            "TestSupport",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Crypto", package: "swift-crypto"),
        ], swiftSettings: strict),

        .testTarget(name: "MailCoreTests", dependencies: ["MailCore"]),
        .testTarget(name: "TestSupportTests", dependencies: ["TestSupport"]),
        .testTarget(name: "MIMETests", dependencies: ["MIME", "MailCore", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "IMAPTests", dependencies: ["IMAP", "TestSupport"]),
        .testTarget(name: "SMTPTests", dependencies: ["SMTP", "TestSupport"]),
        .testTarget(name: "AccountsTests", dependencies: ["Accounts"]),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "Accounts", "TestSupport"]),
        .testTarget(name: "MCPServerTests", dependencies: ["MCPServer", "Accounts", "MailCore"]),
        .testTarget(name: "IMAPProviderTests", dependencies: ["IMAPProvider", "IMAP", "SMTP", "MIME", "MailCore", "TestSupport"]),
        .testTarget(name: "GmailProviderTests", dependencies: ["GmailProvider", "OAuth", "MIME", "MailCore", "GoogleStandIn", "TestSupport"]),
        .testTarget(name: "OutlookProviderTests", dependencies: ["OutlookProvider", "OAuth", "MIME", "MicrosoftStandIn", "TestSupport"]),
        .testTarget(name: "AppTests", dependencies: [
            "App", "Storage", "Accounts", "TestSupport", "GoogleStandIn", "MicrosoftStandIn", "Dashboard", "IMAPProvider",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
    ]
)
