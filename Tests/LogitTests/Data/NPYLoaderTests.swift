import Foundation
import Logit
import LogitNumerics
import Testing

/// A `.npy` file built byte by byte: magic, version, header length (2 bytes in
/// 1.x, 4 in 2.x/3.x, or `declaredLength`), header text, data.
func npyBytes(major: UInt8, minor: UInt8 = 0, header: String, data: [UInt8] = [], declaredLength: Int? = nil) -> [UInt8] {
    let text = Array(header.utf8)
    let length = declaredLength ?? text.count
    var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [major, minor]
    bytes += [UInt8(length & 0xFF), UInt8(length >> 8 & 0xFF)]
    if major >= 2 { bytes += [UInt8(length >> 16 & 0xFF), UInt8(length >> 24 & 0xFF)] }
    return bytes + text + data
}

/// Little-endian bytes of `values`.
func littleEndianBytes(_ values: [Double]) -> [UInt8] {
    values.flatMap { v in withUnsafeBytes(of: v.bitPattern.littleEndian) { Array($0) } }
}

func littleEndianBytes(_ values: [Float]) -> [UInt8] {
    values.flatMap { v in withUnsafeBytes(of: v.bitPattern.littleEndian) { Array($0) } }
}

/// The address ranges at which this process has `path` memory-mapped (Linux).
func mappedRanges(of path: String) -> [Range<UInt>] {
    // /proc files report size 0, so read to the end rather than by size.
    guard let handle = FileHandle(forReadingAtPath: "/proc/self/maps"),
          let data = try? handle.readToEnd() else { return [] }
    let maps = String(decoding: data, as: UTF8.self)
    return maps.split(separator: "\n").compactMap { line -> Range<UInt>? in
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count >= 6, fields[5...].joined(separator: " ") == path else { return nil }
        let bounds = fields[0].split(separator: "-").compactMap { UInt($0, radix: 16) }
        return bounds.count == 2 ? bounds[0]..<bounds[1] : nil
    }
}

@Suite("NPY loader and writer")
struct NPYLoaderTests {
    /// The matrix every feature fixture holds: X[i, j] = 10 i + j + 0.25 (exact
    /// in both precisions), written by NumPy in scripts/reference/make_npy_fixtures.py.
    static let x: [[Double]] = (0..<3).map { i in (0..<4).map { j in Double(10 * i + j) + 0.25 } }

    static let numpyFeatureFiles = ["x_f8_v1.npy", "x_f4_v1.npy", "x_f8_v2.npy", "x_f4_v3.npy",
                                    "x_f8_fortran.npy", "x_f4_fortran.npy"]

    @Test(arguments: numpyFeatureFiles)
    func readsFilesWrittenByNumPy(name: String) throws {
        let path = dataFixturePath("npy/" + name)
        #expect(try NPYLoader.loadMatrix(path: path, as: Double.self) == (try Matrix(Self.x)))
        #expect(try NPYLoader.loadMatrix(path: path, as: Float.self) == (try Matrix(Self.x.map { $0.map(Float.init) })))
        #expect(try NPYLoader.loadMatrix(path: path, as: Double.self, memoryMap: false) == (try Matrix(Self.x)))
        let header = try NPYLoader.header(path: path)
        #expect(header.shape == [3, 4])
        #expect(header.fortranOrder == name.contains("fortran"))
        #expect(header.version == (name.contains("v2") ? .v2 : name.contains("v3") ? .v3 : .v1))
        #expect(header.dataOffset % 64 == 0)
    }

    @Test func imagesFlattenAndVectorsBecomeColumns() throws {
        // (2, 3, 4) uint8 pixels 0, 10, …, 230 → 2×12 in C order.
        let images = try NPYLoader.loadMatrix(path: dataFixturePath("npy/images_u1.npy"), as: Float.self)
        #expect(images == (try Matrix(rows: 2, columns: 12, elements: (0..<24).map { Float($0 * 10) })))
        let column = try NPYLoader.loadMatrix(path: dataFixturePath("npy/column_f8.npy"), as: Double.self)
        #expect(column == (try Matrix(rows: 3, columns: 1, elements: [1.5, -2, 3.25])))
    }

