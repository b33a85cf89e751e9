import Logit
import Testing

@Suite("Label encoder")
struct LabelEncoderTests {
    @Test func integersSortNumerically() {
        let (labels, names) = LabelEncoder.encode(integers: [10, -3, 2, 10, Int.min, Int.max])
        #expect(names == ["\(Int.min)", "-3", "2", "10", "\(Int.max)"])
        #expect(labels == [3, 1, 2, 3, 0, 4])
    }

    /// Strings that all parse as integers take the integer order; otherwise
    /// code-point order (NumPy's np.unique on str), without normalization.
    @Test func stringsSortAsIntegersOrByCodePoint() {
        let ints = LabelEncoder.encode(strings: ["10", "9", "+9", "-1"])
        #expect(ints.classNames == ["-1", "9", "10"] && ints.labels == [2, 1, 1, 0])
        let text = LabelEncoder.encode(strings: ["Kecimen", "Besni", "besni", "Z", "é", "e\u{301}"])
        #expect(text.classNames == ["Besni", "Kecimen", "Z", "besni", "e\u{301}", "é"])
        #expect(text.labels == [1, 0, 3, 2, 5, 4])
        let overflow = LabelEncoder.encode(strings: ["99999999999999999999", "1"])
        #expect(overflow.classNames == ["1", "99999999999999999999"])
    }
}
