// swift-tools-version: 6.1
//
// swift-logit: a BLAS-accelerated logistic-regression engine, and the image
// classifier, service and model lifecycle around it.
//
// Products, by what linking them pulls in:
// - `LogitNumerics`, `Logit`: the engine (matrices, backends, training, data,
//   evaluation, model files, monitoring, registry). With `--disable-default-traits`
//   they have no system dependency and run on the pure-Swift backend alone.
// - `LogitImages`: image files as data (libpng, libjpeg-turbo, giflib).
// - `LogitONNX`: ONNX export (SwiftProtobuf).
// - `LogitServe`: the HTTP service (Hummingbird 2 and its server stack).
// - `logit`, `logit-bench`, `logit-fuzz`: the executables.
//
// Traits (both on by default):
// - `OpenBLAS` links CBLAS from OpenBLAS and LAPACKE and enables the BLAS backend.
// - `Service` builds LogitServe and `logit serve` / `logit keys`; off in the
//   pure-Swift CI run so that Hummingbird and NIO are not built a second time.

import PackageDescription

let openBLAS: TargetDependencyCondition? = .when(traits: ["OpenBLAS"])
let service: TargetDependencyCondition? = .when(traits: ["Service"])

let package = Package(
    name: "swift-logit",
    products: [
        .library(name: "LogitNumerics", targets: ["LogitNumerics"]),
        .library(name: "Logit", targets: ["Logit"]),
        .library(name: "LogitImages", targets: ["LogitImages"]),
        .library(name: "LogitONNX", targets: ["LogitONNX"]),
        .library(name: "LogitServe", targets: ["LogitServe"]),
        .executable(name: "logit", targets: ["logit"]),
        .executable(name: "logit-bench", targets: ["logit-bench"]),
        .executable(name: "logit-fuzz", targets: ["logit-fuzz"]),
    ],
    traits: [
        .trait(
            name: "OpenBLAS",
            description: "Link CBLAS (OpenBLAS) and LAPACKE and enable the BLAS backend."
        ),
        .trait(
            name: "Service",
            description: "Build the HTTP service module LogitServe and the `logit serve` / `logit keys` commands."
        ),
        .default(enabledTraits: ["OpenBLAS", "Service"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
        // LogitONNX: the runtime library of the committed generated onnx.proto code.
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
        // LogitServe: Hummingbird 2 and the server-side logging/metrics/lifecycle stack.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // MARK: System libraries (installed by scripts/setup.sh)
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CLAPACKE", pkgConfig: "lapacke", providers: [.apt(["liblapacke-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CJPEG", pkgConfig: "libjpeg", providers: [.apt(["libjpeg62-turbo-dev"])]),
        .systemLibrary(name: "CGIF", providers: [.apt(["libgif-dev"])]),

        // MARK: Libraries
        .target(
            name: "LogitNumerics",
            dependencies: [
                .target(name: "CBLAS", condition: openBLAS),
                .target(name: "CLAPACKE", condition: openBLAS),
                .product(name: "RealModule", package: "swift-numerics"),
            ]
        ),
        .target(
            name: "Logit",
            dependencies: [
                "LogitNumerics",
                .product(name: "RealModule", package: "swift-numerics"),
            ],
            resources: [.copy("Resources/Raisin")]
        ),
        // Image files as data: decoders over the system image libraries, in their
        // own product so that linking `Logit` alone pulls in no image library.
        .target(
            name: "LogitImages",
            dependencies: ["Logit", "LogitNumerics", "CPNG", "CJPEG", "CGIF"]
        ),
        // ONNX export, in its own product so that linking `Logit` never pulls in SwiftProtobuf.
        .target(
            name: "LogitONNX",
            dependencies: [
                "Logit",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]
        ),
        // The HTTP service: its own product so that linking `Logit` never pulls in an
        // HTTP stack; its dependencies (and its sources, by `#if Service`) come only
        // with the Service trait.
        .target(
            name: "LogitServe",
            dependencies: [
                "Logit",
                "LogitNumerics",
                .target(name: "LogitImages", condition: service),
                .product(name: "Hummingbird", package: "hummingbird", condition: service),
                .product(name: "Logging", package: "swift-log", condition: service),
                .product(name: "Metrics", package: "swift-metrics", condition: service),
                .product(name: "Prometheus", package: "swift-prometheus", condition: service),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle", condition: service),
                .product(name: "UnixSignals", package: "swift-service-lifecycle", condition: service),
            ]
        ),

        // MARK: Executables
        .executableTarget(
            name: "logit",
            dependencies: [
                "Logit",
                "LogitNumerics",
                "LogitImages",
                "LogitONNX",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .target(name: "LogitServe", condition: service),
                .product(name: "Logging", package: "swift-log", condition: service),
            ],
            path: "Sources/LogitCLI"
        ),
        .executableTarget(
            name: "logit-bench",
            dependencies: [
                "Logit",
                "LogitNumerics",
                "LogitImages",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/LogitBench"
        ),
        // Seeded mutation fuzzer of the untrusted-input parsers (scripts/fuzz.sh, Tests/FuzzCorpus).
        .executableTarget(
            name: "logit-fuzz",
            dependencies: ["Logit", "LogitNumerics"],
            path: "Sources/LogitFuzz"
        ),

        // MARK: Tests
        .testTarget(
            name: "LogitNumericsTests",
            dependencies: ["LogitNumerics"]
        ),
        .testTarget(
            name: "LogitTests",
            dependencies: ["Logit", "LogitNumerics"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "LogitImagesTests",
            dependencies: ["LogitImages", "Logit", "LogitNumerics"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "LogitONNXTests",
            dependencies: [
                "LogitONNX",
                "Logit",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]
        ),
        // End-to-end tests of the service through HummingbirdTesting and a live socket.
        .testTarget(
            name: "LogitServeTests",
            dependencies: [
                "Logit",
                .target(name: "LogitServe", condition: service),
                .target(name: "LogitImages", condition: service),
                .product(name: "HummingbirdTesting", package: "hummingbird", condition: service),
            ]
        ),
        // End-to-end tests of the `logit` executable (run through Process) and
        // unit tests of its support code; depending on it builds it first.
        .testTarget(
            name: "LogitCLITests",
            dependencies: ["logit", "Logit", "LogitNumerics"]
        ),
        // The pure parts of logit-bench (row filter, baseline comparison, targets).
        .testTarget(
            name: "LogitBenchTests",
            dependencies: ["logit-bench"],
            path: "Tests/LogitBenchTests"
        ),
    ]
)
