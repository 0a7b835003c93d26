/// The text encodings an input file may be in, and how each is recognised: a byte-order mark for
/// UTF-8 and UTF-16, else valid UTF-8, else Windows-874 when the bytes are Thai letters there.
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case utf16le = "utf-16le"
    case utf16be = "utf-16be"
    case windows874 = "windows-874"

    /// Names accepted by `--encoding`.
    public init?(name: String) {
        switch name.lowercased() {
        case "utf-8", "utf8": self = .utf8
        case "utf-16le", "utf16le", "utf-16", "utf16": self = .utf16le
        case "utf-16be", "utf16be": self = .utf16be
        case "windows-874", "cp874", "tis-620", "tis620", "874": self = .windows874
        default: return nil
        }
    }

    public var title: String {
        switch self {
        case .utf8: return "UTF-8"
        case .utf16le: return "UTF-16 LE"
        case .utf16be: return "UTF-16 BE"
        case .windows874: return "Windows-874 (TIS-620)"
        }
    }

    /// What was found at the start of a file: the encoding and the length of its byte-order mark.
    public struct Detected: Sendable, Equatable {
        public var encoding: TextEncoding
        public var bom: Int
    }

    /// Detects the encoding from the first chunk of a file. `complete` says the chunk is the whole
    /// file (else a UTF-8 sequence cut at its end is not held against it).
    public static func detect(_ head: ArraySlice<UInt8>, complete: Bool) -> Detected {
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { return Detected(encoding: .utf8, bom: 3) }
        if head.starts(with: [0xFF, 0xFE]) { return Detected(encoding: .utf16le, bom: 2) }
        if head.starts(with: [0xFE, 0xFF]) { return Detected(encoding: .utf16be, bom: 2) }
        if firstInvalidUTF8(head, complete: complete) != nil, looksLikeWindows874(head) {
            return Detected(encoding: .windows874, bom: 0)
        }
        return Detected(encoding: .utf8, bom: 0)
    }

    /// Windows-874 rather than broken UTF-8: every high byte defined there, at least three Thai
    /// letters (0xA1-0xFB), and hardly any valid 3- or 4-byte UTF-8 sequences (Thai in UTF-8 is
    /// all 3-byte ones; pairs of Thai letters often happen to form valid 2-byte ones).
    static func looksLikeWindows874(_ bytes: ArraySlice<UInt8>) -> Bool {
        var thai = 0, valid = 0, invalid = 0
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            guard Windows874.scalar(b) != nil else { return false }
            if b >= 0xA1 && b <= 0xFB { thai += 1 }
            let n = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : 0
            if n > 0, i + n < bytes.endIndex, firstInvalidUTF8(bytes[i...(i + n)], complete: true) == nil {
                valid += 1
                i += n + 1
            } else { invalid += 1; i += 1 }
        }
        return thai >= 3 && valid * 4 < invalid
    }

    /// The offset of the first byte that is not valid UTF-8, nil when all are.
    static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>, complete: Bool) -> Int? {
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let n: Int
            switch b {
            case 0xC2...0xDF: n = 1
            case 0xE0...0xEF: n = 2
            case 0xF0...0xF4: n = 3
            default: return i
            }
            for k in 1...n {
                guard i + k < bytes.endIndex else { return complete ? i : nil }
                guard bytes[i + k] & 0xC0 == 0x80 else { return i }
            }
            // Overlong or surrogate forms.
            if (b == 0xE0 && bytes[i + 1] < 0xA0) || (b == 0xED && bytes[i + 1] >= 0xA0)
                || (b == 0xF0 && bytes[i + 1] < 0x90) || (b == 0xF4 && bytes[i + 1] >= 0x90) { return i }
            i += n + 1
        }
        return nil
    }
}

/// Turns a stream of bytes in some encoding into UTF-8, chunk by chunk. A byte sequence that is
/// not valid in the encoding becomes 0xFF, which is never valid UTF-8, so the field holding it is
/// reported where it is (row and column stay right).
struct Transcoder {
    let encoding: TextEncoding
    /// A UTF-16 code unit (or surrogate pair) cut at the end of the previous chunk.
    var carry: [UInt8] = []

    init(_ encoding: TextEncoding) { self.encoding = encoding }

    mutating func utf8(_ chunk: ArraySlice<UInt8>, final: Bool) -> [UInt8] {
        switch encoding {
        case .utf8: return Array(chunk)
        case .windows874:
            var out: [UInt8] = []
            out.reserveCapacity(chunk.count * 2)
            for b in chunk {
                if b < 0x80 { out.append(b) } else if let s = Windows874.scalar(b) { Transcoder.append(s, &out) } else { out.append(0xFF) }
            }
            return out
        case .utf16le, .utf16be:
            let bytes = carry + chunk
            carry = []
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count * 3 / 2)
            var i = 0
            func unit(_ k: Int) -> UInt32 {
                encoding == .utf16le ? UInt32(bytes[k]) | UInt32(bytes[k + 1]) << 8 : UInt32(bytes[k]) << 8 | UInt32(bytes[k + 1])
            }
            while i + 1 < bytes.count {
                let u = unit(i)
                if u >= 0xD800 && u < 0xDC00 {
                    guard i + 3 < bytes.count else {
                        if final { out.append(0xFF); i = bytes.count } else { carry = Array(bytes[i...]) ; return out }
                        break
                    }
                    let low = unit(i + 2)
                    if low >= 0xDC00 && low < 0xE000 {
                        Transcoder.append(0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00), &out)
                        i += 4
                    } else { out.append(0xFF); i += 2 }
                } else if u >= 0xDC00 && u < 0xE000 {
                    out.append(0xFF); i += 2
                } else {
                    Transcoder.append(u, &out); i += 2
                }
            }
            if i < bytes.count { if final { out.append(0xFF) } else { carry = [bytes[i]] } }
            return out
        }
    }

    static func append(_ s: UInt32, _ out: inout [UInt8]) {
        switch s {
        case ..<0x80: out.append(UInt8(s))
        case ..<0x800: out.append(UInt8(0xC0 | s >> 6)); out.append(UInt8(0x80 | s & 0x3F))
        case ..<0x10000:
            out.append(UInt8(0xE0 | s >> 12)); out.append(UInt8(0x80 | (s >> 6) & 0x3F)); out.append(UInt8(0x80 | s & 0x3F))
        default:
            out.append(UInt8(0xF0 | s >> 18)); out.append(UInt8(0x80 | (s >> 12) & 0x3F))
            out.append(UInt8(0x80 | (s >> 6) & 0x3F)); out.append(UInt8(0x80 | s & 0x3F))
        }
    }
}
