/// Reads the usual shape of a JSON Lines assessment straight from its bytes into an `Assessment`:
/// known keys, item codes as written, `true`/`false` or an accepted word as answers. Anything else
/// (escapes, unknown keys or codes, other value types, repeated answers) returns nil, and the line
/// goes through the general parser and mapper, which report problems with row and column.
struct FastRecordReader: Sendable {
    let rules: RuleSet
    /// Open-addressing table: FNV-1a of an item code → item index + 1 (0: empty).
    let slots: [Int32]
    let mask: Int
    let codes: [[UInt8]]
    /// Per item: the level for JSON `true` / `false`, if its scale accepts those words.
    let levelTrue: [Int32]
    let levelFalse: [Int32]

    init(rules: RuleSet) {
        self.rules = rules
        codes = rules.items.map { Array($0.entity.id.utf8) }
        var size = 16
        while size < codes.count * 4 { size <<= 1 }
        var slots = [Int32](repeating: 0, count: size)
        for (i, c) in codes.enumerated() {
            var h = FastRecordReader.hash(c[...]) & (size - 1)
            while slots[h] != 0 { h = (h + 1) & (size - 1) }
            slots[h] = Int32(i + 1)
        }
        self.slots = slots
        mask = size - 1
        levelTrue = rules.items.map { Int32($0.scale >= 0 ? rules.scales[$0.scale].accepted["true"] ?? -1 : -1) }
        levelFalse = rules.items.map { Int32($0.scale >= 0 ? rules.scales[$0.scale].accepted["false"] ?? -1 : -1) }
    }

    static func hash(_ b: ArraySlice<UInt8>) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for x in b { h = (h ^ UInt64(x)) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: h >> 1)
    }

    func item(_ key: ArraySlice<UInt8>) -> Int? {
        var h = FastRecordReader.hash(key) & mask
        while slots[h] != 0 {
            let i = Int(slots[h]) - 1
            if codes[i].elementsEqual(key) { return i }
            h = (h + 1) & mask
        }
        return nil
    }

    func read(_ line: ArraySlice<UInt8>) -> Assessment? {
        var p = Cursor(bytes: line, i: line.startIndex)
        var a = Assessment(id: "")
        a.answers = Answers(count: codes.count)
        p.space()
        guard p.take(UInt8(ascii: "{")) else { return nil }
        p.space()
        if p.take(UInt8(ascii: "}")) { return nil }
        repeat {
            p.space()
            guard let key = p.stringBytes() else { return nil }
            p.space()
            guard p.take(UInt8(ascii: ":")) else { return nil }
            p.space()
            switch key.count {
            case 2 where key.elementsEqual("id".utf8):
                guard let s = p.string() else { return nil }
                a.id = s
            case 4 where key.elementsEqual("name".utf8):
                guard let s = p.string() else { return nil }
                a.name = s
            case 8 where key.elementsEqual("position".utf8):
                guard let s = p.string() else { return nil }
                a.position = s
            case 4 where key.elementsEqual("unit".utf8):
                guard let s = p.string() else { return nil }
                a.unit = s
            case 5 where key.elementsEqual("group".utf8):
                guard let s = p.string(), rules.groupByID[s] != nil else { return nil }
                a.group = s
            case 3 where key.elementsEqual("has".utf8), 7 where key.elementsEqual("answers".utf8):
                guard answers(&p, &a) else { return nil }
            default:
                return nil
            }
            p.space()
        } while p.take(UInt8(ascii: ","))
        guard p.take(UInt8(ascii: "}")) else { return nil }
        p.space()
        guard p.i == line.endIndex, !a.id.isEmpty else { return nil }
        return a
    }

    func answers(_ p: inout Cursor, _ a: inout Assessment) -> Bool {
        guard p.take(UInt8(ascii: "{")) else { return false }
        p.space()
        if p.take(UInt8(ascii: "}")) { return true }
        repeat {
            p.space()
            guard let key = p.stringBytes(), let item = item(key), a.answers[item] == nil else { return false }
            p.space()
            guard p.take(UInt8(ascii: ":")) else { return false }
            p.space()
            let level: Int32
            if p.word("true") { level = levelTrue[item] }
            else if p.word("false") { level = levelFalse[item] }
            else if let s = p.string(), let l = rules.scales[rules.items[item].scale].accepted[s] { level = Int32(l) }
            else { return false }
            guard level >= 0 else { return false }
            a.answers[item] = Int(level)
            p.space()
        } while p.take(UInt8(ascii: ","))
        return p.take(UInt8(ascii: "}"))
    }

    struct Cursor {
        let bytes: ArraySlice<UInt8>
        var i: Int

        mutating func space() {
            while i < bytes.endIndex, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0D { i += 1 }
        }

        mutating func take(_ b: UInt8) -> Bool {
            guard i < bytes.endIndex, bytes[i] == b else { return false }
            i += 1
            return true
        }

        mutating func word(_ w: StaticString) -> Bool {
            let n = w.utf8CodeUnitCount
            guard i + n <= bytes.endIndex else { return false }
            let matches = w.withUTF8Buffer { bytes[i..<(i + n)].elementsEqual($0) }
            if matches { i += n }
            return matches
        }

        /// The bytes of a string without escapes (nil: not a string, or it has escapes).
        mutating func stringBytes() -> ArraySlice<UInt8>? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = i
            while i < bytes.endIndex {
                let b = bytes[i]
                if b == UInt8(ascii: "\"") { i += 1; return bytes[start..<(i - 1)] }
                if b == UInt8(ascii: "\\") || b < 0x20 { return nil }
                i += 1
            }
            return nil
        }

        mutating func string() -> String? {
            guard let b = stringBytes() else { return nil }
            return String(validating: b, as: UTF8.self)
        }
    }
}
