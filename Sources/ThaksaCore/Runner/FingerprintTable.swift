#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which ids have been seen, and where, in memory that hardly grows with the ids.
///
/// Each id is kept once, with the global row it was first seen at, in an append-only log in a
/// nameless temporary file. The ids of the current generation are found through an in-memory
/// open-addressing table of 8-byte slots (24 bits of the id's hash + 40 bits of log offset); when
/// it is 3/4 full, its slots are sorted in place and appended to a second temporary file as a
/// sorted run, and the table starts empty. Older ids are found through the runs: a blocked Bloom
/// filter of every logged id's hash (8 bits per id) says whether one may be there, and only then
/// are the runs searched (the page(s) of each run with the id's 24-bit tag, located by in-memory
/// fence keys). A match counts only when the logged id's bytes are equal, so a collision can
/// never reject a valid file. Memory: the table (it grows to 2 MiB), the filter (1-2 bytes per
/// id), 8 bytes per 4 KiB page of runs, and three 1 MiB buffers; a spill allocates nothing.
/// Without a temporary file (none can be made, or the disk is full) the bytes stay in memory.
struct FingerprintTable {
    typealias Hash = @Sendable (UnsafeRawBufferPointer) -> UInt64

    private let hash: Hash
    private var slots: [UInt64]
    private var count = 0
    private var log: SpillFile
    /// Where the current generation's log entries start.
    private var generationStart = 0
    private var runs: [Run] = []
    private var runFile: SpillFile
    /// Every logged id's hash (those of the generation too: they are found in the table first).
    private var filter = BloomFilter(capacity: 1 << 16)
    /// Ids in the runs, ids in the log.
    private var spilled = 0, logged = 0
    /// Where the log is read back (kept: big short-lived buffers would stay in the heap).
    private var chunk: [UInt8] = []

    /// Slots of the in-memory table; a generation holds 3/4 as many ids.
    private let generationSlots: Int
    /// Sorted slots per fence key (a 4 KiB page of a run).
    static let slotsPerPage = 512

    /// `hash`: FNV-1a, finalised, unless a test forces collisions; `generationSlots`: smaller in
    /// tests, to spill often; `inMemory`: no temporary files.
    init(hash: @escaping Hash = FingerprintTable.fnv, generationSlots: Int = 1 << 18, inMemory: Bool = false) {
        self.hash = hash
        self.generationSlots = max(generationSlots, 16)
        slots = [UInt64](repeating: 0, count: min(1024, self.generationSlots))
        log = SpillFile(inMemory: inMemory)
        runFile = SpillFile(inMemory: inMemory)
    }

    static let fnv: Hash = { bytes in
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        h = (h ^ (h >> 33)) &* 0xFF51_AFD7_ED55_8CCD   // MurmurHash3's finaliser: every bit mixed
        return h ^ (h >> 33)
    }

    /// Inserts an id seen at `row`; returns the row it was first seen at if it was already there.
    mutating func insert(_ id: UnsafeRawBufferPointer, row: UInt32) -> UInt32? { insert(id, hashed: hash(id), row: row) }

    /// `insert` with the id's hash computed beforehand (by `hash`: another thread may have done it).
    mutating func insert(_ id: UnsafeRawBufferPointer, hashed h: UInt64, row: UInt32) -> UInt32? {
        let tag = h & 0xFF_FFFF
        var i = home(h)
        while slots[i] != 0 {
            if slots[i] >> 40 == tag, let first = entry(at: Int(slots[i] & 0xFF_FFFF_FFFF) - 1, equalTo: id) { return first }
            i = i + 1 == slots.count ? 0 : i + 1
        }
        if spilled > 0, filter.mayContain(h), let first = findInRuns(tag, id) { return first }
        slots[i] = tag << 40 | UInt64(append(id, row: row) + 1)
        count += 1
        logged += 1
        if logged > filter.capacity { rebuildFilter(capacity: 2 * logged) } else { filter.add(h) }
        if count * 4 >= slots.count * 3 { if slots.count < generationSlots { grow() } else { spill() } }
        return nil
    }

    /// Bytes held in memory for the ids: the table, the filter and the runs' fence keys (the
    /// buffers of the two temporary files, 1 MiB each, come on top).
    var memoryBytes: Int { slots.count * 8 + filter.bytes + runs.reduce(0) { $0 + $1.fences.count * 8 } }

