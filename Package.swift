// swift-tools-version: 6.1
//
// swift-logit: a BLAS-accelerated logistic-regression engine.
//
// The `OpenBLAS` trait (on by default) links CBLAS from OpenBLAS and LAPACKE and
// enables the BLAS backend. Build with `--disable-default-traits` for a package
// with no system dependency, running on the pure-Swift backend alone.

import PackageDescription

let openBLAS: TargetDependencyCondition? = .when(traits: ["OpenBLAS"])
let service: TargetDependencyCondition? = .when(traits: ["Service"])

let package = Package(
    name: "swift-logit",
    products: [
        .library(name: "LogitNumerics", targets: ["LogitNumerics"]),
        .library(name: "Logit", targets: ["Logit"]),
        .executable(name: "logit", targets: ["logit"]),
        .executable(name: "logit-bench", targets: ["logit-bench"]),
        .executable(name: "logit-fuzz", targets: ["logit-fuzz"]),
        .library(name: "LogitServe", targets: ["LogitServe"]),
    ],
    traits: [
        .trait(
            name: "OpenBLAS",
            description: "Link CBLAS (OpenBLAS) and LAPACKE and enable the BLAS backend."
        ),
        // The HTTP service (LogitServe, `logit serve`, `logit keys`) and its tests;
        // off in the pure-Swift CI run so Hummingbird/NIO are not built twice.
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
        // LogitServe (the HTTP service): Hummingbird 2 and the server-side logging/metrics/lifecycle stack.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        .systemLibrary(
            name: "CLAPACKE",
            pkgConfig: "lapacke",
            providers: [.apt(["liblapacke-dev"])]
        ),
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
        .executableTarget(
            name: "logit",
            dependencies: [
                "Logit",
                "LogitNumerics",
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
        .testTarget(
            name: "LogitNumericsTests",
            dependencies: ["LogitNumerics"]
        ),
        .testTarget(
            name: "LogitTests",
            dependencies: ["Logit", "LogitNumerics"],
            resources: [.copy("Fixtures")]
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
        // The HTTP service (issue 14): its own module so linking Logit never pulls in an HTTP stack.
        .target(
            name: "LogitServe",
            dependencies: [
                "Logit",
                "LogitNumerics",
                // /v1/predict/image classifies uploads through LogitImages
                .target(name: "LogitImages", condition: service),
                // the HTTP stack only with the Service trait (the sources are `#if Service` too),
                // so the pure-Swift CI run builds none of it
                .product(name: "Hummingbird", package: "hummingbird", condition: service),
                .product(name: "Logging", package: "swift-log", condition: service),
                .product(name: "Metrics", package: "swift-metrics", condition: service),
                .product(name: "Prometheus", package: "swift-prometheus", condition: service),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle", condition: service),
                .product(name: "UnixSignals", package: "swift-service-lifecycle", condition: service),
            ]
        ),
        // End-to-end tests of the service through HummingbirdTesting and a live socket;
        // the dependencies (and the sources, by `#if Service`) are gated by the Service trait.
        .testTarget(
            name: "LogitServeTests",
            dependencies: [
                "Logit",
                .target(name: "LogitServe", condition: service),
                .target(name: "LogitImages", condition: service),
                .product(name: "HummingbirdTesting", package: "hummingbird", condition: service),
            ]
        ),
    ]
)

// Image files as data (issue 15): decoders over the system libpng, libjpeg-turbo
// and giflib (installed by scripts/setup.sh), in their own product so that
// linking `Logit` alone pulls in no image library.
package.products.append(.library(name: "LogitImages", targets: ["LogitImages"]))
package.targets.append(contentsOf: [
    .systemLibrary(name: "CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
    .systemLibrary(name: "CJPEG", pkgConfig: "libjpeg", providers: [.apt(["libjpeg62-turbo-dev"])]),
    .systemLibrary(name: "CGIF", providers: [.apt(["libgif-dev"])]),
    .target(
        name: "LogitImages",
        dependencies: ["Logit", "LogitNumerics", "CPNG", "CJPEG", "CGIF"]
    ),
    .testTarget(
        name: "LogitImagesTests",
        dependencies: ["LogitImages", "Logit", "LogitNumerics"],
        resources: [.copy("Fixtures")]
    ),
])
// The `logit` CLI reads image folders (`--images`) through LogitImages.
package.targets.first { $0.name == "logit" }!.dependencies.append("LogitImages")
// logit-bench --images measures LogitImages (Benchmarks/LogitBench/ImageBench.swift).
package.targets.first { $0.name == "logit-bench" }!.dependencies.append("LogitImages")
