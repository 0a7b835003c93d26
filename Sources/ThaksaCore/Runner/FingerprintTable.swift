/// Which ids have been seen, and where: 64-bit fingerprints of the ids in an open-addressing
/// table (8 bytes) with the row they were first seen at as a 32-bit global number (4 bytes).
/// A million people take 24 MiB; sized from the input up front, it never has to grow.
struct FingerprintTable {
    private var keys: [UInt64]
    private var rows: [UInt32]
    private var count = 0

    /// `expected`: about how many ids will be inserted (an estimate is enough).
    init(expected: Int) {
        var capacity = 1024
        while capacity * 3 < expected * 4 { capacity <<= 1 }   // load factor at most 0.75
        keys = [UInt64](repeating: 0, count: capacity)
        rows = [UInt32](repeating: 0, count: capacity)
    }

    /// Inserts a fingerprint; returns the global row it was first seen at if it was already there.
    mutating func insert(_ fingerprint: UInt64, row: UInt32) -> UInt32? {
        if count * 4 >= keys.count * 3 { grow() }
        let key = fingerprint | 1   // 0 marks an empty slot
        let mask = keys.count - 1
        var i = Int(truncatingIfNeeded: key >> 7) & mask
        while keys[i] != 0 {
            if keys[i] == key { return rows[i] }
            i = (i + 1) & mask
        }
        keys[i] = key
        rows[i] = row
        count += 1
        return nil
    }

    private mutating func grow() {
        let oldKeys = keys, oldRows = rows
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        rows = [UInt32](repeating: 0, count: oldKeys.count * 2)
        count = 0
        for (k, r) in zip(oldKeys, oldRows) where k != 0 { _ = insert(k, row: r) }
    }
}