    /// The first slot to look at: the hash's high bits scaled to the table.
    private func home(_ h: UInt64) -> Int { Int(truncatingIfNeeded: h.multipliedFullWidth(by: UInt64(slots.count)).high) }

    /// Log entry: row (4 bytes, little-endian), id length (LEB128: 1 byte up to 127), id.
    private mutating func append(_ id: UnsafeRawBufferPointer, row: UInt32) -> Int {
        var head: (UInt64, UInt64) = (0, 0)   // row + length: at most 4 + 10 bytes
        return withUnsafeMutableBytes(of: &head) { h in
            var n = 0
            for s in stride(from: 0, to: 32, by: 8) { h[n] = UInt8(truncatingIfNeeded: row >> UInt32(s)); n += 1 }
            var length = id.count
            while length >= 0x80 {
                h[n] = UInt8(truncatingIfNeeded: length) | 0x80
                n += 1
                length >>= 7
            }
            h[n] = UInt8(length)
            let at = log.append(UnsafeRawBufferPointer(rebasing: h[0...n]))
            _ = log.append(id)
            return at
        }
    }

    /// The entry at log offset `at`: its row and its id's length and offset.
    private func header(at: Int) -> (row: UInt32, length: Int, id: Int) {
        var head: (UInt64, UInt64) = (0, 0)
        return withUnsafeMutableBytes(of: &head) { h in
            let got = log.read(at: at, into: h)
            var row: UInt32 = 0
            for k in 0..<4 where k < got { row |= UInt32(h[k]) << UInt32(8 * k) }
            var k = 4, length = 0, shift = 0
            while k < got, h[k] & 0x80 != 0, shift < 63 {
                length |= Int(h[k] & 0x7F) << shift
                shift += 7
                k += 1
            }
            if k < got { length |= Int(h[k]) << shift }
            return (row, length, at + k + 1)
        }
    }

    /// The entry's row when its id is `id`.
    private func entry(at: Int, equalTo id: UnsafeRawBufferPointer) -> UInt32? {
        let e = header(at: at)
        guard e.length == id.count else { return nil }
        return log.equal(at: e.id, id) ? e.row : nil
    }

