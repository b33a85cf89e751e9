/// Gives `--track` its optional value: `--track` followed by nothing or by
/// another option means `--track mlruns`, which swift-argument-parser cannot
/// express by itself.
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
            if argument == "--track" {
                let next = index + 1 < arguments.count ? arguments[index + 1] : nil
                if next == nil || (next!.hasPrefix("-") && next!.count > 1) { result.append(defaultTrackingDirectory) }
            }
            index += 1
        }
        return result
    }
}
