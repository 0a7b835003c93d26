/// The rule set's item codes by their bytes, so a reader finds the item a code names without
/// making a string: an open-addressing table by a hash of the first eight bytes and the length.
struct ItemCodes: Sendable {
    /// `hash` of a code → item index + 1 (0: empty).
    private let slots: [Int32]
    private let mask: Int
    private let codes: [[UInt8]]
    /// Per item: its code packed into a UInt64 when it has at most 8 bytes (codes have no byte
    /// below 0x20, so packed codes of different lengths differ), else 0 (no key packs to 0 but ``).
    private let packed: [UInt64]

    init(_ items: [String]) {
        codes = items.map { Array($0.utf8) }
        packed = codes.map { $0.isEmpty || $0.contains { $0 < 0x20 } ? 0 : AnswerTable.pack($0) ?? 0 }
        var size = 16
        while size < codes.count * 4 { size <<= 1 }
        var slots = [Int32](repeating: 0, count: size)
        for (i, c) in codes.enumerated() {
            var h = ItemCodes.hash(AnswerTable.pack(c.prefix(8)) ?? 0, count: c.count) & (size - 1)
            while slots[h] != 0 { h = (h + 1) & (size - 1) }
            slots[h] = Int32(i + 1)
        }
        self.slots = slots
        mask = size - 1
    }

    var count: Int { codes.count }

    /// The first eight bytes (`head`, packed) and the length, multiplied (item codes are short and differ early).
    @inline(__always) static func hash(_ head: UInt64, count: Int) -> Int {
        Int(truncatingIfNeeded: ((head ^ UInt64(truncatingIfNeeded: count) << 56) &* AnswerTable.multiplier) >> 32)
    }

    /// The item whose code is `key`: a code of up to 8 bytes is compared packed, a longer one byte by byte.
    @inline(__always) func item(_ key: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        guard let base = key.base.baseAddress else { return nil }
        let short = key.count <= 8
        let head = AnswerTable.key(base, key.startIndex..<(short ? key.endIndex : key.startIndex + 8), limit: key.base.count)
        var h = ItemCodes.hash(head, count: key.count) & mask
        return slots.withUnsafeBufferPointer { slots in
            while slots[h] != 0 {
                let i = Int(slots[h]) - 1
                if short ? packed[i] == head && head != 0 : codes[i].elementsEqual(key) { return i }
                h = (h + 1) & mask
            }
            return nil
        }
    }
}
