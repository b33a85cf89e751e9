import Testing
@testable import logit_bench

@Suite struct RowFilterTests {
    let jobKey = "job/raisin/900/7/2/blas/double/1/gd"
    let epochKey = "epoch/synthetic 28×28/100000/784/2/swift/float/2/gd"

    @Test func noPatternSelectsEveryRow() throws {
        let filter = try RowFilter(nil)
        #expect(filter.matches(jobKey))
        #expect(filter.matches(epochKey))
    }

    @Test func patternMatchesAnywhereInTheKey() throws {
        let filter = try RowFilter("job/")
        #expect(filter.matches(jobKey))
        #expect(!filter.matches(epochKey))
        #expect(try RowFilter("/float/2/").matches(epochKey))
        #expect(try RowFilter("gd$").matches(jobKey))
        #expect(!(try RowFilter("^raisin").matches(jobKey)))
    }

    @Test func anyKeyOfAMeasurementSelectsIt() throws {
        let filter = try RowFilter("swift")
        #expect(filter.matches(any: [jobKey, epochKey]))
        #expect(!filter.matches(any: [jobKey]))
        #expect(!filter.matches(any: []))
    }

    @Test func invalidPatternIsAClearError() {
        let error = #expect(throws: RowFilter.InvalidPattern.self) { try RowFilter("(") }
        #expect(error?.message.contains("--filter '('") == true)
        #expect(error?.message.contains("not a regular expression") == true)
    }

    @Test func listingCollectsSelectedKeysAndMeasuresNothing() throws {
        // wants(_:) is mutating: call it outside #expect, which captures its operands immutably.
        var bench = Bench(quick: true, filter: try RowFilter("blas"), listing: true)
        let listedAnswer = bench.wants([jobKey, epochKey])
        #expect(!listedAnswer)
        #expect(bench.listed == [jobKey])
        var running = Bench(quick: true, filter: try RowFilter("blas"), listing: false)
        let both = running.wants([jobKey, epochKey]), swiftOnly = running.wants([epochKey])
        #expect(both)
        #expect(!swiftOnly)
        #expect(running.listed.isEmpty)
    }
}
