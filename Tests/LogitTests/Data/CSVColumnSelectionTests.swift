import Foundation
import Logit
import Testing

/// Column selection, delimiters and binary-format detection of ``CSVLoader``
/// (issue 11: real-world tabular data). Values are hand-written, so every
/// expected number is exact.
@Suite("CSVLoader: feature columns, excluded columns, delimiters, binary files")
struct CSVColumnSelectionTests {
    let csv = """
        id,a,note,b,label
        r1,1,"free, text",2,x
        r2,3,n/a,4,y
        r3,5,,6,x
        """

    @Test("excluded columns are skipped unparsed, even holding text and empty cells")
    func excludedColumns() throws {
        let data = try CSVLoader(labelColumn: "label", excludedColumns: ["id", "note"]).load(csv: csv, as: Double.self)
        #expect(data.featureNames == ["a", "b"])
        #expect(data.features.elements == [1, 2, 3, 4, 5, 6])
        #expect(data.classNames == ["x", "y"] && data.labels == [0, 1, 0])
    }

    @Test("feature columns are read in the order given; the others are not parsed")
    func featureColumns() throws {
        let data = try CSVLoader(labelColumn: "label", featureColumns: ["b", "a"]).load(csv: csv, as: Float.self)
        #expect(data.featureNames == ["b", "a"])
        #expect(data.features.elements == [2, 1, 4, 3, 6, 5])
    }

    @Test("naming a missing column, or the label as a feature, is a located error")
    func badColumnNames() throws {
        let missing = #expect(throws: DataError.self) {
            try CSVLoader(labelColumn: "label", excludedColumns: ["nope"]).load(csv: csv, as: Double.self)
        }
        #expect(missing?.message.contains(#"no column named "nope""#) == true)
        #expect(missing?.line == 1)
        let label = #expect(throws: DataError.self) {
            try CSVLoader(labelColumn: "label", featureColumns: ["a", "label"]).load(csv: csv, as: Double.self)
        }
        #expect(label?.message.contains("is the label column") == true)
        // without selection the text column is still an error, located
        let text = #expect(throws: DataError.self) { try CSVLoader(labelColumn: "label").load(csv: csv, as: Double.self) }
        #expect(text?.line == 2 && text?.column == 1)
    }

    @Test("tab and semicolon delimiters")
    func delimiters() throws {
        let tsv = "a\tb\tlabel\n1.5\t2\tx\n3\t4\ty\n"
        let data = try CSVLoader(delimiter: "\t").load(csv: tsv, as: Double.self)
        #expect(data.features.elements == [1.5, 2, 3, 4])
        let semicolons = "a;b;label\n1;2;x\n3;4;y\n"
        #expect(try CSVLoader(delimiter: ";").load(csv: semicolons, as: Double.self).features.elements == [1, 2, 3, 4])
    }

    @Test("binary formats are recognized by their first bytes and refused with what to convert to")
    func binaryFiles() throws {
        let scratch = ScratchDirectory()
        let cases: [(String, [UInt8], String)] = [
            ("data.parquet", Array("PAR1".utf8) + [0, 0, 0, 0], "Parquet"),
            ("data.xlsx", [0x50, 0x4B, 0x03, 0x04, 0, 0], "ZIP"),
            ("data.csv.gz", [0x1F, 0x8B, 8, 0], "gzip"),
            ("data.feather", Array("ARROW1".utf8) + [0, 0], "Arrow"),
            ("data.h5", [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A], "HDF5"),
        ]
        for (name, bytes, what) in cases {
            let path = scratch.write(name, bytes: bytes)
            let error = #expect(throws: DataError.self) { try CSVLoader().load(path: path, as: Double.self) }
            #expect(error?.message.contains(what) == true, "\(name): \(String(describing: error))")
            #expect(error?.message.contains("convert") == true || error?.message.contains("decompress") == true)
            #expect(error?.file == path)
        }
        #expect(BinaryFormat.detect(Array("a,b\n1,2\n".utf8)) == nil)
        #expect(BinaryFormat.detect(Array("PAR".utf8)) == nil)
    }
}
