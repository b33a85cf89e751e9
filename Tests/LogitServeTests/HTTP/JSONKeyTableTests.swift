#if Service
import Foundation
import Testing
@testable import LogitServe

/// The class names a prediction writes as keys: each literal, sliced from the
/// flat table, is the JSON string Foundation's serializer reads back as the name.
@Suite struct JSONKeyTableTests {
    @Test func literalsReadBackAsTheNames() throws {
        let names = ["Besni", "Ke\"ci\\men", "tab\there", "naïve ✓", ""]
        let table = JSONKeyTable(names)
        #expect(table.starts.count == names.count + 1)
        var longest = 0
        for (c, name) in names.enumerated() {
            let literal = Array(table.bytes[table.starts[c]..<table.starts[c + 1]])
            longest = max(longest, literal.count)
            let decoded = try JSONSerialization.jsonObject(with: Data(literal), options: [.fragmentsAllowed])
            #expect(decoded as? String == name)
            #expect(table.literal(c) == String(decoding: literal, as: UTF8.self))
        }
        #expect(table.longest == longest)
        #expect(JSONKeyTable([]).longest == 0)
    }
}
#endif
