// swift-tools-version:6.1
import PackageDescription

/// One set of compiler settings for every target: Swift 6 language mode everywhere.
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

/// A product of one of the packages below, by the name its package gives it.
func product(_ name: String, _ package: String) -> Target.Dependency { .product(name: name, package: package) }

let argumentParser = product("ArgumentParser", "swift-argument-parser")
let asyncHTTPClient = product("AsyncHTTPClient", "async-http-client")
let crypto = product("Crypto", "swift-crypto")
let cryptoExtras = product("CryptoExtras", "swift-crypto")
let grdb = product("GRDB", "GRDB.swift")
let httpTypes = product("HTTPTypes", "swift-http-types")
let hummingbird = product("Hummingbird", "hummingbird")
let logging = product("Logging", "swift-log")
let nioCore = product("NIOCore", "swift-nio")
let nioEmbedded = product("NIOEmbedded", "swift-nio")
let nioHTTPTypes = product("NIOHTTPTypes", "swift-nio-extras")
let nioSSL = product("NIOSSL", "swift-nio-ssl")
let openAPIKit = product("OpenAPIKit", "OpenAPIKit")
let postgresNIO = product("PostgresNIO", "postgres-nio")
let serviceLifecycle = product("ServiceLifecycle", "swift-service-lifecycle")
let swiftASN1 = product("SwiftASN1", "swift-asn1")
let x509 = product("X509", "swift-certificates")
let yams = product("Yams", "Yams")
let bcrypt = product("HummingbirdBcrypt", "hummingbird-auth")
let mustache = product("Mustache", "swift-mustache")