    /// The row of `id` (whose slots carry `tag`) in the runs, if it is there.
    private func findInRuns(_ tag: UInt64, _ id: UnsafeRawBufferPointer) -> UInt32? {
        let low = tag << 40   // the smallest slot value with this tag
        var page = [UInt64](repeating: 0, count: FingerprintTable.slotsPerPage)
        for run in runs {
            var lo = 0, hi = run.fences.count   // the first page starting at or after `low`
            while lo < hi {
                let mid = (lo + hi) / 2
                if run.fences[mid] < low { lo = mid + 1 } else { hi = mid }
            }
            var p = max(lo - 1, 0)
            while p < run.fences.count && run.fences[p] >> 40 <= tag {
                let first = p * FingerprintTable.slotsPerPage
                let n = min(FingerprintTable.slotsPerPage, run.count - first)
                let got = page.withUnsafeMutableBytes { runFile.read(at: run.start + 8 * first, into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<8 * n])) }
                for k in 0..<(got / 8) where page[k] >> 40 == tag {
                    if let row = entry(at: Int(page[k] & 0xFF_FFFF_FFFF) - 1, equalTo: id) { return row }
                }
                p += 1
            }
        }
        return nil
    }

    /// Calls `body` with the hash and offset of every log entry from `start` on. The slots keep
    /// 24 bits of the hash: the ids are hashed again, read back in chunks of the log.
    private mutating func forEachEntry(from start: Int, _ body: (UInt64, Int) -> Void) {
        if chunk.isEmpty { chunk = [UInt8](repeating: 0, count: SpillFile.bufferBytes) }
        var at = start
        while at < log.count {
            let got = chunk.withUnsafeMutableBytes { log.read(at: at, into: $0) }
            var k = 0
            chunk.withUnsafeBytes { c in
                while k + 5 <= got {
                    var length = 0, shift = 0, i = k + 4
                    while i < got, c[i] & 0x80 != 0 { length |= Int(c[i] & 0x7F) << shift; shift += 7; i += 1 }
                    guard i < got else { break }
                    length |= Int(c[i]) << shift
                    guard i + 1 + length <= got else { break }
                    body(hash(UnsafeRawBufferPointer(rebasing: c[(i + 1)..<(i + 1 + length)])), at + k)
                    k = i + 1 + length
                }
            }
            if k == 0 {
                // One entry longer than the chunk: a bigger chunk.
                chunk = [UInt8](repeating: 0, count: chunk.count * 2)
                continue
            }
            at += k
        }
    }

    /// Twice the slots (up to `generationSlots`), filled again from the generation's log.
    private mutating func grow() {
        let capacity = min(slots.count * 2, generationSlots)
        var bigger = [UInt64](repeating: 0, count: 0)
        swap(&bigger, &slots)
        bigger = []   // the old slots go first
        bigger = [UInt64](repeating: 0, count: capacity)
        forEachEntry(from: generationStart) { h, at in
            var i = Int(truncatingIfNeeded: h.multipliedFullWidth(by: UInt64(capacity)).high)
            while bigger[i] != 0 { i = i + 1 == capacity ? 0 : i + 1 }
            bigger[i] = (h & 0xFF_FFFF) << 40 | UInt64(at + 1)
        }
        swap(&bigger, &slots)
    }

    /// Moves the generation's slots, sorted in place, to a run and empties the table.
    private mutating func spill() {
        var n = 0
        for k in slots.indices where slots[k] != 0 {
            slots[n] = slots[k]
            n += 1
        }
        slots.withUnsafeMutableBufferPointer { FingerprintTable.heapSort($0.baseAddress!, n) }
        var run = Run(start: runFile.count, count: n, fences: [])
        run.fences.reserveCapacity(n / FingerprintTable.slotsPerPage + 1)
        for k in stride(from: 0, to: n, by: FingerprintTable.slotsPerPage) { run.fences.append(slots[k]) }
        _ = slots.withUnsafeBytes { runFile.append(UnsafeRawBufferPointer(rebasing: $0[0..<(8 * n)])) }
        runs.append(run)
        spilled += n
        for k in slots.indices { slots[k] = 0 }
        count = 0
        generationStart = log.count
    }

    /// Sorts `n` values in place without allocating (a spill must not need memory of its own).
    static func heapSort(_ a: UnsafeMutablePointer<UInt64>, _ n: Int) {
        func sift(_ start: Int, _ end: Int) {
            var root = start
            while 2 * root + 1 < end {
                var child = 2 * root + 1
                if child + 1 < end && a[child] < a[child + 1] { child += 1 }
                guard a[root] < a[child] else { return }
                (a[root], a[child]) = (a[child], a[root])
                root = child
            }
        }
        var start = n / 2
        while start > 0 { start -= 1; sift(start, n) }
        var end = n
        while end > 1 {
            end -= 1
            (a[0], a[end]) = (a[end], a[0])
            sift(0, end)
        }
    }

    /// A bigger filter, filled with the hash of every logged id (read back from the log).
    private mutating func rebuildFilter(capacity: Int) {
        filter = BloomFilter(capacity: 0)   // the old one goes first
        var bigger = BloomFilter(capacity: capacity)
        forEachEntry(from: 0) { h, _ in bigger.add(h) }
        filter = bigger
    }

    struct Run {
        /// Byte offset in the run file, and number of slots.
        var start: Int
        var count: Int
        /// The first slot of each page of `slotsPerPage` slots.
        var fences: [UInt64]
    }
}

/// A blocked Bloom filter: each hash sets 5 bits in one 64-byte block (one cache line per test).
struct BloomFilter {
    private var blocks: [UInt64]
    let capacity: Int

    /// 8 bits per id for `capacity` ids (one 64-bit word per 8 ids), in whole 64-byte blocks:
    /// about 3 % false positives when full (each costs a look into the runs, never a wrong answer).
    init(capacity: Int) {
        self.capacity = capacity
        blocks = [UInt64](repeating: 0, count: capacity == 0 ? 0 : max(8, (capacity / 8 + 7) / 8 * 8))
    }

    /// Bytes the filter holds.
    var bytes: Int { blocks.count * 8 }

    /// The block of `h` and its 5 bit positions (0..<512) in it, 9 bits each from a remix of `h`.
    @inline(__always) private func block(_ h: UInt64) -> (block: Int, positions: UInt64) {
        (Int(truncatingIfNeeded: h.multipliedFullWidth(by: UInt64(blocks.count / 8)).high) * 8, h &* 0x9E37_79B9_7F4A_7C15)
    }

