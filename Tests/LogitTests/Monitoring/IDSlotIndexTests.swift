import LogitNumerics
import Testing
@testable import Logit

/// The drift window's id → slot table against `Dictionary` (the reference),
/// through long random runs of inserts, updates and removals at full load,
/// with ids both scattered and consecutive (a request's ids).
@Suite("Request id index")
struct IDSlotIndexTests {
    @Test(arguments: [1, 7, 64, 1000])
    func agreesWithDictionary(capacity: Int) {
        var index = IDSlotIndex(capacity: capacity)
        var reference = [UInt64: Int]()
        var random = SeededGenerator(seed: UInt64(capacity))
        var next: UInt64 = 1 << 40
        for step in 0..<(50 * capacity + 200) {
            let roll = random.next() % 10
            if roll < 5, reference.count < capacity {
                // A new id: consecutive mostly, sometimes anywhere (including 0 and UInt64.max).
                let id: UInt64 = roll == 0 ? [0, .max, random.next()][Int(random.next() % 3)] : next
                next &+= 1
                let slot = Int(random.next() % UInt64(capacity))
                index.set(id, slot: slot)
                reference[id] = slot
            } else if roll < 8, let id = reference.keys.randomElement(using: &random) {
                index.remove(id)
                reference[id] = nil
            } else if let id = reference.keys.randomElement(using: &random) {
                let slot = Int(random.next() % UInt64(capacity))
                index.set(id, slot: slot)  // an update
                reference[id] = slot
            }
            if step % 17 == 0 {
                for (id, slot) in reference { #expect(index.slot(of: id) == slot, "step \(step), id \(id)") }
                #expect(index.slot(of: next &+ 12345) == nil)
            }
        }
        for (id, slot) in reference { #expect(index.slot(of: id) == slot) }
        for id in reference.keys { index.remove(id) }
        for id in reference.keys { #expect(index.slot(of: id) == nil) }
    }
}