let package = Package(
    name: "prakerja-partner-kit",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "PrakerjaModels", targets: ["PrakerjaModels"]),
        .library(name: "PrakerjaSigning", targets: ["PrakerjaSigning"]),
        .library(name: "PrakerjaClient", targets: ["PrakerjaClient"]),
        .library(name: "PrakerjaHTTPServer", targets: ["PrakerjaHTTPServer"]),
        .library(name: "PrakerjaSandbox", targets: ["PrakerjaSandbox"]),
        .library(name: "PrakerjaPartners", targets: ["PrakerjaPartners"]),
        .library(name: "PrakerjaPartnersServer", targets: ["PrakerjaPartnersServer"]),
        .library(name: "PrakerjaSchema", targets: ["PrakerjaSchema"]),
        .library(name: "PrakerjaConformance", targets: ["PrakerjaConformance"]),
        .library(name: "PrakerjaCuration", targets: ["PrakerjaCuration"]),
        .library(name: "PrakerjaStore", targets: ["PrakerjaStore"]),
        .library(name: "PrakerjaConsole", targets: ["PrakerjaConsole"]),
        .library(name: "PrakerjaReferencePartners", targets: ["PrakerjaReferencePartners"]),
        .library(name: "PrakerjaCLI", targets: ["PrakerjaCLI"]),
        .executable(name: "prakerja", targets: ["prakerja"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.20.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.0.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.30.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.20.0"),
        .package(url: "https://github.com/mattpolzin/OpenAPIKit.git", from: "6.0.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.30.0"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.10.0"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.0"),
    ],
    targets: [
        // SDK core: what a partner embeds. Foundation, swift-crypto, swift-log and AsyncHTTPClient at most.
        .target(
            name: "PrakerjaModels",
            resources: [.copy("Resources/indonesia-holidays.json")],
            swiftSettings: swiftSettings
        ),
        .target(name: "PrakerjaSigning", dependencies: ["PrakerjaModels", crypto, cryptoExtras], swiftSettings: swiftSettings),
        .target(
            name: "PrakerjaClient",
            dependencies: [
                "PrakerjaModels", "PrakerjaSigning", asyncHTTPClient, logging, nioCore, product("NIOHTTP1", "swift-nio"),
                product("NIOPosix", "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),

        // Serving signed JSON endpoints the one way (request context, body limit, signature and error
        // middleware), and running a router on a port until interrupted or around a test.
        .target(
            name: "PrakerjaHTTPServer",
            dependencies: [
                "PrakerjaModels", "PrakerjaSigning", "PrakerjaClient", hummingbird, product("HummingbirdCore", "hummingbird"),
                product("HummingbirdTLS", "hummingbird"),
                httpTypes, logging,
                nioCore,
                nioHTTPTypes,
                nioSSL,
                serviceLifecycle,
            ],
            swiftSettings: swiftSettings
        ),

        // The four partner roles: their contracts as Swift protocols, wire types and typed clients.
        .target(name: "PrakerjaPartners", dependencies: ["PrakerjaModels", "PrakerjaSigning", "PrakerjaClient"], swiftSettings: swiftSettings),
        // Hummingbird adapters that serve a role implementation as its contract.
        .target(
            name: "PrakerjaPartnersServer",
            dependencies: [
                "PrakerjaModels", "PrakerjaSigning", "PrakerjaClient", "PrakerjaPartners", "PrakerjaHTTPServer", hummingbird, httpTypes, logging,
            ],
            swiftSettings: swiftSettings
        ),

        // The program's integration API, locally: a Hummingbird server with the real state machines.
        .target(
            name: "PrakerjaSandbox",
            dependencies: ["PrakerjaModels", "PrakerjaSigning", "PrakerjaClient", "PrakerjaHTTPServer", hummingbird, httpTypes, logging, nioCore],
            swiftSettings: swiftSettings
        ),

        // The JSON Schema validator (draft 2020-12) the conformance kit checks responses with.
        .target(name: "PrakerjaSchema", dependencies: ["PrakerjaModels", yams], swiftSettings: swiftSettings),

        // The conformance kit: the engine, the role suites, the reports.
        .target(
            name: "PrakerjaConformance",
            dependencies: [
                "PrakerjaModels", "PrakerjaSigning", "PrakerjaClient", "PrakerjaPartners", "PrakerjaSchema", "PrakerjaHTTPServer", "PrakerjaKitFiles",
                asyncHTTPClient, crypto, hummingbird, nioCore, product("NIOPosix", "swift-nio"), nioSSL, product("NIOTLS", "swift-nio"),
                openAPIKit, x509, yams,
            ],
            swiftSettings: swiftSettings
        ),

        // The program's judgement of courses and partners: the 52 + 40 indicators, the rule packs and the
        // public reference data they read, assessment, monitoring, reviews; on the engine's verdict model.
        .target(
            name: "PrakerjaCuration",
            dependencies: [
                "PrakerjaConformance", "PrakerjaModels", "PrakerjaClient", "PrakerjaPartners", "PrakerjaSchema", "PrakerjaKitFiles",
                asyncHTTPClient, crypto, yams,
            ],
            swiftSettings: swiftSettings
        ),

        // The results history: runs, results, evidence, reviews, waivers and the audit trail, in an
        // SQLite file (one person, CI) or a PostgreSQL database (a team, workers on many machines).
        .target(
            name: "PrakerjaStore",
            dependencies: [
                "PrakerjaConformance", "PrakerjaCuration", "PrakerjaModels", grdb, logging, nioCore, product("NIOPosix", "swift-nio"), nioSSL,
                postgresNIO, product("_ConnectionPoolModule", "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),

        // The curation console (`prakerja serve`): server-rendered pages over the results history.
        .target(
            name: "PrakerjaConsole",
            dependencies: [
                "PrakerjaConformance", "PrakerjaCuration", "PrakerjaKitFiles", "PrakerjaModels", "PrakerjaStore", bcrypt, crypto, httpTypes,
                hummingbird, logging,
                mustache, nioCore,
                product("NIOPosix", "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),

        // The kit's reference partners (each role's contract over test data, with switchable defects),
        // the reference LP's integration, and the fleet that runs them in-process for the demo and the tests.
        .target(
            name: "PrakerjaReferencePartners",
            dependencies: [
                "PrakerjaModels", "PrakerjaSigning", "PrakerjaClient", "PrakerjaHTTPServer", "PrakerjaPartners", "PrakerjaPartnersServer",
                "PrakerjaConformance", crypto, httpTypes, hummingbird, logging, nioCore, nioSSL, swiftASN1, x509,
            ],
            swiftSettings: swiftSettings
        ),

        // The kit's own files (Specs/, Conformance/) inside the binary, generated at build time.
        .executableTarget(name: "embed-kit-files", path: "Plugins/EmbedKitFilesTool", swiftSettings: swiftSettings),
        .plugin(name: "EmbedKitFiles", capability: .buildTool(), dependencies: ["embed-kit-files"]),
        .target(name: "PrakerjaKitFiles", swiftSettings: swiftSettings, plugins: ["EmbedKitFiles"]),

        // The command line: commands live in a library so tests run them in-process.
        .target(
            name: "PrakerjaCLI",
            dependencies: [
                "PrakerjaModels", "PrakerjaSigning", "PrakerjaClient", "PrakerjaHTTPServer", "PrakerjaPartners", "PrakerjaSandbox", "PrakerjaSchema",
                "PrakerjaConformance", "PrakerjaConsole", "PrakerjaCuration", "PrakerjaKitFiles", "PrakerjaStore", "PrakerjaReferencePartners",
                argumentParser, asyncHTTPClient,
                hummingbird, logging, nioCore,
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(name: "prakerja", dependencies: ["PrakerjaCLI"], swiftSettings: swiftSettings),

        // Examples: what a partner copies. A minimal partner of each role, in its own application.
        .target(
            name: "MinimalPartners",
            dependencies: ["PrakerjaHTTPServer", "PrakerjaModels", "PrakerjaPartners", "PrakerjaPartnersServer", httpTypes, hummingbird],
            path: "Examples/MinimalPartners",
            swiftSettings: swiftSettings
        ),
        // The LP integration flow run against a base URL.
        .executableTarget(
            name: "lp-integration",
            dependencies: ["PrakerjaClient", "PrakerjaModels", "PrakerjaReferencePartners"],
            path: "Examples/LPIntegration",
            swiftSettings: swiftSettings
        ),

        // Benchmarks: run with `swift run -c release signing-benchmark`.
        .executableTarget(
            name: "signing-benchmark",
            dependencies: ["PrakerjaSigning", crypto, cryptoExtras],
            path: "Benchmarks/SigningBenchmark",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BenchmarkSupport",
            dependencies: ["PrakerjaModels", hummingbird, logging, nioCore, nioEmbedded, serviceLifecycle],
            path: "Benchmarks/BenchmarkSupport",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "sandbox-benchmark",
            dependencies: [
                "BenchmarkSupport", "PrakerjaClient", "PrakerjaModels", "PrakerjaSandbox", "PrakerjaSigning", asyncHTTPClient,
                crypto, httpTypes, hummingbird, logging, nioCore, serviceLifecycle,
            ],
            path: "Benchmarks/SandboxBenchmark",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "conformance-benchmark",
            dependencies: [
                "BenchmarkSupport", "PrakerjaConformance", "PrakerjaCuration", "PrakerjaHTTPServer", "PrakerjaModels", "PrakerjaPartners",
                "PrakerjaReferencePartners", "PrakerjaSchema", "PrakerjaStore",
            ],
            path: "Benchmarks/ConformanceBenchmark",
            exclude: ["validate.py", "run_schemathesis.py", "schemathesis_hooks.py"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "sweep-benchmark",
            dependencies: [
                "BenchmarkSupport", "PrakerjaCLI", "PrakerjaConformance", "PrakerjaCuration", "PrakerjaHTTPServer", "PrakerjaReferencePartners",
                "PrakerjaStore", hummingbird,
            ],
            path: "Benchmarks/SweepBenchmark",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "partner-benchmark",
            dependencies: [
                "BenchmarkSupport", "PrakerjaHTTPServer", "PrakerjaModels", "PrakerjaPartners", "PrakerjaReferencePartners", "PrakerjaSigning",
                asyncHTTPClient, nioCore,
            ],
            path: "Benchmarks/PartnerBenchmark",
            swiftSettings: swiftSettings
        ),

        // Shared by the test targets: the repository's paths and the independent signature vectors.
        .target(
            name: "PrakerjaTestSupport", dependencies: ["PrakerjaModels", "PrakerjaSigning", grdb, logging, openAPIKit, postgresNIO, yams],
            path: "Tests/PrakerjaTestSupport",
            swiftSettings: swiftSettings),

        .testTarget(name: "PrakerjaModelsTests", dependencies: ["PrakerjaModels"], swiftSettings: swiftSettings),
        .testTarget(
            name: "PrakerjaSchemaTests",
            dependencies: ["PrakerjaModels", "PrakerjaSchema", "PrakerjaTestSupport"],
            exclude: ["JSONSchemaTestSuite"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PrakerjaSigningTests",
            dependencies: ["PrakerjaSigning", "PrakerjaTestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PrakerjaHTTPServerTests",
            dependencies: ["PrakerjaHTTPServer", "PrakerjaModels", "PrakerjaSigning", hummingbird, product("HummingbirdTesting", "hummingbird")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PrakerjaCLITests",
            dependencies: [
                "PrakerjaCLI", "PrakerjaConformance", "PrakerjaCuration", "PrakerjaHTTPServer", "PrakerjaModels", "PrakerjaReferencePartners",
                "PrakerjaSandbox",
                "PrakerjaSchema",
                "PrakerjaStore", "PrakerjaTestSupport", grdb, hummingbird,
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PrakerjaConsoleTests",
            dependencies: [
                "PrakerjaConsole", "PrakerjaConformance", "PrakerjaCuration", "PrakerjaStore", "PrakerjaTestSupport", hummingbird, nioCore,
                product("HummingbirdTesting", "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PrakerjaClientTests",
            dependencies: [
                "PrakerjaClient", "PrakerjaModels", "PrakerjaSigning", "PrakerjaTestSupport", hummingbird, logging, nioCore, openAPIKit,
                serviceLifecycle, yams,
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PrakerjaPartnersTests",
            dependencies: [
                "MinimalPartners", "PrakerjaClient", "PrakerjaHTTPServer", "PrakerjaModels", "PrakerjaPartners", "PrakerjaPartnersServer",
                "PrakerjaReferencePartners", "PrakerjaSigning", "PrakerjaTestSupport", httpTypes, hummingbird, openAPIKit,
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PrakerjaConformanceTests",
            dependencies: [
                "PrakerjaClient", "PrakerjaConformance", "PrakerjaHTTPServer", "PrakerjaModels", "PrakerjaPartners", "PrakerjaPartnersServer",
                "PrakerjaReferencePartners",
                "PrakerjaSandbox", "PrakerjaSchema", "PrakerjaTestSupport", httpTypes, hummingbird, nioCore, nioSSL, swiftASN1,
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PrakerjaCurationTests",
            dependencies: [
                "PrakerjaConformance", "PrakerjaCuration", "PrakerjaModels", "PrakerjaPartners", "PrakerjaReferencePartners", "PrakerjaSchema",
                "PrakerjaTestSupport",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PrakerjaStoreTests",
            dependencies: ["PrakerjaConformance", "PrakerjaStore", "PrakerjaTestSupport", grdb, product("_ConnectionPoolModule", "postgres-nio")],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "PrakerjaSandboxTests",
            dependencies: [
                "PrakerjaClient", "PrakerjaModels", "PrakerjaReferencePartners", "PrakerjaSandbox", "PrakerjaSigning", "PrakerjaTestSupport",
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
