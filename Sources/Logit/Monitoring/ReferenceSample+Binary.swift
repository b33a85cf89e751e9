import Foundation

/// The sidecar format of a reference sample (little-endian):
///
/// | bytes | content |
/// |---|---|
/// | 8 | magic `LOGITREF` |
/// | 4 | format version (1) |
/// | 4 | length L of the JSON header |
/// | L | JSON: `featureNames`, `classNames`, `rows`, `sourceRows`, `seed`, `hasProbabilities` |
/// | 8·m·d | the values, row-major `Float64` |
/// | 8·m | the labels, `Int64` |
/// | 8·m·k or 0 | the probabilities, row-major `Float64` |
extension ReferenceSample {
    static let magic = Array("LOGITREF".utf8)
    static let binaryVersion: UInt32 = 1

    private struct Header: Codable {
        var featureNames: [String]
        var classNames: [String]
        var rows: Int
        var sourceRows: Int
        var seed: UInt64
        var hasProbabilities: Bool
    }

    /// The sidecar's bytes.
    public func encoded() throws(ModelFileError) -> Data {
        let header: Data
        do {
            header = try JSONEncoder().encode(Header(featureNames: featureNames, classNames: classNames, rows: rows,
                                                      sourceRows: sourceRows, seed: seed,
                                                      hasProbabilities: !probabilities.isEmpty))
        } catch {
            throw ModelFileError("cannot encode the reference sample: \(error)")
        }
        var data = Data()
        data.reserveCapacity(16 + header.count + 8 * (values.count + labels.count + probabilities.count))
        data.append(contentsOf: Self.magic)
        Self.append(Self.binaryVersion.littleEndian, to: &data)
        Self.append(UInt32(header.count).littleEndian, to: &data)
        data.append(header)
        values.withUnsafeBufferPointer { Self.appendDoubles($0, to: &data) }
        for label in labels { Self.append(Int64(label).littleEndian, to: &data) }
        probabilities.withUnsafeBufferPointer { Self.appendDoubles($0, to: &data) }
        return data
    }

    private static func append<I: FixedWidthInteger>(_ value: I, to data: inout Data) {
        withUnsafeBytes(of: value) { data.append(contentsOf: $0) }
    }

    private static func appendDoubles(_ values: UnsafeBufferPointer<Double>, to data: inout Data) {
        #if _endian(little)
        data.append(UnsafeBufferPointer(start: values.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self) },
                                        count: values.count * 8))
        #else
        for v in values { append(v.bitPattern.littleEndian, to: &data) }
        #endif
    }

    /// Reads a sidecar's bytes, checking them against `expected` (shape and
    /// checksum) when given; errors name `file` and say what is wrong.
    public static func decode(_ data: Data, file: String,
                              expected: ReferenceSampleFile? = nil) throws(ModelFileError) -> ReferenceSample {
        if let expected {
            let sum = data.withUnsafeBytes { ReferenceSampleFile.checksum($0) }
            guard sum == expected.checksum else {
                throw ModelFileError("the reference sample's checksum is \(sum) but the model file expects \(expected.checksum): the sidecar is damaged or belongs to another model; retrain to recreate it", file: file)
            }
        }
        let bytes = [UInt8](data)
        var offset = 0
        func take(_ n: Int, _ what: String) throws(ModelFileError) -> ArraySlice<UInt8> {
            guard n >= 0, bytes.count - offset >= n else {
                throw ModelFileError("the reference sample is truncated: \(bytes.count) bytes, ended inside \(what)", file: file)
            }
            defer { offset += n }
            return bytes[offset..<(offset + n)]
        }
        func integer<I: FixedWidthInteger>(_: I.Type, _ what: String) throws(ModelFileError) -> I {
            let slice = try take(MemoryLayout<I>.size, what)
            var value: I = 0
            for (k, b) in slice.enumerated() { value |= I(truncatingIfNeeded: b) << (8 * k) }
            return value
        }
        guard Array(try take(8, "the magic number")) == magic else {
            throw ModelFileError("not a reference sample (the file does not start with LOGITREF)", file: file)
        }
        let version = try integer(UInt32.self, "the version")
        guard version == binaryVersion else {
            throw ModelFileError("reference sample format version \(version); this engine reads version \(binaryVersion)", file: file)
        }
        let length = Int(try integer(UInt32.self, "the header length"))
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: Data(try take(length, "the header")))
        } catch let error as ModelFileError {
            throw error
        } catch {
            throw ModelFileError("the reference sample's header is not valid: \(error)", file: file)
        }
        let m = header.rows, d = header.featureNames.count, k = header.classNames.count
        if let expected, expected.rows != m || expected.features != d || expected.classes != k {
            throw ModelFileError("the reference sample is \(m) rows × \(d) features × \(k) classes but the model file expects \(expected.rows) × \(expected.features) × \(expected.classes)", file: file)
        }
        guard m >= 0 else { throw ModelFileError("the reference sample has \(m) rows", file: file) }
        func doubles(_ count: Int, _ what: String) throws(ModelFileError) -> [Double] {
            let slice = try take(count * 8, what)
            var result = [Double](repeating: 0, count: count)
            slice.withUnsafeBytes { raw in
                for i in 0..<count {
                    result[i] = Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self)))
                }
            }
            return result
        }
        let values = try doubles(m * d, "the values")
        var labels = [Int](repeating: 0, count: m)
        for i in 0..<m {
            let label = Int(try integer(Int64.self, "the labels"))
            guard label >= 0 && label < k else {
                throw ModelFileError("the reference sample's row \(i) has label \(label), not a class index below \(k)", file: file)
            }
            labels[i] = label
        }
        let probabilities = header.hasProbabilities ? try doubles(m * k, "the probabilities") : []
        guard offset == bytes.count else {
            throw ModelFileError("the reference sample has \(bytes.count - offset) bytes after its end", file: file)
        }
        return ReferenceSample(featureNames: header.featureNames, classNames: header.classNames, rows: m, values: values,
                               labels: labels, probabilities: probabilities, sourceRows: header.sourceRows,
                               seed: header.seed)
    }
}
