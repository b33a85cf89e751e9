#if Service
import Testing
@testable import LogitServe

/// The token bucket, on a clock the test controls (nanoseconds).
@Suite struct RateLimiterTests {
    static let second: UInt64 = 1_000_000_000

    @Test func burstThenRateThenRetryAfter() {
        let limiter = RateLimiter(rate: 2, burst: 3)
        let start: UInt64 = 10 * Self.second
        // a full bucket: 3 at once, the 4th waits half a second (1 token at 2/s)
        #expect(limiter.take("a", now: start) == nil)
        #expect(limiter.take("a", now: start) == nil)
        #expect(limiter.take("a", now: start) == nil)
        let wait = limiter.take("a", now: start)
        #expect(wait != nil && abs(wait! - 0.5) < 1e-9)
        // another client has its own bucket
        #expect(limiter.take("b", now: start) == nil)
        // after 0.5 s one token is back, and only one
        #expect(limiter.take("a", now: start + Self.second / 2) == nil)
        #expect(limiter.take("a", now: start + Self.second / 2) != nil)
        // after a long pause the bucket is full again, never more than the burst
        let later = start + 100 * Self.second
        for _ in 0..<3 { #expect(limiter.take("a", now: later) == nil) }
        #expect(limiter.take("a", now: later) != nil)
    }

    @Test func clientMapStaysBounded() {
        let limiter = RateLimiter(rate: 1, maxClients: 10)
        for i in 0..<1000 { _ = limiter.take("client-\(i)", now: Self.second) }
        // still answers, and a new client still gets its burst
        #expect(limiter.take("new", now: Self.second) == nil)
    }
}
#endif