    @Test(arguments: ["y_i8.npy", "y_i4.npy", "y_column_i8.npy", "y_u1.npy", "y_f4.npy"])
    func readsLabelsWrittenByNumPy(name: String) throws {
        let (labels, names) = try NPYLoader.loadLabels(path: dataFixturePath("npy/" + name))
        #expect(labels == [1, 0, 1])
        #expect(names == (name.contains("u1") || name.contains("f4") ? ["0", "2"] : ["-2", "7"]))
    }

    @Test func datasetFromTwoFiles() throws {
        let data = try NPYLoader.loadDataset(features: dataFixturePath("npy/x_f8_v1.npy"),
                                             labels: dataFixturePath("npy/y_i8.npy"), as: Double.self)
        #expect(data.features == (try Matrix(Self.x)))
        #expect(data.labels == [1, 0, 1] && data.classNames == ["-2", "7"])
        #expect(data.featureNames == ["x0", "x1", "x2", "x3"])
    }

    /// The loader's scan spares `fit` a second one, but only while the
    /// features are as loaded: a value changed after loading is caught by `fit`.
    @Test func fitRescansFeaturesChangedAfterLoading() throws {
        var data = try NPYLoader.loadDataset(features: dataFixturePath("npy/x_f8_v1.npy"),
                                             labels: dataFixturePath("npy/y_i8.npy"), as: Double.self)
        let trainer = LogisticRegression<Double>()
        _ = try trainer.fit(data)
        data.features[2, 1] = .nan
        #expect(throws: TrainingError.invalidData("X[row 2, column 1 (x1)] is nan; features must be finite")) {
            try trainer.fit(data)
        }
    }

    // MARK: Round trips

    static let versions: [NPYHeader.Version?] = [nil, .v1, .v2, .v3]

    @Test(arguments: versions)
    func writerRoundTripsBothPrecisions(version: NPYHeader.Version?) throws {
        let dir = ScratchDirectory()
        var g = SeededGenerator(seed: 9)
        for (rows, columns) in [(5, 3), (1, 1), (4, 1), (0, 3), (17, 33)] {
            let doubles = try Matrix(rows: rows, columns: columns,
                                     elements: (0..<(rows * columns)).map { _ in g.nextGaussian() * 1e3 })
            let floats = try Matrix(rows: rows, columns: columns, elements: doubles.elements.map { Float($0) })
            let d = dir.file("d\(rows)x\(columns).npy"), f = dir.file("f\(rows)x\(columns).npy")
            try NPYWriter.write(doubles, to: d, version: version)
            try NPYWriter.write(floats, to: f, version: version)
            // Bit-exact both ways, and converted across precisions as Float(x) / Double(x).
            #expect(try NPYLoader.loadMatrix(path: d, as: Double.self) == doubles)
            #expect(try NPYLoader.loadMatrix(path: f, as: Float.self) == floats)
            #expect(try NPYLoader.loadMatrix(path: d, as: Float.self) == floats)
            #expect(try NPYLoader.loadMatrix(path: f, as: Double.self).elements == floats.elements.map { Double($0) })
            let header = try NPYLoader.header(path: d)
            #expect(header.version == version ?? .v1)
            #expect(header.elementType == .float64 && !header.fortranOrder && header.shape == [rows, columns])
            #expect(header.dataOffset % 64 == 0)
        }
    }

    @Test func writerMatchesNumPyByteForByte() throws {
        let dir = ScratchDirectory()
        for (name, version) in [("x_f8_v1.npy", nil), ("x_f8_v2.npy", NPYHeader.Version.v2)] {
            try NPYWriter.write(try Matrix(Self.x), to: dir.file(name), version: version)
            #expect(dir.read(name) == Array(FileManager.default.contents(atPath: dataFixturePath("npy/" + name))!))
        }
        try NPYWriter.write(try Matrix(Self.x.map { $0.map(Float.init) }), to: dir.file("x_f4_v3.npy"), version: .v3)
        #expect(dir.read("x_f4_v3.npy") == Array(FileManager.default.contents(atPath: dataFixturePath("npy/x_f4_v3.npy"))!))
        try NPYWriter.write(labels: [7, -2, 7], to: dir.file("y_i8.npy"))
        #expect(dir.read("y_i8.npy") == Array(FileManager.default.contents(atPath: dataFixturePath("npy/y_i8.npy"))!))
        try NPYWriter.write(labels: [2, 0, 2], to: dir.file("y_u1.npy"), as: .uint8)
        #expect(dir.read("y_u1.npy") == Array(FileManager.default.contents(atPath: dataFixturePath("npy/y_u1.npy"))!))
    }

    @Test(arguments: NPYElementType.allCases)
    func labelsRoundTripInEveryType(type: NPYElementType) throws {
        let dir = ScratchDirectory()
        let signed = type.descr.contains("i") || type.isFloatingPoint
        let raw = signed ? [5, -3, 5, 0, 120, -3] : [5, 3, 5, 0, 120, 3]
        try NPYWriter.write(labels: raw, to: dir.file("y.npy"), as: type)
        #expect(try NPYLoader.loadRawLabels(path: dir.file("y.npy")) == raw)
        #expect(try NPYLoader.header(path: dir.file("y.npy")).elementType == type)
        let encoded = try NPYLoader.loadLabels(path: dir.file("y.npy"))
        #expect(encoded.classNames == Set(raw).sorted().map(String.init))
    }

    @Test func vectorsAndFloatLabels() throws {
        let dir = ScratchDirectory()
        try NPYWriter.write([1.5, -2, 3.25] as [Float], to: dir.file("v.npy"))
        #expect(try NPYLoader.loadMatrix(path: dir.file("v.npy"), as: Double.self).elements == [1.5, -2, 3.25])
        #expect(try NPYLoader.header(path: dir.file("v.npy")).shape == [3])
    }

    /// Version 2.0 and 3.0 headers written by hand, in forms NumPy accepts but
    /// does not write: keys in another order, double quotes, no trailing comma,
    /// a Python 2 `L` suffix, no padding, UTF-8 (3.0).
    @Test func handWrittenVersion2And3Headers() throws {
        let dir = ScratchDirectory()
        let values: [Double] = [1, 2, 3, 4, 5, 6]
        let v2 = npyBytes(major: 2, header: "{\"shape\": (2L, 3L), \"fortran_order\": False, \"descr\": \"<f8\"}\n",
                          data: littleEndianBytes(values))
        let v2Path = dir.write("v2.npy", bytes: v2)
        #expect(try NPYLoader.loadMatrix(path: v2Path, as: Double.self) == (try Matrix([[1, 2, 3], [4, 5, 6]])))
        #expect(try NPYLoader.header(path: v2Path).version == .v2)
        let v3 = npyBytes(major: 3, header: "{'descr':'<f4','fortran_order':True,'shape':(3,2),'note':'é'}   \n",
                          data: littleEndianBytes(values.map(Float.init)))
        let v3Path = dir.write("v3.npy", bytes: v3)
        // Fortran order: column-major data 1…6 is [[1, 4], [2, 5], [3, 6]].
        #expect(try NPYLoader.loadMatrix(path: v3Path, as: Float.self) == (try Matrix<Float>([[1, 4], [2, 5], [3, 6]])))
        #expect(try NPYLoader.header(path: v3Path).version == .v3)
        // An unaligned data offset (12 + 63 = 75) is read by copying.
        let odd = npyBytes(major: 2, header: "{'descr': '<f8', 'fortran_order': False, 'shape': (6,), }" + String(repeating: " ", count: 5) + "\n",
                           data: littleEndianBytes(values))
        let oddPath = dir.write("odd.npy", bytes: odd)
        #expect(try NPYLoader.header(path: oddPath).dataOffset == 75)
        #expect(try NPYLoader.loadMatrix(path: oddPath, as: Double.self).elements == values)
    }

    // MARK: Memory mapping

    /// A C-order file of the matrix's own precision is mapped, not copied: the
    /// matrix's first element lies inside a mapping of that file. A converted
    /// load is not. Writing to the mapped matrix copies it and leaves the file alone.
    @Test func sameTypeIsMemoryMappedWithoutACopy() throws {
        let dir = ScratchDirectory()
        let path = dir.file("mapped.npy")
        let original = try Matrix(rows: 64, columns: 16, elements: (0..<1024).map { Double($0) })
        try NPYWriter.write(original, to: path)
        let before = dir.read("mapped.npy")

        var mapped = try NPYLoader.loadMatrix(path: path, as: Double.self)
        let address = mapped.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
        #if os(Linux)
        let ranges = mappedRanges(of: path)
        #expect(ranges.contains { $0.contains(address) }, "address \(address) not in \(ranges)")
        let converted = try NPYLoader.loadMatrix(path: path, as: Float.self)
        let convertedAddress = converted.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
        #expect(!ranges.contains { $0.contains(convertedAddress) })
        let copied = try NPYLoader.loadMatrix(path: path, as: Double.self, memoryMap: false)
        let copiedAddress = copied.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
        #expect(!mappedRanges(of: path).contains { $0.contains(copiedAddress) })
        #endif
        #expect(mapped == original)

        mapped[0, 0] = -1
        #expect(mapped[0, 0] == -1 && mapped[0, 1] == 1)
        let afterWrite = mapped.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
        #expect(afterWrite != address, "a write must copy the read-only mapping")
        #expect(dir.read("mapped.npy") == before, "the file must not change")
        #expect(try NPYLoader.loadMatrix(path: path, as: Double.self) == original)
    }

    /// The mapping is released when the last matrix sharing it goes away.
    @Test func mappingIsReleasedWithTheLastMatrix() throws {
        #if os(Linux)
        let dir = ScratchDirectory()
        let path = dir.file("release.npy")
        try NPYWriter.write(Matrix<Float>(rows: 100, columns: 10, repeating: 2), to: path)
        do {
            let m = try NPYLoader.loadMatrix(path: path, as: Float.self)
            let view = m.rows(10..<20)
            #expect(!mappedRanges(of: path).isEmpty)
            #expect(view[0, 0] == 2)
        }
        #expect(mappedRanges(of: path).isEmpty)
        #endif
    }

    // MARK: Errors

    struct BadFile: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        var message: String
        var labels = false
        var testDescription: String { name }
    }

    static func dict(_ descr: String = "'<f8'", fortran: String = "False", shape: String = "(2, 3)") -> String {
        "{'descr': \(descr), 'fortran_order': \(fortran), 'shape': \(shape), }\n"
    }

    static let six = littleEndianBytes([1, 2, 3, 4, 5, 6] as [Double])

    static let badFiles: [BadFile] = [
        BadFile(name: "bad magic", bytes: Array("NOTNUMPY and more bytes".utf8), message: "not a .npy file"),
        BadFile(name: "too short", bytes: [0x93, 0x4E, 0x55], message: "truncated .npy header"),
        BadFile(name: "empty file", bytes: [], message: "truncated .npy header"),
        BadFile(name: "ends in the length field", bytes: [0x93] + Array("NUMPY".utf8) + [2, 0, 0x10],
                message: "truncated .npy header"),
        BadFile(name: "header shorter than declared", bytes: npyBytes(major: 1, header: dict(), declaredLength: 500),
                message: "truncated .npy header: it declares 500 header bytes"),
        BadFile(name: "version 4.0", bytes: npyBytes(major: 4, header: dict(), data: six),
                message: "unsupported .npy format version 4.0"),
        BadFile(name: "version 1.1", bytes: npyBytes(major: 1, minor: 1, header: dict(), data: six),
                message: "unsupported .npy format version 1.1"),
        BadFile(name: "complex dtype", bytes: npyBytes(major: 1, header: dict("'<c16'"), data: six + six),
                message: "unsupported dtype '<c16'"),
        BadFile(name: "half precision", bytes: npyBytes(major: 1, header: dict("'<f2'"), data: Array(six[0..<12])),
                message: "unsupported dtype '<f2'"),
        BadFile(name: "unicode strings", bytes: npyBytes(major: 1, header: dict("'<U3'"), data: six),
                message: "unsupported dtype '<U3'"),
        BadFile(name: "structured dtype", bytes: npyBytes(major: 1, header: dict("[('a', '<f8')]", shape: "(6,)"), data: six),
                message: "structured arrays"),
        BadFile(name: "big-endian", bytes: npyBytes(major: 1, header: dict("'>f8'"), data: six),
                message: "big-endian data ('>f8') is not supported"),
        BadFile(name: "not a dict", bytes: npyBytes(major: 1, header: "['descr', '<f8']\n", data: six),
                message: "cannot parse the .npy header dict (expected a dict"),
        BadFile(name: "unclosed dict", bytes: npyBytes(major: 1, header: "{'descr': '<f8', 'shape': (2, 3)\n", data: six),
                message: "cannot parse the .npy header dict"),
        BadFile(name: "text after the dict", bytes: npyBytes(major: 1, header: dict() + "x", data: six),
                message: "unexpected text after the dict"),
        BadFile(name: "unterminated string", bytes: npyBytes(major: 1, header: "{'descr: '<f8'}\n", data: six),
                message: "cannot parse the .npy header dict"),
        BadFile(name: "no shape", bytes: npyBytes(major: 1, header: "{'descr': '<f8', 'fortran_order': False}\n", data: six),
                message: "no 'shape' tuple"),
        BadFile(name: "no fortran_order", bytes: npyBytes(major: 1, header: "{'descr': '<f8', 'shape': (6,)}\n", data: six),
                message: "no 'fortran_order'"),
        BadFile(name: "no descr", bytes: npyBytes(major: 1, header: "{'fortran_order': False, 'shape': (6,)}\n", data: six),
                message: "no 'descr'"),
        BadFile(name: "float in shape", bytes: npyBytes(major: 1, header: dict(shape: "(2.5, 3)"), data: six),
                message: "cannot parse the .npy header dict"),
        BadFile(name: "negative dimension", bytes: npyBytes(major: 1, header: dict(shape: "(-2, 3)"), data: six),
                message: "non-negative integers"),
        BadFile(name: "huge shape", bytes: npyBytes(major: 1, header: dict(shape: "(4294967296, 4294967296)"), data: six),
                message: "too large"),
        BadFile(name: "data too short", bytes: npyBytes(major: 1, header: dict(shape: "(3, 4)"), data: six + six[0..<32]),
                message: "data size mismatch: shape (3, 4) of <f8 needs 96 data bytes, the file has 80"),
        BadFile(name: "data too long", bytes: npyBytes(major: 1, header: dict(), data: six + [0]),
                message: "needs 48 data bytes, the file has 49"),
        BadFile(name: "0-d array", bytes: npyBytes(major: 1, header: dict(shape: "()"), data: Array(six[0..<8])),
                message: "0-dimensional"),
        BadFile(name: "Fortran 3-D", bytes: npyBytes(major: 1, header: dict(fortran: "True", shape: "(1, 2, 3)"), data: six),
                message: "Fortran-order array of 3 dimensions"),
        BadFile(name: "fortran_order not a bool", bytes: npyBytes(major: 1, header: dict(fortran: "0"), data: six),
                message: "no 'fortran_order' True/False"),
        BadFile(name: "2-D labels", bytes: npyBytes(major: 1, header: dict(shape: "(3, 2)"), data: six),
                message: "labels must be a 1-D array (n,) or a column (n, 1), not shape (3, 2)", labels: true),
        BadFile(name: "fractional label", bytes: npyBytes(major: 1, header: dict(shape: "(6,)"),
                                                          data: littleEndianBytes([1, 2, 2.5, 1, 1, 1] as [Double])),
                message: "label 2.5 at index 2 is not a whole number", labels: true),
        BadFile(name: "NaN label", bytes: npyBytes(major: 1, header: dict("'<f4'", shape: "(2,)"),
                                                   data: littleEndianBytes([1, .nan] as [Float])),
                message: "label nan at index 1 is not a whole number", labels: true),
        BadFile(name: "u8 label beyond Int", bytes: npyBytes(major: 1, header: dict("'<u8'", shape: "(1,)"),
                                                             data: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]),
                message: "label 18446744073709551615 at index 0 is larger than", labels: true),
        BadFile(name: "big-endian labels", bytes: npyBytes(major: 1, header: dict("'>i4'", shape: "(12,)"), data: six),
                message: "big-endian", labels: true),
    ]

    /// Every malformed file is a DataError naming the file, never a crash.
    @Test(arguments: badFiles)
    func rejectsMalformedFiles(_ bad: BadFile) {
        let dir = ScratchDirectory()
        let path = dir.write("bad.npy", bytes: bad.bytes)
        let error: DataError?
        if bad.labels {
            error = capturedDataError(bad.name) { try NPYLoader.loadLabels(path: path) }
        } else {
            error = capturedDataError(bad.name) { try NPYLoader.loadMatrix(path: path, as: Double.self) }
            let float = capturedDataError(bad.name) { try NPYLoader.loadMatrix(path: path, as: Float.self) }
            #expect(float?.message == error?.message)
        }
        #expect(error?.file == path, "\(bad.name)")
        #expect(error?.message.contains(bad.message) == true, "\(bad.name): \(String(describing: error))")
    }

    @Test func numpyBigEndianAndFractionFixturesAreRejected() {
        let big = capturedDataError { try NPYLoader.loadMatrix(path: dataFixturePath("npy/x_big_endian.npy"), as: Double.self) }
        #expect(big?.message.contains("big-endian") == true)
        let fraction = capturedDataError { try NPYLoader.loadLabels(path: dataFixturePath("npy/y_f8_fraction.npy")) }
        #expect(fraction?.message.contains("label 0.5 at index 1 is not a whole number") == true)
    }

    @Test func datasetErrorsNameTheFiles() throws {
        let dir = ScratchDirectory()
        let features = dataFixturePath("npy/x_f8_v1.npy")
        try NPYWriter.write(labels: [0, 1], to: dir.file("two.npy"))
        let mismatch = capturedDataError { try NPYLoader.loadDataset(features: features, labels: dir.file("two.npy"), as: Double.self) }
        #expect(mismatch?.file == dir.file("two.npy"))
        #expect(mismatch?.message.contains("2 labels for 3 feature rows (in \(features))") == true)
        try NPYWriter.write(labels: [4, 4, 4], to: dir.file("one.npy"))
        let oneClass = capturedDataError { try NPYLoader.loadDataset(features: features, labels: dir.file("one.npy"), as: Double.self) }
        #expect(oneClass?.message.contains("1 class (4)") == true, "\(String(describing: oneClass))")
        let missing = capturedDataError { try NPYLoader.loadMatrix(path: dir.file("none.npy"), as: Double.self) }
        #expect(missing?.file == dir.file("none.npy") && missing?.message.contains("cannot open") == true)
    }

    @Test func writerErrors() {
        let dir = ScratchDirectory()
        let range = capturedDataError { try NPYWriter.write(labels: [1, 300], to: dir.file("y.npy"), as: .uint8) }
        #expect(range?.message == "label 300 at index 1 does not fit exactly in |u1")
        let float = capturedDataError { try NPYWriter.write(labels: [16_777_217], to: dir.file("y.npy"), as: .float32) }
        #expect(float?.message.contains("does not fit exactly in <f4") == true)
        let path = "/nonexistent-dir/x.npy"
        let unwritable = capturedDataError { try NPYWriter.write(Matrix<Double>(rows: 1, columns: 1), to: path) }
        #expect(unwritable?.file == path && unwritable?.message.contains("cannot create") == true)
    }
}
