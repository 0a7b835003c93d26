import Foundation
/// The answers each scale accepts, by the exact bytes of a CSV cell (`1`, `๑`, `✓`, `มี`...), so
/// the bulk of every row maps without making a string. Built when the mapper is made: each
/// accepted word, with Thai digits and in upper case, is run through the general answer path
/// (`AssessmentMapper.answerLevel`) and kept only with the level that path gives it, so a hit
/// here is always what the general path would say; a miss goes to the general path.
struct AnswerTable: Sendable {
    /// Words of up to 8 bytes packed little-endian into a UInt64 (cells have no NUL byte, so the
    /// zero padding is unambiguous), in one open-addressing table per scale, all laid end to end
    /// in `keys` → `levels`, a level of -1 marking an empty slot. A scale accepts a few dozen
    /// forms, so its table is small and a lookup is a load, a multiply, a shift and a compare or two.
    private var keys: [UInt64] = []
    private var levels: [Int32] = []
    /// Per scale: its table's first slot, its number of slots less one (a power of two), and the
    /// shift that takes a hash to a slot.
    private var firsts: [Int] = []
    private var masks: [Int] = []
    private var shifts: [UInt64] = []
    /// Per scale: its longer words.
    private var long: [[([UInt8], Int32)]] = []

    /// One table per entry of `scales`: its words, and the level the general path gives a word (nil: none).
    init(scales: [(words: [String], level: (String) -> Int?)]) {
        for scale in scales {
            var seen = Set<String>()
            var short: [(UInt64, Int32)] = []
            var longer: [([UInt8], Int32)] = []
            for w in scale.words {
                for form in [w, AnswerTable.thaiDigits(w), w.uppercased()] where seen.insert(form).inserted {
                    guard let v = scale.level(form) else { continue }
                    let bytes = Array(form.utf8)
                    guard !bytes.contains(0), !bytes.isEmpty else { continue }
                    if let key = AnswerTable.pack(bytes) { short.append((key, Int32(clamping: v))) } else { longer.append((bytes, Int32(clamping: v))) }
                }
            }
            var bits: UInt64 = 4
            while 1 << bits < short.count * 4 { bits += 1 }
            let first = keys.count, size = 1 << bits
            keys += [UInt64](repeating: 0, count: size)
            levels += [Int32](repeating: -1, count: size)
            let shift = 64 - bits
            for (key, v) in short {
                var h = Int(truncatingIfNeeded: (key &* AnswerTable.multiplier) >> shift)
                while levels[first + h] >= 0 && keys[first + h] != key { h = (h + 1) & (size - 1) }
                keys[first + h] = key
                levels[first + h] = v
            }
            firsts.append(first)
            masks.append(size - 1)
            shifts.append(shift)
            long.append(longer)
        }
    }

    static let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// The level of the cell `p[r]` on scale `scale`, -1 when the table does not have it.
    @inline(__always) func level(scale: Int, _ p: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Int32 {
        guard r.count <= 8, let base = p.baseAddress else {
            return long[scale].first { $0.0.elementsEqual(p[r]) }?.1 ?? -1
        }
        let key = AnswerTable.key(base, r, limit: p.count)
        let first = firsts[scale], mask = masks[scale]
        return keys.withUnsafeBufferPointer { k in
            levels.withUnsafeBufferPointer { l in
                var h = Int(truncatingIfNeeded: (key &* AnswerTable.multiplier) >> shifts[scale])
                while l[first + h] >= 0 {
                    if k[first + h] == key { return l[first + h] }
                    h = (h + 1) & mask
                }
                return -1
            }
        }
    }

    /// The bytes `base[r]` (at most 8) packed little-endian: one load, masked, when eight bytes
    /// from `r`'s start lie below `limit`, else byte by byte.
    @inline(__always) static func key(_ base: UnsafePointer<UInt8>, _ r: Range<Int>, limit: Int) -> UInt64 {
        if r.lowerBound + 8 <= limit {
            return UnsafeRawPointer(base + r.lowerBound).loadUnaligned(as: UInt64.self) & (~0 >> UInt64(64 - 8 * r.count))
        }
        var key: UInt64 = 0
        var i = r.upperBound
        while i > r.lowerBound {
            i -= 1
            key = key << 8 | UInt64(base[i])
        }
        return key
    }

    static func pack(_ b: some Swift.Collection<UInt8>) -> UInt64? {
        guard b.count <= 8 else { return nil }
        var key: UInt64 = 0
        var shift: UInt64 = 0
        for x in b {
            key |= UInt64(x) << shift
            shift += 8
        }
        return key
    }

    /// `1` → `๑`: the digits a Thai form is typed with.
    static func thaiDigits(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map { c in
            (48...57).contains(c.value) ? Unicode.Scalar(c.value - 48 + 0x0E50) ?? c : c
        }))
    }
}
