/// Which ids have been seen, and where. Each id is kept once, with the global row it was first
/// seen at, in an append-only log of 1 MiB pages; an open-addressing table of 8-byte slots points
/// into the log (40 bits) beside 24 more bits of the id's hash, so most probes never read the
/// log. A hash match is only a duplicate when the stored id's bytes are the same: a collision can
/// never reject a valid file. Sized by the ids inserted (it grows by half at 3/4 full), not by the
/// input's bytes: 8-16 bytes of table, and the id plus 5 bytes of log, per person.
struct FingerprintTable {
    typealias Hash = @Sendable (UnsafeRawBufferPointer) -> UInt64

    private var slots: [UInt64]
    private var count = 0
    private var pages: [[UInt8]] = []
    private let hash: Hash
    static let pageBytes = 1 << 20

    /// `hash`: FNV-1a, finalised, unless a test forces collisions.
    init(hash: @escaping Hash = FingerprintTable.fnv) {
        self.hash = hash
        slots = [UInt64](repeating: 0, count: 1024)
    }

    static let fnv: Hash = { bytes in
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        h = (h ^ (h >> 33)) &* 0xFF51_AFD7_ED55_8CCD   // MurmurHash3's finaliser: every bit mixed
        return h ^ (h >> 33)
    }

    /// Inserts an id seen at `row`; returns the row it was first seen at if it was already there.
    mutating func insert(_ id: UnsafeRawBufferPointer, row: UInt32) -> UInt32? {
        if (count + 1) * 4 > slots.count * 3 { grow() }
        let h = hash(id)
        let tag = h & 0xFF_FFFF
        var i = home(h)
        while slots[i] != 0 {
            if slots[i] >> 40 == tag {
                let at = Int(slots[i] & 0xFF_FFFF_FFFF) - 1
                if let first = entry(at: at, equalTo: id) { return first }
            }
            i = i + 1 == slots.count ? 0 : i + 1
        }
        slots[i] = tag << 40 | UInt64(append(id, row: row) + 1)
        count += 1
        return nil
    }

    /// The first slot to look at: the hash's high bits scaled to the table (any size works).
    private func home(_ h: UInt64) -> Int { Int(truncatingIfNeeded: h.multipliedFullWidth(by: UInt64(slots.count)).high) }

    /// Log entry: row (4 bytes, little-endian), id length (LEB128: 1 byte up to 127), id. An
    /// entry never spans pages.
    private mutating func append(_ id: UnsafeRawBufferPointer, row: UInt32) -> Int {
        let size = 9 + id.count
        if pages.isEmpty || pages[pages.count - 1].count + size > max(FingerprintTable.pageBytes, size) {
            var page: [UInt8] = []
            page.reserveCapacity(max(FingerprintTable.pageBytes, size))
            pages.append(page)
        }
        let p = pages.count - 1
        let offset = p * FingerprintTable.pageBytes + pages[p].count
        for s in stride(from: 0, to: 32, by: 8) { pages[p].append(UInt8(truncatingIfNeeded: row >> UInt32(s))) }
        var n = id.count
        while n >= 0x80 {
            pages[p].append(UInt8(truncatingIfNeeded: n) | 0x80)
            n >>= 7
        }
        pages[p].append(UInt8(n))
        pages[p].append(contentsOf: id)
        return offset
    }

    /// The entry at `k` of `page`: its row, and where its id is.
    private func entry(_ page: [UInt8], _ k: Int) -> (row: UInt32, id: Range<Int>) {
        let row = UInt32(page[k]) | UInt32(page[k + 1]) << 8 | UInt32(page[k + 2]) << 16 | UInt32(page[k + 3]) << 24
        var i = k + 4, length = 0, shift = 0
        while page[i] & 0x80 != 0 {
            length |= Int(page[i] & 0x7F) << shift
            shift += 7
            i += 1
        }
        length |= Int(page[i]) << shift
        return (row, (i + 1)..<(i + 1 + length))
    }

    /// An entry's page and position: offsets count pages as `pageBytes` long (a longer one holds one id).
    private func locate(_ at: Int) -> (page: Int, index: Int) { (at / FingerprintTable.pageBytes, at % FingerprintTable.pageBytes) }

    /// The entry's row when its id is `id`.
    private func entry(at: Int, equalTo id: UnsafeRawBufferPointer) -> UInt32? {
        let (p, k) = locate(at)
        let page = pages[p]
        let e = entry(page, k)
        guard e.id.count == id.count, page[e.id].elementsEqual(id) else { return nil }
        return e.row
    }

    /// Half as many slots again; every logged id is hashed again (the slots keep too few of its bits).
    private mutating func grow() {
        let capacity = slots.count + slots.count / 2
        slots = []   // the old slots go first: at most one table is in memory at a time
        slots = [UInt64](repeating: 0, count: capacity)
        for (p, page) in pages.enumerated() {
            var k = 0
            while k < page.count {
                let e = entry(page, k)
                let h = page.withUnsafeBytes { hash(UnsafeRawBufferPointer(rebasing: $0[e.id])) }
                var i = home(h)
                while slots[i] != 0 { i = i + 1 == slots.count ? 0 : i + 1 }
                slots[i] = (h & 0xFF_FFFF) << 40 | UInt64(p * FingerprintTable.pageBytes + k + 1)
                k = e.id.upperBound
            }
        }
    }
}
