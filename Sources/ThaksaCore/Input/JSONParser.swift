/// A strict JSON parser for one line of a JSON Lines file. Errors carry the character column.
public struct JSONParser {
    let bytes: [UInt8]
    var i = 0
    var depth = 0

    public struct Failure: Error {
        public var offset: Int
        public var en: String
        public var th: String
    }

    public static func parse(_ bytes: [UInt8]) -> Result<JSONValue, Failure> {
        var p = JSONParser(bytes: bytes)
        do {
            p.skipSpace()
            let v = try p.value()
            p.skipSpace()
            guard p.i == p.bytes.count else { throw p.fail("unexpected text after the value", "มีข้อความเกินหลังค่า") }
            return .success(v)
        } catch let f as Failure { return .failure(f) } catch { return .failure(Failure(offset: 0, en: "\(error)", th: "\(error)")) }
    }

    func fail(_ en: String, _ th: String) -> Failure { Failure(offset: i, en: en, th: th) }

    mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0D || bytes[i] == 0x0A { i += 1 }
    }

    mutating func value() throws -> JSONValue {
        guard i < bytes.count else { throw fail("a value is missing", "ขาดค่า") }
        switch bytes[i] {
        case UInt8(ascii: "{"):
            depth += 1
            guard depth <= 64 else { throw fail("nested too deeply", "ซ้อนลึกเกินไป") }
            defer { depth -= 1 }
            i += 1
            var fields: [(String, JSONValue)] = []
            var topKeys = Set<String>()
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(fields) }
            while true {
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a key in quotes", "ต้องการชื่อคีย์ในเครื่องหมายคำพูด") }
                let keyStart = i
                let key = try string()
                // A repeated top-level key would silently keep one of two values (`{"id":"A1","id":"A2"}`).
                if depth == 1, topKeys.insert(key).inserted == false {
                    throw Failure(offset: keyStart, en: "the key `\(key)` appears twice", th: "คีย์ `\(key)` ซ้ำ")
                }
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("expected `:`", "ต้องการ `:`") }
                i += 1
                skipSpace()
                fields.append((key, try value()))
                skipSpace()
                guard i < bytes.count else { throw fail("the object is not closed", "ออบเจกต์ไม่ได้ปิด") }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(fields) }
                throw fail("expected `,` or `}`", "ต้องการ `,` หรือ `}`")
            }
        case UInt8(ascii: "["):
            depth += 1
            guard depth <= 64 else { throw fail("nested too deeply", "ซ้อนลึกเกินไป") }
            defer { depth -= 1 }
            i += 1
            var items: [JSONValue] = []
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
            while true {
                skipSpace()
                items.append(try value())
                skipSpace()
                guard i < bytes.count else { throw fail("the array is not closed", "อาร์เรย์ไม่ได้ปิด") }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
                throw fail("expected `,` or `]`", "ต้องการ `,` หรือ `]`")
            }
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default:
            let s = i
            if bytes[i] == UInt8(ascii: "-") { i += 1 }
            while i < bytes.count, (bytes[i] >= 0x30 && bytes[i] <= 0x39) || bytes[i] == UInt8(ascii: ".")
                    || bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") || bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard i > s, Rational(parsing: String(decoding: bytes[s..<i], as: UTF8.self)) != nil else {
                i = s
                throw fail("expected a value (text in quotes, a number, true, false, null, an object or an array)",
                           "ต้องการค่า (ข้อความในเครื่องหมายคำพูด ตัวเลข true false null ออบเจกต์ หรืออาร์เรย์)")
            }
            return .number(String(decoding: bytes[s..<i], as: UTF8.self))
        }
    }

    mutating func literal(_ word: String) throws {
        let w = Array(word.utf8)
        guard i + w.count <= bytes.count, Array(bytes[i..<(i + w.count)]) == w else {
            throw fail("expected a value", "ต้องการค่า")
        }
        i += w.count
    }

    mutating func string() throws -> String {
        i += 1
        var out: [UInt8] = []
        while true {
            guard i < bytes.count else { throw fail("text is not closed", "ข้อความไม่ได้ปิด") }
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { i += 1; break }
            if b < 0x20 { throw fail("a control character inside text", "มีอักขระควบคุมในข้อความ") }
            if b == UInt8(ascii: "\\") {
                guard i + 1 < bytes.count else { throw fail("text is not closed", "ข้อความไม่ได้ปิด") }
                let e = bytes[i + 1]
                i += 2
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if scalar >= 0xD800 && scalar < 0xDC00 {
                        guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
                            throw fail("a lone surrogate in \\u escape", "รหัส \\u ไม่ครบคู่")
                        }
                        i += 2
                        let low = try hex4()
                        guard low >= 0xDC00 && low < 0xE000 else { throw fail("a lone surrogate in \\u escape", "รหัส \\u ไม่ครบคู่") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let u = Unicode.Scalar(scalar) else { throw fail("an invalid \\u escape", "รหัส \\u ไม่ถูกต้อง") }
                    out.append(contentsOf: Array(String(Character(u)).utf8))
                default: throw fail("an unknown escape", "รหัสพิเศษไม่ถูกต้อง")
                }
                continue
            }
            out.append(b)
            i += 1
        }
        guard let s = String(validating: out, as: UTF8.self) else { throw fail("the text is not valid UTF-8", "ข้อความไม่ใช่ UTF-8") }
        return s
    }

    mutating func hex4() throws -> UInt32 {
        guard i + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[i..<(i + 4)], as: UTF8.self), radix: 16) else {
            throw fail("an invalid \\u escape", "รหัส \\u ไม่ถูกต้อง")
        }
        i += 4
        return v
    }
}
