#if Service
/// Names as JSON string literals in one flat byte array (a model's class
/// names, the keys of every prediction's probabilities), escaped once per
/// model rather than once per request.
struct JSONKeyTable: Sendable {
    /// The literals, quotes included, one after another.
    let bytes: [UInt8]
    /// Where each literal starts in ``bytes``, and one past the last (count + 1 entries).
    let starts: [Int]
    /// The bytes of the longest literal (a response's size bound, read per request).
    let longest: Int

    /// The table of `names`, in their order.
    init(_ names: [String]) {
        var bytes: [UInt8] = [], starts = [0]
        for name in names {
            bytes += JSONText.string(name).utf8
            starts.append(bytes.count)
        }
        self.bytes = bytes
        self.starts = starts
        longest = zip(starts, starts.dropFirst()).map { $1 - $0 }.max() ?? 0
    }

    /// Literal `index` as text.
    func literal(_ index: Int) -> String {
        String(decoding: bytes[starts[index]..<starts[index + 1]], as: UTF8.self)
    }
}
#endif
