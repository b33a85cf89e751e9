import Foundation
import Logit
import Testing

/// Issue 12, model files: JSON errors name the line and column (Foundation
/// only says "not valid JSON"), a folder or missing folder is said in words.
@Suite("Model file errors")
struct ModelFileErrorTests {
    /// Positions counted by hand from the inputs (line and column 1-based).
    @Test(arguments: [
        ("{\"format\": 3", "line 1, column 13: the file ends inside the JSON"),
        ("{\n \"a\": 1,, }", "line 2, column 9: expected a field name in double quotes, found ','"),
        ("{\"a\": [1, 2 3]}", "line 1, column 13: expected ',' or ']', found '3'"),
        ("{\"a\": 01}", "line 1, column 8: expected ',' or '}', found '1'"),
        ("{\"é\": tru}", "line 1, column 7: expected a value, found 't'"),
        ("{\"a\": \"x\\q\"}", "line 1, column 9: unknown escape \\q"),
        ("[1] [2]", "line 1, column 5: unexpected '[' after the end of the JSON value"),
        ("", "line 1, column 1: the file ends inside the JSON"),
    ])
    func syntaxErrorsAreLocated(text: String, expected: String) {
        let found = ModelFile.jsonSyntaxError(in: Array(text.utf8))
        #expect(found?.hasPrefix(expected) == true, "\(String(describing: found))")
    }

    @Test func wellFormedJSONHasNoSyntaxError() {
        for text in ["{}", "[]", "{\"a\": [1.5e-3, -0, true, false, null, \"\\u00e9\\n\"]}", " 3 "] {
            #expect(ModelFile.jsonSyntaxError(in: Array(text.utf8)) == nil, "\(text)")
        }
        // Deep nesting is scanned without recursion.
        let deep = Array((String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)).utf8)
        #expect(ModelFile.jsonSyntaxError(in: deep) == nil)
    }

    @Test func decodeNamesThePositionOrTheField() throws {
        let syntax = try #require(throws: ModelFileError.self) {
            try ModelFile.decode(Data("{\n\"format\": \"logit-model\",\n\"formatVersion\": 1,,\n}".utf8), file: "m.json")
        }
        #expect(syntax.description == "m.json: not a logit model file: not valid JSON at line 3, column 20: expected a field name in double quotes, found ','")
        let type = try #require(throws: ModelFileError.self) {
            try ModelFile.decode(Data("{\"format\": \"logit-model\", \"formatVersion\": \"one\"}".utf8), file: "m.json")
        }
        #expect(type.message.contains("'formatVersion'"), "\(type)")
    }

    @Test func folderAndMissingFolderAreSaidInWords() throws {
        let scratch = ScratchDirectory()
        let read = try #require(throws: ModelFileError.self) { try ModelFile.read(from: scratch.path) }
        #expect(read.message == "cannot read the model file: is a folder, not a model file")
        #expect(ModelFile.pathProblem(scratch.file("none/m.json"), writing: true) == "the folder \(scratch.file("none")) does not exist")
        #expect(ModelFile.pathProblem(scratch.path, writing: true)?.hasPrefix("is a folder") == true)
        #expect(ModelFile.pathProblem(scratch.file("m.json"), writing: true) == nil)
        #expect(ModelFile.pathProblem(scratch.file("m.json"), writing: false) == "no such file")
        let file = scratch.write("f", "x")
        #expect(ModelFile.pathProblem(file + "/m.json", writing: true) == "\(file) is a file, not a folder")
    }
}
