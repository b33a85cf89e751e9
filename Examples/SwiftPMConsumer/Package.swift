// swift-tools-version: 6.1
//
// A separate package that uses swift-logit the way any other SwiftPM project
// would: the README's dependency line, `.package(name: "swift-logit", path:
// …)`, with the path of the checkout two folders up. `name:` fixes the
// package's identity to "swift-logit" whatever the checkout's folder is called
// (a path dependency is otherwise named after it).
//
// It forwards its own `OpenBLAS` trait (on by default) to swift-logit's, so
//   swift run                           trains on the BLAS backend
//   swift run --disable-default-traits  builds swift-logit without OpenBLAS
//                                       (pure-Swift backend, no system libraries)

import PackageDescription

let package = Package(
    name: "raisin-consumer",
    traits: [
        .trait(name: "OpenBLAS", description: "Build swift-logit with its OpenBLAS trait (BLAS backend)."),
        .default(enabledTraits: ["OpenBLAS"]),
    ],
    dependencies: [
        .package(
            name: "swift-logit",
            path: "../..",
            traits: [.trait(name: "OpenBLAS", condition: .when(traits: ["OpenBLAS"]))]
        ),
    ],
    targets: [
        .executableTarget(
            name: "RaisinAccuracy",
            dependencies: [
                // Logit re-exports LogitNumerics: one product is enough.
                .product(name: "Logit", package: "swift-logit"),
            ]
        ),
    ]
)
