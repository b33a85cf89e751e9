#if Service
import Synchronization

/// A token bucket per client (API key name, or remote address without
/// auth): `rate` requests a second on average, bursts up to `burst`.
/// Thread-safe (one lock); memory grows with the number of distinct
/// clients, which is bounded by the key file (or, without auth, capped at
/// `maxClients`, the oldest forgotten first).
final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: UInt64
    }

    /// Tokens added per second.
    let rate: Double
    /// The bucket's size.
    let burst: Double
    /// The most clients remembered.
    let maxClients: Int
    private let buckets = Mutex<[String: Bucket]>([:])

    /// A limiter of `rate` requests per second per client (burst: `burst`, default `rate`).
    init(rate: Double, burst: Double? = nil, maxClients: Int = 100_000) {
        self.rate = rate
        self.burst = max(burst ?? rate, 1)
        self.maxClients = maxClients
    }

    /// Takes one token for `client` at `now` (uptime nanoseconds): nil when
    /// allowed, else the seconds to wait before one is available.
    func take(_ client: String, now: UInt64) -> Double? {
        buckets.withLock { buckets in
            if buckets.count >= maxClients && buckets[client] == nil {
                // forget idle clients (full buckets) first, else everyone: the map stays bounded
                buckets = buckets.filter { now &- $0.value.updated < 60_000_000_000 }
                if buckets.count >= maxClients { buckets.removeAll(keepingCapacity: true) }
            }
            var bucket = buckets[client] ?? Bucket(tokens: burst, updated: now)
            let elapsed = Double(now &- bucket.updated) / 1e9
            bucket.tokens = min(burst, bucket.tokens + max(0, elapsed) * rate)
            bucket.updated = now
            defer { buckets[client] = bucket }
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                return nil
            }
            return (1 - bucket.tokens) / rate
        }
    }
}
#endif
