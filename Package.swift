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
        .library(name: "PrakerjaClient", targets: ["PrakerjaClient"]),
        .library(name: "PrakerjaSandbox", targets: ["PrakerjaSandbox"]),
        .library(name: "PrakerjaPartners", targets: ["PrakerjaPartners"]),
        .library(name: "PrakerjaPartnersServer", targets: ["PrakerjaPartnersServer"]),
        .library(name: "PrakerjaSchema", targets: ["PrakerjaSchema"]),
        .library(name: "PrakerjaConformance", targets: ["PrakerjaConformance"]),
        .library(name: "PrakerjaStore", targets: ["PrakerjaStore"]),
        .library(name: "PrakerjaCLI", targets: ["PrakerjaCLI"]),
        .executable(name: "prakerja", targets: ["prakerja"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.80.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.30.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.20.0"),
        .package(url: "https://github.com/mattpolzin/OpenAPIKit.git", from: "6.0.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.30.0"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.10.0"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.0.0"),
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
        .target(
            name: "PrakerjaClient",
            dependencies: [
                "PrakerjaModels",
                "PrakerjaSigning",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),

        // Running Hummingbird servers: on a port until interrupted, or around a test; bounded bodies.
        .target(
            name: "PrakerjaHTTPServer",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),

        // The four partner roles: their contracts as Swift protocols, wire types and typed clients.
        .target(
            name: "PrakerjaPartners",
            dependencies: ["PrakerjaModels", "PrakerjaSigning", "PrakerjaClient", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        // Hummingbird adapters that serve a role implementation as its contract.
        .target(
            name: "PrakerjaPartnersServer",
            dependencies: [
                "PrakerjaModels",
                "PrakerjaSigning",
                "PrakerjaClient",
                "PrakerjaPartners",
                "PrakerjaHTTPServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),

        // The program's integration API, locally: a Hummingbird server with the real state machines.
        .target(
            name: "PrakerjaSandbox",
            dependencies: [
                "PrakerjaModels",
                "PrakerjaSigning",
                "PrakerjaClient",
                "PrakerjaHTTPServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),

        // The JSON Schema validator (draft 2020-12) the conformance kit checks responses with.
        .target(
            name: "PrakerjaSchema",
            dependencies: ["PrakerjaModels", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),

        // The conformance kit: the engine, the role suites, the reports.
        .target(
            name: "PrakerjaConformance",
            dependencies: [
                "PrakerjaModels",
                "PrakerjaSigning",
                "PrakerjaClient",
                "PrakerjaPartners",
                "PrakerjaSchema",
                "PrakerjaHTTPServer",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),

        // The results history: runs, results, evidence, reviews, waivers and the audit trail in SQLite.
        .target(
            name: "PrakerjaStore",
            dependencies: ["PrakerjaConformance", "PrakerjaModels", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),

        // The command line: commands live in a library so tests run them in-process.
        .target(
            name: "PrakerjaCLI",
            dependencies: [
                "PrakerjaModels",
                "PrakerjaSigning",
                "PrakerjaClient",
                "PrakerjaSandbox",
                "PrakerjaSchema",
                "PrakerjaConformance",
                "PrakerjaStore",
                "ReferenceFleet",
                "LPIntegration",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(name: "prakerja", dependencies: ["PrakerjaCLI"], swiftSettings: swiftSettings),

        // Examples: runnable samples of the SDK in use.
        // An LP backend's integration flow on the client; the executable runs it against a base URL.
        .target(
            name: "LPIntegration",
            dependencies: ["PrakerjaClient", "PrakerjaModels"],
            path: "Examples/LPIntegration/Sources/LPIntegration",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "lp-integration",
            dependencies: ["LPIntegration", "PrakerjaClient"],
            path: "Examples/LPIntegration/Sources/lp-integration",
            swiftSettings: swiftSettings
        ),

        // The reference partners: each role's contract served by the SDK with switchable defects.
        .target(
            name: "ReferencePartnerSupport",
            dependencies: [
                "PrakerjaHTTPServer", "PrakerjaPartners", "PrakerjaSigning",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Examples/ReferencePartnerSupport",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ReferencePaymentPartner",
            dependencies: [
                "PrakerjaModels", "PrakerjaSigning", "PrakerjaPartners", "PrakerjaPartnersServer", "PrakerjaHTTPServer", "ReferencePartnerSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Examples/ReferencePaymentPartner/Sources/ReferencePaymentPartner",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "reference-payment-partner",
            dependencies: ["ReferencePaymentPartner", "ReferencePartnerSupport", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Examples/ReferencePaymentPartner/Sources/reference-payment-partner",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ReferenceJobPortal",
            dependencies: [
                "PrakerjaModels", "PrakerjaSigning", "PrakerjaPartners", "PrakerjaPartnersServer", "ReferencePartnerSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Examples/ReferenceJobPortal/Sources/ReferenceJobPortal",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "reference-job-portal",
            dependencies: ["ReferenceJobPortal", "ReferencePartnerSupport", "PrakerjaModels",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Examples/ReferenceJobPortal/Sources/reference-job-portal",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ReferenceTrainingProvider",
            dependencies: [
                "PrakerjaModels", "PrakerjaSigning", "PrakerjaPartners", "PrakerjaPartnersServer", "PrakerjaHTTPServer", "ReferencePartnerSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Examples/ReferenceTrainingProvider/Sources/ReferenceTrainingProvider",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "reference-training-provider",
            dependencies: ["ReferenceTrainingProvider", "ReferencePartnerSupport", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Examples/ReferenceTrainingProvider/Sources/reference-training-provider",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ReferenceDigitalPlatform",
            dependencies: [
                "PrakerjaModels", "PrakerjaSigning", "PrakerjaPartners", "PrakerjaPartnersServer", "ReferencePartnerSupport", "ReferenceTrainingProvider",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Examples/ReferenceDigitalPlatform/Sources/ReferenceDigitalPlatform",
            swiftSettings: swiftSettings
        ),
        // The four reference partners together, in-process: for `prakerja demo` and the expected-results matrix.
        .target(
            name: "ReferenceFleet",
            dependencies: [
                "PrakerjaConformance", "PrakerjaHTTPServer", "PrakerjaModels",
                "ReferencePaymentPartner", "ReferenceJobPortal", "ReferenceTrainingProvider", "ReferenceDigitalPlatform",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            path: "Examples/ReferenceFleet",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "reference-digital-platform",
            dependencies: ["ReferenceDigitalPlatform", "ReferencePartnerSupport", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Examples/ReferenceDigitalPlatform/Sources/reference-digital-platform",
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
        .target(
            name: "PrakerjaTestSupport",
            dependencies: ["PrakerjaModels", .product(name: "OpenAPIKit", package: "OpenAPIKit"), .product(name: "Yams", package: "Yams")],
            path: "Tests/PrakerjaTestSupport",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BenchmarkSupport",
            dependencies: [
                "PrakerjaModels",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/BenchmarkSupport",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "sandbox-benchmark",
            dependencies: [
                "BenchmarkSupport",
                "PrakerjaSandbox",
                "PrakerjaClient",
                "PrakerjaSigning",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/SandboxBenchmark",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "conformance-benchmark",
            dependencies: ["BenchmarkSupport", "PrakerjaConformance", "PrakerjaHTTPServer", "PrakerjaModels", "PrakerjaPartners", "PrakerjaSchema", "PrakerjaStore",
                           "ReferenceJobPortal", "ReferenceTrainingProvider", "ReferenceDigitalPlatform"],
            path: "Benchmarks/ConformanceBenchmark",
            exclude: ["validate.py", "run_schemathesis.py", "schemathesis_hooks.py"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "partner-benchmark",
            dependencies: [
                "BenchmarkSupport", "PrakerjaPartners", "PrakerjaSigning", "PrakerjaModels", "PrakerjaHTTPServer",
                "ReferenceJobPortal", "ReferencePaymentPartner", "ReferencePartnerSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Benchmarks/PartnerBenchmark",
            swiftSettings: swiftSettings
        ),

        .testTarget(name: "PrakerjaModelsTests", dependencies: ["PrakerjaModels"], swiftSettings: swiftSettings),
        .testTarget(
            name: "PrakerjaSchemaTests",
            dependencies: ["PrakerjaSchema", "PrakerjaTestSupport"],
            exclude: ["JSONSchemaTestSuite"],
            swiftSettings: swiftSettings
        ),
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
        .testTarget(
            name: "PrakerjaCLITests",
            dependencies: ["PrakerjaCLI", "PrakerjaSandbox", "PrakerjaStore", "PrakerjaConformance", "PrakerjaModels", "PrakerjaSchema", "PrakerjaTestSupport", "PrakerjaHTTPServer", "ReferencePaymentPartner", "ReferenceJobPortal",
                           "ReferenceTrainingProvider", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PrakerjaClientTests",
            dependencies: [
                "PrakerjaClient",
                "PrakerjaTestSupport",
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PrakerjaPartnersTests",
            dependencies: [
                "PrakerjaPartners", "PrakerjaPartnersServer", "PrakerjaHTTPServer", "PrakerjaTestSupport", "ReferencePaymentPartner",
                "ReferenceJobPortal", "ReferencePartnerSupport", "ReferenceTrainingProvider", "ReferenceDigitalPlatform",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PrakerjaConformanceTests",
            dependencies: [
                "PrakerjaConformance", "PrakerjaClient", "PrakerjaHTTPServer", "PrakerjaModels", "PrakerjaSchema", "PrakerjaTestSupport", "ReferenceFleet",
                "PrakerjaSandbox", "LPIntegration",
                "ReferencePaymentPartner", "ReferenceJobPortal", "ReferencePartnerSupport", "ReferenceTrainingProvider", "ReferenceDigitalPlatform",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PrakerjaStoreTests",
            dependencies: ["PrakerjaStore", "PrakerjaConformance", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PrakerjaSandboxTests",
            dependencies: ["PrakerjaSandbox", "PrakerjaClient", "PrakerjaTestSupport", "LPIntegration"],
            swiftSettings: swiftSettings
        ),
    ]
)
