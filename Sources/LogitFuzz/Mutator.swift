import LogitNumerics

/// Seeded mutations of corpus inputs, byte-level and structure-aware: input
/// `index` of a campaign depends only on the seed, the corpus and `index`,
/// so any crash or hang is reproduced by its (seed, index).
struct Mutator: Sendable {
    /// The inputs mutated.
    let corpus: [[UInt8]]
    /// The campaign's seed.
    let seed: UInt64
    /// Mutants are cut to this many bytes, so one input stays fast.
    static let maximumSize = 1 << 20

    /// Tokens that parsers treat specially, spliced into inputs.
    static let tokens: [[UInt8]] = [
        "nan", "NaN", "-inf", "inf", "Infinity", "1e-400", "1e400", "-0", "0x1p3", "1e+308", "4.9e-324",
        "99999999999999999999999", "-9223372036854775808", "18446744073709551616", "\"", "\"\"", ",", ",,", "\r\n",
        "\n", "\r", "\t", " ", "\u{0}", "\u{1b}[31m", "\u{FEFF}", "é", "\u{FFFD}", "(", ")", "[", "]", "{", "}",
        ":", "'", "((((((((((((((((((((", "[[[[[[[[[[[[[[[[[[[[", "{{{{{{{{{{", "'shape': (", "'descr': '<f8'",
        "'descr': '>f8'", "'descr': '|O'", "'fortran_order': True", "True", "False", "None", "L",
        "\"weights\"", "\"bias\"", "\"classNames\"", "\"featureNames\"", "\"scaler\"", "\"formatVersion\": 99",
        "null", "true", "[]", "{}", "\"\\u0000\"", "\\", "\\u12", "-", "e", "E", ".", "1e", "--1",
    ].map { Array($0.utf8) } + [[0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59], [0xFF], [0xC3], [0xED, 0xA0, 0x80], [0x80]]

    /// Bytes that are boundaries in the three formats.
    static let interesting: [UInt8] = [0, 1, 0x7F, 0x80, 0xFF, 0x0A, 0x0D, 0x2C, 0x22, 0x27, 0x28, 0x29, 0x5B, 0x5D,
                                       0x7B, 0x7D, 0x3A, 0x2D, 0x2E, 0x65, 0x30, 0x39, 0x20, 0x09]

    /// Input number `index`: the corpus entries first, unchanged, then
    /// mutants (1 to 8 stacked mutations of a corpus entry).
    func input(_ index: Int) -> [UInt8] {
        if index < corpus.count { return corpus[index] }
        var random = SeededGenerator(seed: seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
        var bytes = corpus[Int.random(in: 0..<corpus.count, using: &random)]
        for _ in 0..<Int.random(in: 1...8, using: &random) {
            mutate(&bytes, using: &random)
            if bytes.count > Self.maximumSize { bytes.removeLast(bytes.count - Self.maximumSize) }
        }
        return bytes
    }

    private func mutate(_ bytes: inout [UInt8], using random: inout SeededGenerator) {
        func position(inclusive: Bool = false) -> Int {
            bytes.isEmpty ? 0 : Int.random(in: 0..<(bytes.count + (inclusive ? 1 : 0)), using: &random)
        }
        switch Int.random(in: 0..<13, using: &random) {
        case 0 where !bytes.isEmpty:  // flip a bit
            bytes[position()] ^= 1 << UInt8.random(in: 0..<8, using: &random)
        case 1 where !bytes.isEmpty:  // an interesting byte
            bytes[position()] = Self.interesting.randomElement(using: &random)!
        case 2:  // insert a token
            bytes.insert(contentsOf: Self.tokens.randomElement(using: &random)!, at: position(inclusive: true))
        case 3 where !bytes.isEmpty:  // replace a digit run or field with a token
            let start = position()
            var end = start
            while end < bytes.count, ![0x2C, 0x0A, 0x20, 0x3A].contains(bytes[end]) { end += 1 }
            bytes.replaceSubrange(start..<end, with: Self.tokens.randomElement(using: &random)!)
        case 4 where !bytes.isEmpty:  // delete a range
            let start = position()
            bytes.removeSubrange(start..<min(bytes.count, start + Int.random(in: 1...64, using: &random)))
        case 5 where !bytes.isEmpty:  // duplicate a range, sometimes many times
            let start = position()
            let piece = Array(bytes[start..<min(bytes.count, start + Int.random(in: 1...32, using: &random))])
            let times = Bool.random(using: &random) ? 1 : Int.random(in: 2...4000, using: &random)
            var repeated = [UInt8]()
            repeated.reserveCapacity(piece.count * times)
            for _ in 0..<times { repeated += piece }
            bytes.insert(contentsOf: repeated, at: position(inclusive: true))
        case 6 where !bytes.isEmpty:  // truncate
            bytes.removeLast(bytes.count - position())
        case 7:  // splice with another corpus entry
            let other = corpus.randomElement(using: &random)!
            guard !other.isEmpty else { return }
            let from = Int.random(in: 0..<other.count, using: &random)
            bytes.insert(contentsOf: other[from..<min(other.count, from + Int.random(in: 1...256, using: &random))],
                         at: position(inclusive: true))
        case 8 where !bytes.isEmpty:  // change a number: digits to extremes
            let start = position()
            guard let digit = bytes[start...].firstIndex(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return }
            var end = digit
            while end < bytes.count, bytes[end] >= 0x30, bytes[end] <= 0x39 { end += 1 }
            let replacement = ["0", "1", "2", "7", "65535", "4294967296", "9223372036854775807", "100000000", "3", "-1"]
            bytes.replaceSubrange(digit..<end, with: Array(replacement.randomElement(using: &random)!.utf8))
        case 9 where bytes.count >= 12:  // .npy: the header length field
            let value = UInt16.random(in: 0...UInt16.max, using: &random)
            bytes[8] = UInt8(value & 0xFF)
            bytes[9] = UInt8(value >> 8)
        case 10 where !bytes.isEmpty:  // swap two bytes
            bytes.swapAt(position(), position())
        case 11:  // a random byte run
            let run = (0..<Int.random(in: 1...16, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            bytes.insert(contentsOf: run, at: position(inclusive: true))
        default:  // a line repeated (more rows, or a long header)
            guard let newline = bytes.firstIndex(of: 0x0A) else { return }
            let lineStart = bytes[..<newline].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
            let line = Array(bytes[lineStart...newline])
            let times = Int.random(in: 1...max(1, min(200, Self.maximumSize / line.count)), using: &random)
            var repeated = [UInt8]()
            repeated.reserveCapacity(line.count * times)
            for _ in 0..<times { repeated += line }
            bytes.insert(contentsOf: repeated, at: newline + 1)
        }
    }
}
