// `Logit` re-exports `LogitNumerics`: `import Logit` alone names `Matrix`,
// `BackendKind`, `NumericBackend` and `SeededGenerator`, which appear in
// `Logit`'s own public API (a `Dataset`'s features are a `Matrix`). A package
// that depends only on the `Logit` product therefore never needs a second
// import, nor to declare the `LogitNumerics` product.
@_exported import LogitNumerics
