import Logit
import Testing

@Suite("Confusion matrix")
struct ConfusionMatrixTests {
    @Test func rowsAreTrueClasses() throws {
        let m = try ConfusionMatrix(trueLabels: [0, 0, 1, 2, 2, 2], predictedLabels: [0, 1, 1, 2, 0, 2])
        #expect(m.counts == [[1, 1, 0], [0, 1, 0], [1, 0, 2]])
        #expect(m[2, 0] == 1 && m.total == 6 && m.classCount == 3)
        #expect(m.truePositives == [1, 1, 2] && m.support == [2, 1, 3] && m.predictedCounts == [2, 2, 2])
        #expect(m.description == "true\\pred 0 1 2\n        0 1 1 0\n        1 0 1 0\n        2 1 0 2")
        // Listed labels reorder; samples with unlisted classes are left out (scikit-learn).
        let listed = try ConfusionMatrix(trueLabels: [0, 0, 1, 2, 2, 2], predictedLabels: [0, 1, 1, 2, 0, 2], classes: [2, 0])
        #expect(listed.counts == [[2, 1], [0, 1]])
    }

    @Test func errors() {
        #expect(capturedDataError { try ConfusionMatrix(trueLabels: [0, 1], predictedLabels: [1]) }?.message.contains("2 true labels but 1 predictions") == true)
        #expect(capturedDataError { try ConfusionMatrix(trueLabels: [0, 1], predictedLabels: [1, 0], classes: [5]) }?
            .message.contains("none of the labels") == true)
        #expect(capturedDataError { try ConfusionMatrix(trueLabels: [0, 1], predictedLabels: [1, 0], classes: [0, 0]) }?.message.contains("repeats") == true)
    }
}
