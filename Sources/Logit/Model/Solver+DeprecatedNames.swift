// Solver case names before 0.2.0. The cases are spelled out
// (`gradientDescent`, `stochasticGradientDescent`, `newton`) except L-BFGS,
// whose abbreviation is its name. Raw values ("gd", "sgd", "newton", "lbfgs")
// are unchanged, so model files and command lines are unaffected. Removed in 0.3.0.

extension Solver {
    /// Deprecated: use ``stochasticGradientDescent``.
    @available(*, deprecated, renamed: "stochasticGradientDescent")
    public static var sgd: Solver { .stochasticGradientDescent }
}
