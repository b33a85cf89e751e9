/// `--filter REGEX`: which rows a run measures. A measurement runs when the
/// regular expression matches anywhere in one of the keys of the rows it
/// produces (`BenchRow.key`: kind/dataset/rows/features/classes/backend/
/// precision/threads/solver); rows measured together (the BLAS and Swift rows
/// of a pair, whose speed-up needs both) are kept together.
struct RowFilter {
    /// The pattern as given, nil for every row.
    let pattern: String?
    private let regex: Regex<AnyRegexOutput>?

    /// A filter from `--filter`; nil keeps every row.
    ///
    /// - Throws: ``InvalidPattern`` quoting the pattern and the parser's message.
    init(_ pattern: String?) throws {
        self.pattern = pattern
        guard let pattern else {
            regex = nil
            return
        }
        do {
            regex = try Regex(pattern)
        } catch {
            throw InvalidPattern(message: "--filter '\(pattern)' is not a regular expression: \(error)")
        }
    }

    /// Whether `key` is selected: the pattern matches somewhere in it.
    func matches(_ key: String) -> Bool {
        guard let regex else { return true }
        return (try? regex.firstMatch(in: key)) != nil
    }

    /// Whether any of `keys` is selected.
    func matches(any keys: [String]) -> Bool { keys.contains(where: matches) }

    struct InvalidPattern: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
