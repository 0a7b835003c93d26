import Foundation

/// Reads the usual shape of a JSON Lines assessment straight from its bytes into an `Assessment`:
/// known keys, item codes as written, `true`/`false` or an accepted word as answers. Anything else
/// (escapes, unknown keys or codes, other value types, repeated answers) returns nil, and the line
/// goes through the general parser and mapper, which report problems with row and column.
struct FastRecordReader: Sendable {
    let rules: RuleSet
    let codes: ItemCodes
    /// The group codes, by their bytes (a code written otherwise goes the general way).
    let groups: [(bytes: [UInt8], id: String)]
    /// Per item: the level for JSON `true` / `false`, if its scale accepts those words.
    let levelTrue: [Int32]
    let levelFalse: [Int32]

    init(rules: RuleSet) {
        self.rules = rules
        codes = ItemCodes(rules.items.map(\.entity.id))
        groups = rules.groups.map { (Array($0.entity.id.utf8), $0.entity.id) }
        levelTrue = rules.items.map { Int32($0.scale >= 0 ? rules.scales[$0.scale].accepted["true"] ?? -1 : -1) }
        levelFalse = rules.items.map { Int32($0.scale >= 0 ? rules.scales[$0.scale].accepted["false"] ?? -1 : -1) }
    }

    static func same(_ key: Slice<UnsafeBufferPointer<UInt8>>, _ word: [UInt8]) -> Bool {
        guard key.count == word.count else { return false }
        var k = key.startIndex
        for b in word {
            if key.base[k] != b { return false }
            k += 1
        }
        return true
    }

    func read(_ line: ArraySlice<UInt8>) -> Assessment? {
        var scratch = MappingScratch(slots: 1)
        return read(line, scratch: &scratch)
    }

    /// `read(_:)`, the answers written into the scratch's array of the previous line when the
    /// caller has let go of that line's assessment.
    func read(_ line: ArraySlice<UInt8>, scratch: inout MappingScratch) -> Assessment? {
        var a = Assessment(id: "")
        a.answers = scratch.answers(items: codes.count)
        let ok = line.withUnsafeBufferPointer { read(buffer: $0, into: &a) }
        scratch.answers = a.answers.levels
        return ok ? a : nil
    }

    /// Fills `a` (a new assessment with room for every item) from the line; false: the general way.
    func read(buffer line: UnsafeBufferPointer<UInt8>, into a: inout Assessment) -> Bool {
        var p = Cursor(bytes: line, i: 0)
        p.space()
        guard p.take(UInt8(ascii: "{")) else { return false }
        p.space()
        if p.take(UInt8(ascii: "}")) { return false }
        // Keys seen so far (bit per known key): a repeated key goes to the full parser, which reports it.
        var seen: UInt8 = 0
        func first(_ bit: UInt8) -> Bool { defer { seen |= bit }; return seen & bit == 0 }
        repeat {
            p.space()
            guard let key = p.stringBytes() else { return false }
            p.space()
            guard p.take(UInt8(ascii: ":")) else { return false }
            p.space()
            switch key.count {
            case 2 where FastRecordReader.equals(key, "id"):
                guard first(1) else { return false }
                guard let s = p.string() else { return false }
                a.id = s
            case 4 where FastRecordReader.equals(key, "name"):
                guard first(2) else { return false }
                guard let s = p.string() else { return false }
                a.name = s
            case 8 where FastRecordReader.equals(key, "position"):
                guard first(4) else { return false }
                guard let s = p.string() else { return false }
                a.position = s
            case 4 where FastRecordReader.equals(key, "unit"):
                guard first(8) else { return false }
                guard let s = p.string() else { return false }
                a.unit = s
            case 5 where FastRecordReader.equals(key, "group"):
                guard first(16) else { return false }
                guard let s = p.stringBytes(), let g = groups.first(where: { FastRecordReader.same(s, $0.bytes) }) else { return false }
                a.group = g.id
            case 3 where FastRecordReader.equals(key, "has"), 7 where FastRecordReader.equals(key, "answers"):
                guard first(32) else { return false }
                guard answers(&p, &a) else { return false }
            default:
                return false
            }
            p.space()
        } while p.take(UInt8(ascii: ","))
        guard p.take(UInt8(ascii: "}")) else { return false }
        p.space()
        guard p.i == line.endIndex, !a.id.isEmpty else { return false }
        return true
    }

