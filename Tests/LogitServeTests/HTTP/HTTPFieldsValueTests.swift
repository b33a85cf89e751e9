#if Service
import HTTPTypes
import Testing
@testable import LogitServe

/// Header values as `HTTPFields` gives them, read without Foundation.
@Suite struct HTTPFieldsValueTests {
    @Test func valueMatchesTheSubscript() {
        var fields: HTTPFields = [.contentType: "text/csv"]
        #expect(fields.value(.contentType) == "text/csv")
        #expect(fields.value(.authorization) == nil)
        // A repeated field: its values joined, as the subscript joins them.
        fields.append(HTTPField(name: .authorization, value: "Bearer a"))
        fields.append(HTTPField(name: .authorization, value: "Bearer b"))
        #expect(fields.value(.authorization) == fields[.authorization])
        #expect(fields.value(.authorization) == "Bearer a, Bearer b")
    }

    @Test func mediaTypeAndTrimming() {
        #expect(HTTPFields.mediaType(" Text/CSV ; charset=utf-8") == "text/csv")
        #expect(HTTPFields.mediaType("application/json") == "application/json")
        #expect(HTTPFields.mediaType("") == "")
        #expect(Substring(" \tlk_abc \t").trimmingSpaces == "lk_abc")
        #expect(Substring("   ").trimmingSpaces == "")
        #expect(Substring("x").trimmingSpaces == "x")
    }
}
#endif
