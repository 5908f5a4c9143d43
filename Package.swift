// swift-tools-version:6.1
import PackageDescription

/// Layers, arrows pointing one way only (see DESIGN.md):
/// transport (AtelierHTTP) ← REST framework (AtelierREST) ← API routes (AtelierAPI) → domain (AtelierDomain)
/// → Postgres client (AtelierPostgres) and algorithms (AtelierAlgorithms); the worker (AtelierWorker) runs domain jobs.
let package = Package(
    name: "atelier",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "atelier", targets: ["atelier"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"])]
        ),
        .target(
            name: "AtelierCrypto",
            dependencies: ["COpenSSL"]
        ),
        .target(
            name: "AtelierPostgres",
            dependencies: [
                "CLibPQ",
                "AtelierCrypto",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "AtelierHTTP",
            dependencies: [
                .product(name: "Logging", package: "swift-log")
            ]
        ),
        .target(
            name: "AtelierREST",
            dependencies: [
                "AtelierHTTP",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .target(name: "AtelierAlgorithms"),
        .target(
            name: "AtelierDomain",
            dependencies: [
                "AtelierPostgres",
                "AtelierCrypto",
                "AtelierAlgorithms",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "AtelierWorker",
            dependencies: [
                "AtelierDomain",
                "AtelierPostgres",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "AtelierAPI",
            dependencies: [
                "AtelierREST",
                "AtelierHTTP",
                "AtelierDomain",
                "AtelierPostgres",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .executableTarget(
            name: "atelier",
            dependencies: [
                "AtelierAPI",
                "AtelierDomain",
                "AtelierHTTP",
                "AtelierPostgres",
                "AtelierREST",
                "AtelierWorker",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "AtelierTestSupport",
            dependencies: [
                "AtelierCrypto",
                "AtelierPostgres",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/AtelierTestSupport"
        ),
        .testTarget(name: "AtelierHTTPTests", dependencies: ["AtelierHTTP"]),
        .testTarget(name: "AtelierAlgorithmsTests", dependencies: ["AtelierAlgorithms"], resources: [.copy("Fixtures")]),
        .testTarget(name: "AtelierPostgresTests", dependencies: ["AtelierPostgres", "AtelierTestSupport"]),
        .testTarget(
            name: "AtelierRESTTests",
            dependencies: [
                "AtelierREST", "AtelierHTTP",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .testTarget(
            name: "AtelierWorkerTests",
            dependencies: [
                "AtelierWorker", "AtelierDomain", "AtelierPostgres", "AtelierTestSupport",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "AtelierAPITests",
            dependencies: [
                "AtelierAPI", "AtelierDomain", "AtelierHTTP", "AtelierPostgres", "AtelierTestSupport", "AtelierWorker",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
    ]
)
