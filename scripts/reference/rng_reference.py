#!/usr/bin/env python3
"""Independent implementation of SplitMix64 seeding + xoshiro256** (Blackman & Vigna),
used to check the Swift SeededGenerator. Prints the first values for a seed."""
import sys

MASK = (1 << 64) - 1


def splitmix64(state):
    state = (state + 0x9E3779B97F4A7C15) & MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return state, z ^ (z >> 31)


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & MASK


def xoshiro_stream(seed):
    s = seed
    state = []
    for _ in range(4):
        s, v = splitmix64(s)
        state.append(v)
    while True:
        result = (rotl((state[1] * 5) & MASK, 7) * 9) & MASK
        t = (state[1] << 17) & MASK
        state[2] ^= state[0]
        state[3] ^= state[1]
        state[1] ^= state[2]
        state[0] ^= state[3]
        state[2] ^= t
        state[3] = rotl(state[3], 45)
        yield result


if __name__ == "__main__":
    seed = int(sys.argv[1]) if len(sys.argv) > 1 else 42
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    stream = xoshiro_stream(seed)
    print(", ".join(str(next(stream)) for _ in range(count)))