    mutating func add(_ h: UInt64) {
        var (block, g) = block(h)
        for _ in 0..<5 {
            let bit = g >> 55
            blocks[block + Int(bit >> 6)] |= 1 << (bit & 63)
            g <<= 9
        }
    }

    func mayContain(_ h: UInt64) -> Bool {
        guard !blocks.isEmpty else { return false }
        var (block, g) = block(h)
        for _ in 0..<5 {
            let bit = g >> 55
            if blocks[block + Int(bit >> 6)] & (1 << (bit & 63)) == 0 { return false }
            g <<= 9
        }
        return true
    }
}

/// An append-only byte store in a nameless temporary file, written through a 1 MiB buffer and
/// read back with `pread`; in memory when no temporary file can be made.
struct SpillFile {
    private let fd: Int32
    private let closer: Closer
    private var writable: Bool
    /// Bytes before `buffer` (in the file).
    private var flushed = 0
    private var buffer: [UInt8] = []
    static let bufferBytes = 1 << 20

    init(inMemory: Bool) {
        fd = inMemory ? -1 : SpillFile.nameless()
        closer = Closer(fd)
        writable = fd >= 0
    }

    var count: Int { flushed + buffer.count }

    /// Appends `bytes`; returns their offset.
    mutating func append(_ bytes: UnsafeRawBufferPointer) -> Int {
        let at = count
        if writable, buffer.count + bytes.count > SpillFile.bufferBytes { flush() }
        buffer.append(contentsOf: bytes)
        return at
    }

    /// Writes the buffer to the file. After a write error (a full disk) nothing more is written:
    /// what the file has stays readable, the rest stays in memory.
    private mutating func flush() {
        var off = 0
        while off < buffer.count {
            let n = buffer.withUnsafeBytes { pwrite(fd, $0.baseAddress! + off, $0.count - off, off_t(flushed + off)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { writable = false; break }
            off += n
        }
        buffer.removeSubrange(0..<off)
        flushed += off
    }

    /// Reads up to `into.count` bytes at `at`; returns how many were read.
    func read(at: Int, into: UnsafeMutableRawBufferPointer) -> Int {
        guard at < count else { return 0 }
        var got = 0
        while got < into.count && at + got < flushed {
            let n = pread(fd, into.baseAddress! + got, min(into.count - got, flushed - at - got), off_t(at + got))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return got }
            got += n
        }
        if got < into.count && at + got >= flushed {
            let from = at + got - flushed, n = min(into.count - got, buffer.count - from)
            if n > 0 { buffer.withUnsafeBytes { (into.baseAddress! + got).copyMemory(from: $0.baseAddress! + from, byteCount: n) } }
            got += n
        }
        return got
    }

    /// Whether the bytes at `at` are `bytes`.
    func equal(at: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
        if at >= flushed {
            let from = at - flushed
            guard from + bytes.count <= buffer.count else { return false }
            return buffer.withUnsafeBytes { memcmp($0.baseAddress! + from, bytes.baseAddress ?? $0.baseAddress!, bytes.count) == 0 }
        }
        var chunk = [UInt8](repeating: 0, count: min(bytes.count, 4096))
        var off = 0
        while off < bytes.count {
            let n = min(chunk.count, bytes.count - off)
            let got = chunk.withUnsafeMutableBytes { read(at: at + off, into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<n])) }
            guard got == n, chunk.withUnsafeBytes({ memcmp($0.baseAddress!, bytes.baseAddress! + off, n) }) == 0 else { return false }
            off += n
        }
        return true
    }

    /// Closes the file when the last copy of the store goes.
    final class Closer: Sendable {
        let fd: Int32
        init(_ fd: Int32) { self.fd = fd }
        deinit { if fd >= 0 { close(fd) } }
    }

    /// A temporary file without a name (removed at once, so nothing is left behind), or -1.
    static func nameless() -> Int32 {
        let dir = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        var template = Array((dir + "/.thaksa-ids-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard made >= 0 else { return -1 }
        _ = fcntl(made, F_SETFD, FD_CLOEXEC)   // not inherited by processes started meanwhile
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        return made
    }
}
