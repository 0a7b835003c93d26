#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small table from strings to values that hashes and compares the strings' UTF-8 bytes, not
/// the `String`s (whose hashing and equality normalise Unicode, which for Thai titles costs more
/// than the rest of a lookup). Equal bytes are equal strings, so a hit is always right; a string
/// spelt differently but equal as a `String` is only a miss, and the caller's slow path decides.
/// Holds at most `limit` keys (later ones are not kept).
struct BytesTable<V> {
    private var slots: [Int32] = []     // index into `entries`; -1: empty
    private var entries: [(key: String, hash: UInt64, value: V)] = []
    let limit: Int

    init(limit: Int) { self.limit = limit }

    var count: Int { entries.count }

    func get(_ key: String) -> V? {
        guard !slots.isEmpty else { return nil }
        let h = BytesTable.hash(key)
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while slots[i] >= 0 {
            let e = entries[Int(slots[i])]
            if e.hash == h && BytesTable.sameBytes(e.key, key) { return e.value }
            i = (i + 1) & mask
        }
        return nil
    }

    mutating func set(_ key: String, _ value: V) {
        guard entries.count < limit, get(key) == nil else { return }
        if (entries.count + 1) * 2 > slots.count { grow() }
        let h = BytesTable.hash(key)
        entries.append((key, h, value))
        place(entries.count - 1, h)
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: max(16, slots.count * 2))
        for (k, e) in entries.enumerated() { place(k, e.hash) }
    }

    private mutating func place(_ k: Int, _ h: UInt64) {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while slots[i] >= 0 { i = (i + 1) & mask }
        slots[i] = Int32(k)
    }

    static func hash(_ s: String) -> UInt64 {
        if let h = s.utf8.withContiguousStorageIfAvailable({ hashBytes(UnsafeRawBufferPointer($0)) }) { return h }
        return Array(s.utf8).withUnsafeBytes { hashBytes($0) }
    }

    /// Eight bytes at a time, multiplied and folded (not for adversaries: a collision costs a
    /// comparison, and the table is bounded).
    static func hashBytes(_ p: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(p.count)
        var i = 0
        while i + 8 <= p.count {
            h = (h ^ p.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
            i += 8
        }
        var tail: UInt64 = 0, shift: UInt64 = 0
        while i < p.count { tail |= UInt64(p[i]) << shift; shift += 8; i += 1 }
        h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        return h ^ (h >> 29)
    }

    static func sameBytes(_ a: String, _ b: String) -> Bool {
        guard a.utf8.count == b.utf8.count else { return false }
        let fast = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in
                guard let p = x.baseAddress, let q = y.baseAddress else { return true }   // both empty
                return memcmp(p, q, x.count) == 0
            }
        }
        if let same = fast ?? nil { return same }
        return a.utf8.elementsEqual(b.utf8)
    }
}
