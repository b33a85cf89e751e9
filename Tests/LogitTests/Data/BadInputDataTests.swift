import Foundation
import Logit
import LogitNumerics
import Testing

/// Issue 12, data side: every refusal is located (file, line or row, column)
/// and nothing silently changes a value or a name.
/// CSV bytes through ``CSVLoader``.
private func loadCSV<T: LogitScalar>(_ bytes: [UInt8], source: String, as _: T.Type) throws -> Dataset<T> {
    try bytes.withUnsafeBytes { try CSVLoader().load(bytes: $0, source: source, as: T.self) }
}

@Suite("Bad input: CSV and .npy")
struct BadInputDataTests {
    /// A header nesting 20,000 `(` used to overflow the stack of the
    /// recursive header parser (SIGSEGV); NumPy itself never nests deeper than 2.
    @Test func deeplyNestedNPYHeaderIsAnError() throws {
        for open in ["(", "["] {
            let bytes = npyBytes(major: 1, header: "{'shape': " + String(repeating: open, count: 20000) + "\n")
            let error = capturedDataError {
                try bytes.withUnsafeBytes { try NPYLoader.loadMatrix(bytes: $0, source: "deep.npy", as: Double.self) }
            }
            #expect(error?.file == "deep.npy")
            #expect(error?.message.contains("nested deeper than 16 levels") == true, "\(String(describing: error))")
        }
        // 16 levels is still parsed (then refused for its content, not its depth).
        let sixteen = npyBytes(major: 1, header: "{'descr': '<f8', 'fortran_order': False, 'shape': "
                               + String(repeating: "(", count: 16) + String(repeating: ")", count: 16) + "}\n")
        let error = capturedDataError { try sixteen.withUnsafeBytes { try NPYLoader.loadMatrix(bytes: $0, source: "s.npy", as: Double.self) } }
        #expect(error?.message.contains("nested deeper") == false)
    }

    /// Standard input's .npy is parsed from memory and named by its caller.
    @Test func npyFromMemoryMatchesTheFileAndNamesItsSource() throws {
        let scratch = ScratchDirectory()
        let values: [Double] = [1, 2, 3, 4, 5, 6]
        let bytes = npyBytes(major: 1, header: "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 2), }\n",
                             data: littleEndianBytes(values))
        let path = scratch.write("m.npy", bytes: bytes)
        let fromMemory = try bytes.withUnsafeBytes { try NPYLoader.loadMatrix(bytes: $0, source: "<stdin>", as: Double.self) }
        #expect(fromMemory == (try NPYLoader.loadMatrix(path: path, as: Double.self)))
        #expect(fromMemory.elements == values)
        let truncated = Array(bytes.dropLast(3))
        let error = capturedDataError { try truncated.withUnsafeBytes { try NPYLoader.loadMatrix(bytes: $0, source: "<stdin>", as: Float.self) } }
        #expect(error?.file == "<stdin>")
    }

    /// A NaN in a .npy feature matrix is named by its row in the file, before
    /// any split (the old message named a row of the shuffled training split).
    @Test func nonFiniteNPYFeatureNamesItsFileRow() throws {
        let scratch = ScratchDirectory()
        var values = [Double](repeating: 1, count: 12)
        values[9] = .nan  // row 4, column 1 of a 6×2 matrix
        let x = scratch.write("x.npy", bytes: npyBytes(major: 1, header: "{'descr': '<f8', 'fortran_order': False, 'shape': (6, 2), }\n",
                                                       data: littleEndianBytes(values)))
        let y = scratch.write("y.npy", bytes: npyBytes(major: 1, header: "{'descr': '<f8', 'fortran_order': False, 'shape': (6,), }\n",
                                                       data: littleEndianBytes([0, 1, 0, 1, 0, 1] as [Double])))
        let error = capturedDataError { try NPYLoader.loadDataset(features: x, labels: y, as: Double.self) }
        #expect(error?.file == x)
        #expect(error?.message.hasPrefix("row 4, column 1 (x1) is nan") == true, "\(String(describing: error))")
    }

