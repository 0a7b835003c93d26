/// The answers one scale accepts, by the exact bytes of a CSV cell (`1`, `๑`, `✓`, `มี`...), so
/// the bulk of every row maps without making a string. Built when the mapper is made: each
/// accepted word, with Thai digits and in upper case, is run through the general answer path
/// (`AssessmentMapper.answerLevel`) and kept only with the level that path gives it, so a hit
/// here is always what the general path would say; a miss goes to the general path.
struct AnswerTable: Sendable {
    /// Words of up to 8 bytes packed little-endian into a UInt64 (cells have no NUL byte, so the
    /// zero padding is unambiguous), in an open-addressing table: `keys[h]` → `levels[h]`, a
    /// level of -1 marking an empty slot. A scale accepts a few dozen forms, so the table is
    /// small and a lookup is a multiply, a shift and a compare or two.
    private var keys: [UInt64] = []
    private var levels: [Int32] = []
    private var shift: UInt64 = 64
    /// Longer words.
    private var long: [([UInt8], Int)] = []

    init(words: [String], level: (String) -> Int?) {
        var seen = Set<String>()
        var short: [(UInt64, Int)] = []
        for w in words {
            for form in [w, AnswerTable.thaiDigits(w), w.uppercased()] where seen.insert(form).inserted {
                guard let v = level(form) else { continue }
                let bytes = Array(form.utf8)
                guard !bytes.contains(0) else { continue }
                if let key = AnswerTable.pack(bytes[...]) { short.append((key, v)) } else { long.append((bytes, v)) }
            }
        }
        var bits: UInt64 = 4
        while 1 << bits < short.count * 4 { bits += 1 }
        shift = 64 - bits
        keys = [UInt64](repeating: 0, count: 1 << bits)
        levels = [Int32](repeating: -1, count: 1 << bits)
        for (key, v) in short {
            var h = slot(key)
            while levels[h] >= 0 && keys[h] != key { h = (h + 1) & (keys.count - 1) }
            keys[h] = key
            levels[h] = Int32(clamping: v)
        }
    }

    private func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    func level(_ cell: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        guard let key = AnswerTable.pack(cell) else { return long.first { $0.0.elementsEqual(cell) }?.1 }
        return keys.withUnsafeBufferPointer { k in
            levels.withUnsafeBufferPointer { l in
                var h = slot(key)
                while l[h] >= 0 {
                    if k[h] == key { return Int(l[h]) }
                    h = (h + 1) & (k.count - 1)
                }
                return nil
            }
        }
    }

    /// `pack` for a cell in place: its bytes, last first, shifted in.
    @inline(__always) static func pack(_ b: Slice<UnsafeBufferPointer<UInt8>>) -> UInt64? {
        guard b.count <= 8 else { return nil }
        var key: UInt64 = 0
        var i = b.endIndex
        while i > b.startIndex {
            i -= 1
            key = key << 8 | UInt64(b.base[i])
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
