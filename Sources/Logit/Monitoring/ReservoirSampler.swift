import LogitNumerics
import RealModule

/// Uniform sampling without replacement in one pass: Li's Algorithm L
/// (reservoir sampling with geometric skips), seeded.
public enum ReservoirSampler {
    /// The positions, ascending, of a uniform random sample of min(`size`,
    /// `count`) items out of `count` seen one after another.
    ///
    /// Only the count is needed, so the positions can be chosen before the data
    /// is read and the rows copied during the single pass over it.
    ///
    /// - Complexity: O(size·(1 + log(count/size))) random draws, O(size) memory.
    public static func positions(count: Int, size: Int, seed: UInt64) -> [Int] {
        let k = min(size, count)
        guard k > 0 else { return [] }
        var reservoir = Array(0..<k)
        guard count > k else { return reservoir }
        var random = SeededGenerator(seed: seed)
        func uniform() -> Double {
            var u = random.nextUnitInterval()
            while u == 0 { u = random.nextUnitInterval() }
            return u
        }
        var w = Double.exp(Double.log(uniform()) / Double(k))
        var i = k - 1
        while true {
            let skip = (Double.log(uniform()) / Double.log(onePlus: -w)).rounded(.down)
            guard skip.isFinite, skip < Double(count) else { break }
            i += Int(skip) + 1
            guard i < count else { break }
            reservoir[random.nextIndex(below: k)] = i
            w *= Double.exp(Double.log(uniform()) / Double(k))
        }
        reservoir.sort()
        return reservoir
    }
}