    /// `1e-400` is not 0 but reads as 0 in Double (below 4.9e-324); `1e-50`
    /// does the same in Float. Refused, naming line and column; a true 0 and
    /// a subnormal are read.
    @Test func underflowIsRefusedAndSaysSo() throws {
        let text = "a,b,label\n1,0e-999,x\n2,1e-400,y\n"
        let error = capturedDataError { try loadCSV(Array(text.utf8), source: "u.csv", as: Double.self) }
        #expect(error?.line == 3 && error?.column == 2)
        #expect(error?.message.hasPrefix("\"1e-400\" is too small for Double") == true, "\(String(describing: error))")
        let float = "a,label\n1e-50,x\n1,y\n"
        #expect(capturedDataError { try loadCSV(Array(float.utf8), source: "f.csv", as: Float.self) }?.line == 2)
        let subnormal = try loadCSV(Array("a,label\n1e-320,x\n0.0,y\n".utf8), source: "s.csv", as: Double.self)
        #expect(subnormal.features.elements == [1e-320, 0])
    }

    /// Bytes that are not UTF-8 in a class name or a column name are refused
    /// (they used to become U+FFFD silently), naming the line and column.
    @Test func nonUTF8NamesAreRefused() throws {
        let label: [UInt8] = Array("a,label\n1,x\n2,y".utf8) + [0xFF] + Array("s\n3,x\n".utf8)
        let error = capturedDataError { try loadCSV(label, source: "b.csv", as: Double.self) }
        #expect(error?.line == 3 && error?.column == 2)
        #expect(error?.message.contains("is not valid UTF-8") == true)
        let header: [UInt8] = Array("a".utf8) + [0xC3] + Array(",label\n1,x\n2,y\n".utf8)
        let headerError = capturedDataError { try loadCSV(header, source: "h.csv", as: Double.self) }
        #expect(headerError?.line == 1 && headerError?.column == 1)
    }

    /// The loader records the label column it used (also the default, last
    /// one) and each row's file line; subsets keep both.
    @Test func labelColumnAndSourceLinesAreKept() throws {
        let text = "a,b,kind\n1,2,x\n3,4,\"y\nz\"\n5,6,x\n\"7\",8,y\n"
        let data = try loadCSV(Array(text.utf8), source: "k.csv", as: Double.self)
        #expect(data.labelColumn == "kind")
        #expect(data.sourceLines == [2, 3, 5, 6], "a quoted line break: the record starts on line 3")
        let subset = data.subset([3, 1])
        #expect(subset.sourceLines == [6, 3] && subset.labelColumn == "kind")
        #expect(subset.rowDescription(0) == "line 6")
        #expect(data.converted(to: Float.self).sourceLines == data.sourceLines)
    }

    /// Class names, not indices, in the split's message.
    @Test func splitErrorNamesTheClass() throws {
        let error = capturedDataError {
            try StratifiedSplit(labels: [0, 0, 1, 0], testFraction: 0.25, seed: 0, classNames: ["Besni", "Kecimen"])
        }
        #expect(error?.message == "stratified split: class \"Kecimen\" has only 1 row; every class needs at least 2")
    }

    /// Control characters are escaped and long names shortened, in time
    /// linear in the shown part (a 1,000,000-character name costs nothing).
    @Test func messageTextEscapesAndShortens() {
        #expect(MessageText.escaped("a\u{0}b\u{1b}[31m\n\té") == "a\\0b\\u{1b}[31m\\n\\té")
        #expect(MessageText.escaped("plain") == "plain")
        #expect(MessageText.shortened("abcdef", to: 6) == "abcdef")
        #expect(MessageText.shortened("abcdefg", to: 6) == "abc...")
        let long = String(repeating: "K", count: 1_000_000)
        let clock = ContinuousClock(), start = clock.now
        for _ in 0..<1000 { _ = MessageText.shortened(long, to: 48) }
        // 1000 calls on the first 49 characters each: far below a second even in
        // a debug build; a linear-in-length version would take seconds.
        #expect(clock.now - start < .seconds(1))
        #expect(MessageText.shortened(long, to: 48).count == 48)
    }
}
