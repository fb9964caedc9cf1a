// swift-tools-version: 6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "StarMatch",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "starmatch", targets: ["starmatch"]),
        .library(name: "StarMatchCore", targets: ["StarMatchCore"]),
        .library(name: "StarMatchStore", targets: ["StarMatchStore"]),
        .library(name: "StarMatchUseCases", targets: ["StarMatchUseCases"]),
        .library(name: "StarMatchAPI", targets: ["StarMatchAPI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .target(
            name: "StarMatchCore",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "StarMatchStore",
            dependencies: [
                "StarMatchCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "StarMatchUseCases",
            dependencies: ["StarMatchCore", "StarMatchStore"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "StarMatchAPI",
            dependencies: [
                "StarMatchCore",
                "StarMatchStore",
                "StarMatchUseCases",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            // The OpenAPI document served at /openapi.json (`Bundle.module`), maintained by hand; the desk's templates
            // and stylesheet.
            resources: [.copy("Resources/openapi.json"), .copy("Resources/desk")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "starmatch",
            dependencies: [
                "StarMatchCore",
                "StarMatchStore",
                "StarMatchUseCases",
                "StarMatchAPI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StarMatchCoreTests",
            dependencies: ["StarMatchCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StarMatchStoreTests",
            dependencies: ["StarMatchStore", "StarMatchCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StarMatchUseCasesTests",
            dependencies: ["StarMatchUseCases", "StarMatchStore", "StarMatchCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StarMatchAPITests",
            dependencies: [
                "StarMatchAPI",
                "StarMatchStore",
                "StarMatchCore",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StarMatchCLITests",
            dependencies: ["starmatch"],
            swiftSettings: swiftSettings
        ),
    ]
)