    static func equals(_ key: Slice<UnsafeBufferPointer<UInt8>>, _ word: StaticString) -> Bool {
        guard key.count == word.utf8CodeUnitCount, let base = key.base.baseAddress else { return false }
        return memcmp(base + key.startIndex, word.utf8Start, key.count) == 0
    }

    func answers(_ p: inout Cursor, _ a: inout Assessment) -> Bool {
        guard p.take(UInt8(ascii: "{")) else { return false }
        p.space()
        if p.take(UInt8(ascii: "}")) { return true }
        // Written through a pointer: one uniqueness check for the object, not one per answer.
        return a.answers.levels.withUnsafeMutableBufferPointer { levels in
            repeat {
                p.space()
                guard let key = p.stringBytes(), let item = codes.item(key), item < levels.count, levels[item] < 0 else { return false }
                p.space()
                guard p.take(UInt8(ascii: ":")) else { return false }
                p.space()
                let level: Int32
                if p.literal(true) { level = levelTrue[item] }
                else if p.literal(false) { level = levelFalse[item] }
                else if let s = p.string(), let l = rules.scales[rules.items[item].scale].accepted[s] { level = Int32(l) }
                else { return false }
                guard level >= 0 else { return false }
                levels[item] = level
                p.space()
            } while p.take(UInt8(ascii: ","))
            return p.take(UInt8(ascii: "}"))
        }
    }

    struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var i: Int

        mutating func space() {
            while i < bytes.endIndex, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0D { i += 1 }
        }

        mutating func take(_ b: UInt8) -> Bool {
            guard i < bytes.endIndex, bytes[i] == b else { return false }
            i += 1
            return true
        }

        /// The JSON literal `true` or `false`.
        mutating func literal(_ value: Bool) -> Bool {
            let word: (UInt8, UInt8, UInt8, UInt8) = value ? (0x74, 0x72, 0x75, 0x65) : (0x61, 0x6C, 0x73, 0x65)   // "true" / "alse"
            let start = value ? i : i + 1
            guard start + 4 <= bytes.endIndex, value || bytes[i] == 0x66,
                  bytes[start] == word.0, bytes[start + 1] == word.1, bytes[start + 2] == word.2, bytes[start + 3] == word.3 else { return false }
            i = start + 4
            return true
        }

        /// The bytes of a string without escapes (nil: not a string, or it has escapes).
        @inline(__always) mutating func stringBytes() -> Slice<UnsafeBufferPointer<UInt8>>? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = i
            // Eight bytes at a time up to the first quote, backslash or control byte.
            if let base = bytes.baseAddress {
                while i + 8 <= bytes.endIndex {
                    let m = Cursor.stops(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                    if m != 0 { i += m.trailingZeroBitCount >> 3; break }
                    i += 8
                }
            }
            while i < bytes.endIndex {
                let b = bytes[i]
                if b == UInt8(ascii: "\"") { i += 1; return bytes[start..<(i - 1)] }
                if b == UInt8(ascii: "\\") || b < 0x20 { return nil }
                i += 1
            }
            return nil
        }

        /// The high bit of each byte of `x` that is a quote, a backslash or below 0x20 (as `CSVSplitter.special` finds bytes).
        @inline(__always) static func stops(_ x: UInt64) -> UInt64 {
            let ones: UInt64 = 0x0101_0101_0101_0101, low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
            let seven = x & low
            let quote = (seven ^ (0x22 &* ones)) &+ low, backslash = (seven ^ (0x5C &* ones)) &+ low
            let control = seven &+ 0x6060_6060_6060_6060
            return ~(quote & backslash & control) & ~x & ~low
        }

        mutating func string() -> String? {
            guard let b = stringBytes(), CSVSplitter.isCleanUTF8(UnsafeBufferPointer(rebasing: b)) else { return nil }
            return String(decoding: b, as: UTF8.self)
        }
    }
}
