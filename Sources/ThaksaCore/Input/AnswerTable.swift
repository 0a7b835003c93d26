/// The answers one scale accepts, by the exact bytes of a CSV cell (`1`, `๑`, `✓`, `มี`...), so
/// the bulk of every row maps without making a string. Built when the mapper is made: each
/// accepted word, with Thai digits and in upper case, is run through the general answer path
/// (`AssessmentMapper.answerLevel`) and kept only with the level that path gives it, so a hit
/// here is always what the general path would say; a miss goes to the general path.
struct AnswerTable: Sendable {
    /// Words of up to 8 bytes packed little-endian into a UInt64 (cells have no NUL byte, so the
    /// zero padding is unambiguous) → level.
    private var short: [UInt64: Int] = [:]
    /// Longer words.
    private var long: [([UInt8], Int)] = []

    init(words: [String], level: (String) -> Int?) {
        var seen = Set<String>()
        for w in words {
            for form in [w, AnswerTable.thaiDigits(w), w.uppercased()] where seen.insert(form).inserted {
                guard let v = level(form) else { continue }
                let bytes = Array(form.utf8)
                guard !bytes.contains(0) else { continue }
                if let key = AnswerTable.pack(bytes[...]) { short[key] = v } else { long.append((bytes, v)) }
            }
        }
    }

    func level(_ cell: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        if let key = AnswerTable.pack(cell) { return short[key] }
        return long.first { $0.0.elementsEqual(cell) }?.1
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
