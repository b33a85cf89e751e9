// swift-tools-version: 6.1
//
// swift-logit: a BLAS-accelerated logistic-regression engine.
//
// The `OpenBLAS` trait (on by default) links CBLAS from OpenBLAS and LAPACKE and
// enables the BLAS backend. Build with `--disable-default-traits` for a package
// with no system dependency, running on the pure-Swift backend alone.

import PackageDescription

let openBLAS: TargetDependencyCondition? = .when(traits: ["OpenBLAS"])

let package = Package(
    name: "swift-logit",
    products: [
        .library(name: "LogitNumerics", targets: ["LogitNumerics"]),
        .library(name: "Logit", targets: ["Logit"]),
        .executable(name: "logit", targets: ["logit"]),
        .executable(name: "logit-bench", targets: ["logit-bench"]),
        .executable(name: "logit-fuzz", targets: ["logit-fuzz"]),
    ],
    traits: [
        .trait(
            name: "OpenBLAS",
            description: "Link CBLAS (OpenBLAS) and LAPACKE and enable the BLAS backend."
        ),
        .default(enabledTraits: ["OpenBLAS"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
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
    ]
)

// Model lifecycle (issue 16): ONNX export in its own module, so that linking
// `Logit` alone never pulls SwiftProtobuf; the CLI links it for `logit export`.
package.dependencies.append(.package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"))
package.products.append(.library(name: "LogitONNX", targets: ["LogitONNX"]))
package.targets.append(contentsOf: [
    .target(
        name: "LogitONNX",
        dependencies: [
            "Logit",
            .product(name: "SwiftProtobuf", package: "swift-protobuf"),
        ]
    ),
    .testTarget(
        name: "LogitONNXTests",
        dependencies: [
            "LogitONNX",
            "Logit",
            .product(name: "SwiftProtobuf", package: "swift-protobuf"),
        ]
    ),
])
if let cli = package.targets.first(where: { $0.name == "logit" }) {
    cli.dependencies.append("LogitONNX")
}
