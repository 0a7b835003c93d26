/// Appends JSON to a byte buffer: the hot path of `score --format jsonl`, where building strings
/// and trees per person would cost more than evaluating the rules.
public struct ByteWriter {
    public var bytes: [UInt8] = []

    public init(capacity: Int = 1024) { bytes.reserveCapacity(capacity) }

    @inline(__always) public mutating func raw(_ b: [UInt8]) { bytes.append(contentsOf: b) }
    @inline(__always) public mutating func byte(_ b: UInt8) { bytes.append(b) }
    public mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// A JSON string, escaped as `JSONValue` does (so both forms give the same bytes).
    public mutating func string(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { utf8 in
            // Most text (ids, names, titles) needs no escape: copied in one go.
            if !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
                bytes.append(contentsOf: utf8)
                return
            }
            for b in utf8 {
                switch b {
                case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\\")); bytes.append(b)
                case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\")); bytes.append(b)
                case 0x0A: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "t"))
                case 0..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
                default: bytes.append(b)
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// The bytes of a JSON string literal, for fragments computed once.
    public static func quoted(_ s: String) -> [UInt8] {
        var w = ByteWriter(capacity: s.utf8.count + 2)
        w.string(s)
        return w.bytes
    }

    public mutating func number(_ r: Rational) {
        if r.den == 1 { bytes.append(contentsOf: String(r.num).utf8) } else { bytes.append(contentsOf: r.description.utf8) }
    }
}
