/// Which ids have been seen, and where. Each id is kept once, with the global row it was first
/// seen at, in an append-only log of 1 MiB pages; an open-addressing table of 8-byte slots points
/// into the log (40 bits) beside 24 more bits of the id's hash, so most probes never read the
/// log. A hash match is only a duplicate when the stored id's bytes are the same: a collision can
/// never reject a valid file. Sized by the ids inserted (it doubles at 3/4 full), not by the
/// input's bytes: about 8-21 bytes of table plus the id and 5 bytes of log per person.
struct FingerprintTable {
    typealias Hash = @Sendable (UnsafeRawBufferPointer) -> UInt64

    private var slots: [UInt64]
    private var count = 0
    private var pages: [[UInt8]] = []
    private let hash: Hash
    static let pageBytes = 1 << 20

    /// `hash`: FNV-1a unless a test forces collisions.
    init(hash: @escaping Hash = FingerprintTable.fnv) {
        self.hash = hash
        slots = [UInt64](repeating: 0, count: 1024)
    }

    static let fnv: Hash = { bytes in
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h ^ (h >> 29)
    }

    /// Inserts an id seen at `row`; returns the row it was first seen at if it was already there.
    mutating func insert(_ id: UnsafeRawBufferPointer, row: UInt32) -> UInt32? {
        if (count + 1) * 4 > slots.count * 3 { grow() }
        let h = hash(id)
        let tag = h >> 40
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while slots[i] != 0 {
            if slots[i] >> 40 == tag {
                let at = Int(slots[i] & 0xFF_FFFF_FFFF) - 1
                if let first = entry(at: at, equalTo: id) { return first }
            }
            i = (i + 1) & mask
        }
        slots[i] = tag << 40 | UInt64(append(id, row: row) + 1)
        count += 1
        return nil
    }

    /// Log entry: row (4 bytes, little-endian), id length (4 bytes), id. An entry never spans pages.
    private mutating func append(_ id: UnsafeRawBufferPointer, row: UInt32) -> Int {
        let size = 8 + id.count
        if pages.isEmpty || pages[pages.count - 1].count + size > max(FingerprintTable.pageBytes, size) {
            var page: [UInt8] = []
            page.reserveCapacity(max(FingerprintTable.pageBytes, size))
            pages.append(page)
        }
        let p = pages.count - 1
        let offset = p * FingerprintTable.pageBytes + pages[p].count
        FingerprintTable.put(row, &pages[p])
        FingerprintTable.put(UInt32(id.count), &pages[p])
        pages[p].append(contentsOf: id)
        return offset
    }

    private static func put(_ v: UInt32, _ page: inout [UInt8]) {
        page.append(UInt8(truncatingIfNeeded: v))
        page.append(UInt8(truncatingIfNeeded: v >> 8))
        page.append(UInt8(truncatingIfNeeded: v >> 16))
        page.append(UInt8(truncatingIfNeeded: v >> 24))
    }

    /// An entry's page and position: offsets count pages as `pageBytes` long (a longer one holds one id).
    private func locate(_ at: Int) -> (page: Int, index: Int) { (at / FingerprintTable.pageBytes, at % FingerprintTable.pageBytes) }

    private func word(_ page: [UInt8], _ k: Int) -> UInt32 {
        UInt32(page[k]) | UInt32(page[k + 1]) << 8 | UInt32(page[k + 2]) << 16 | UInt32(page[k + 3]) << 24
    }

    /// The entry's row when its id is `id`.
    private func entry(at: Int, equalTo id: UnsafeRawBufferPointer) -> UInt32? {
        let (p, k) = locate(at)
        let page = pages[p]
        let length = Int(word(page, k + 4))
        guard length == id.count, page[(k + 8)..<(k + 8 + length)].elementsEqual(id) else { return nil }
        return word(page, k)
    }

    /// Twice the slots; every logged id is hashed again (the slots keep too few of its bits).
    private mutating func grow() {
        slots = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (p, page) in pages.enumerated() {
            var k = 0
            while k < page.count {
                let length = Int(word(page, k + 4))
                let h = page.withUnsafeBytes { hash(UnsafeRawBufferPointer(rebasing: $0[(k + 8)..<(k + 8 + length)])) }
                var i = Int(truncatingIfNeeded: h) & mask
                while slots[i] != 0 { i = (i + 1) & mask }
                slots[i] = (h >> 40) << 40 | UInt64(p * FingerprintTable.pageBytes + k + 1)
                k += 8 + length
            }
        }
    }
}
