/// Turns raw class labels (integers or text) into class indices `0..<k` in the
/// order scikit-learn's `LabelEncoder` uses, so that class i here is class i
/// there.
///
/// - Integer labels (every label is an optional sign and decimal digits that fit
///   in `Int`): the classes are the distinct integers sorted numerically, and
///   their names are the integers in decimal (`"-1"`, `"0"`, `"7"`). Labels
///   `"01"` and `"1"` are the same class.
/// - Any other labels: the classes are the distinct strings sorted by their
///   Unicode code points (byte order of UTF-8, which is NumPy's `np.unique`
///   order). Strings compare byte for byte: no Unicode normalization and no
///   trimming, so `"a"` and `"a "` are two classes. Labels such as `"1.0"` are
///   text, not integers.
///
/// For the Raisin data set this gives Besni = 0 and Kecimen = 1.
public enum LabelEncoder {
    /// Class indices and names for integer labels: the distinct values sorted
    /// numerically.
    ///
    /// - Complexity: O(n + k log k) for n labels and k classes.
    public static func encode(integers: [Int]) -> (labels: [Int], classNames: [String]) {
        let distinct = Array(Set(integers)).sorted()
        var index = [Int: Int](minimumCapacity: distinct.count)
        for (i, value) in distinct.enumerated() { index[value] = i }
        return (integers.map { index[$0]! }, distinct.map { String($0) })
    }

    /// Class indices and names for text labels, with the integer rule above.
    ///
    /// - Complexity: O(total length + k log k).
    public static func encode(strings: [String]) -> (labels: [Int], classNames: [String]) {
        var ids = [[UInt8]: Int]()
        var distinct = [[UInt8]]()
        var rowIDs = [Int]()
        rowIDs.reserveCapacity(strings.count)
        for text in strings {
            let bytes = Array(text.utf8)
            if let id = ids[bytes] {
                rowIDs.append(id)
            } else {
                ids[bytes] = distinct.count
                rowIDs.append(distinct.count)
                distinct.append(bytes)
            }
        }
        let (classOfID, names) = order(distinct: distinct)
        return (rowIDs.map { classOfID[$0] }, names)
    }

    /// Orders distinct raw labels (UTF-8 bytes, in order of first appearance):
    /// returns the class index of each and the class names.
    static func order(distinct: [[UInt8]]) -> (classOfID: [Int], classNames: [String]) {
        let integers = distinct.map { parseInteger($0) }
        if integers.allSatisfy({ $0 != nil }) {
            let values = integers.map { $0! }
            let sorted = Array(Set(values)).sorted()
            var index = [Int: Int](minimumCapacity: sorted.count)
            for (i, value) in sorted.enumerated() { index[value] = i }
            return (values.map { index[$0]! }, sorted.map { String($0) })
        }
        let order = distinct.indices.sorted { distinct[$0].lexicographicallyPrecedes(distinct[$1]) }
        var classOfID = [Int](repeating: 0, count: distinct.count)
        for (rank, id) in order.enumerated() { classOfID[id] = rank }
        return (classOfID, order.map { String(decoding: distinct[$0], as: UTF8.self) })
    }

    /// `bytes` as an integer when it is `[+-]?[0-9]+` (surrounding spaces and
    /// tabs allowed) and fits in `Int`.
    static func parseInteger(_ bytes: [UInt8]) -> Int? {
        var i = bytes.startIndex, end = bytes.endIndex
        while i < end, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        while end > i, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        guard i < end else { return nil }
        var negative = false
        if bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        guard i < end else { return nil }
        // Accumulate negatively so that Int.min parses.
        var value = 0
        while i < end {
            let digit = Int(bytes[i]) - 48
            guard digit >= 0 && digit <= 9 else { return nil }
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = times10.subtractingReportingOverflow(digit)
            if o1 || o2 { return nil }
            value = next
            i += 1
        }
        if negative { return value }
        return value == Int.min ? nil : -value
    }
}
