/// Gives `--track` its optional value: `--track` followed by nothing or by
/// another option means `--track mlruns`, which swift-argument-parser cannot
/// express by itself. Also joins a long option and a negative number after it
/// (`--l2 -1` → `--l2=-1`): the parser would read `-1` as a short option and
/// answer "missing value" instead of the option's own range error.
enum ArgumentRewriter {
    /// The tracking folder used when `--track` has no value.
    static let defaultTrackingDirectory = "mlruns"

    /// `arguments` with `mlruns` inserted after a bare `--track` (up to a `--`
    /// that ends the options).
    static func rewrite(_ arguments: [String]) -> [String] {
        var result = [String]()
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            result.append(argument)
            if argument == "--" {
                result.append(contentsOf: arguments[(index + 1)...])
                break
            }
            if argument.hasPrefix("--"), argument.count > 2, !argument.contains("="),
               index + 1 < arguments.count, isNegativeNumber(arguments[index + 1]) {
                result[result.count - 1] = argument + "=" + arguments[index + 1]
                index += 2
                continue
            }
            if argument == "--track" {
                let next = index + 1 < arguments.count ? arguments[index + 1] : nil
                if next == nil || (next!.hasPrefix("-") && next!.count > 1) { result.append(defaultTrackingDirectory) }
            }
            index += 1
        }
        return result
    }

    /// Whether `text` reads as a negative number (`-1`, `-0.5`, `-.5`, `-1e-3`,
    /// `-inf`, `-nan`) rather than a short option.
    static func isNegativeNumber(_ text: String) -> Bool {
        guard text.hasPrefix("-"), text.count > 1 else { return false }
        let rest = text.dropFirst()
        if ["inf", "infinity", "nan"].contains(rest.lowercased()) { return true }
        guard let first = rest.first, first.isASCII, first.isNumber || first == "." else { return false }
        return Double(text) != nil
    }
}
