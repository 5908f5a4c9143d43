// swift-tools-version:6.1
// A baseline for scripts/bench: Hummingbird 2 serving the same `GET /healthz` JSON as Atelier,
// so Atelier's own transport can be reported as a ratio against the best-known Swift server.
// This package is never a dependency of Atelier itself (it is not referenced by ../../Package.swift).
import PackageDescription

let package = Package(
    name: "HummingbirdBaseline",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1")
    ],
    targets: [
        .executableTarget(
            name: "HummingbirdBaseline",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")]
        )
    ]
)
