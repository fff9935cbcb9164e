// swift-tools-version:6.1
import PackageDescription

/// One set of compiler settings for every target: Swift 6 language mode everywhere.
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "prakerja-partner-kit",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "PrakerjaModels", targets: ["PrakerjaModels"]),
        .library(name: "PrakerjaSigning", targets: ["PrakerjaSigning"]),
        .library(name: "PrakerjaCLI", targets: ["PrakerjaCLI"]),
        .executable(name: "prakerja", targets: ["prakerja"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
    ],
    targets: [
        // SDK core: what a partner embeds. Foundation and swift-crypto only.
        .target(
            name: "PrakerjaModels",
            resources: [.copy("Resources/indonesia-holidays.json")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "PrakerjaSigning",
            dependencies: [
                "PrakerjaModels",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),

        // The command line: commands live in a library so tests run them in-process.
        .target(
            name: "PrakerjaCLI",
            dependencies: [
                "PrakerjaModels",
                "PrakerjaSigning",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(name: "prakerja", dependencies: ["PrakerjaCLI"], swiftSettings: swiftSettings),

        // Examples: runnable samples of the SDK in use.
        .executableTarget(
            name: "lp-integration-sample",
            dependencies: ["PrakerjaModels", "PrakerjaSigning"],
            path: "Examples/LPIntegrationSample",
            swiftSettings: swiftSettings
        ),

        // Benchmarks: run with `swift run -c release signing-benchmark`.
        .executableTarget(
            name: "signing-benchmark",
            dependencies: [
                "PrakerjaSigning",
                "PrakerjaTestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ],
            path: "Benchmarks/SigningBenchmark",
            swiftSettings: swiftSettings
        ),

        // Shared by the test targets: the repository's paths and the independent signature vectors.
        .target(name: "PrakerjaTestSupport", path: "Tests/PrakerjaTestSupport", swiftSettings: swiftSettings),
        .testTarget(name: "PrakerjaModelsTests", dependencies: ["PrakerjaModels"], swiftSettings: swiftSettings),
        .testTarget(
            name: "PrakerjaSigningTests",
            dependencies: [
                "PrakerjaSigning",
                "PrakerjaTestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "PrakerjaCLITests", dependencies: ["PrakerjaCLI", "PrakerjaTestSupport"], swiftSettings: swiftSettings),
    ]
)
