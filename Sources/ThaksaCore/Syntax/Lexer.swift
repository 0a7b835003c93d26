/// Turns a file's bytes into tokens. Never throws and never stops early: bad bytes become
/// diagnostics and `invalid` tokens, so the parser sees the whole file.
public struct Lexer {
    public static let maxFileSize = 4 << 20

    let file: SourceFile
    let bytes: [UInt8]
    var pos = 0
    var atLineStart = true
    public private(set) var tokens: [Token] = []
    public private(set) var comments: [Comment] = []
    public private(set) var diagnostics = DiagnosticSink()

    public init(file: SourceFile) {
        self.file = file
        self.bytes = file.bytes
    }

    public static func tokenize(_ file: SourceFile) -> (tokens: [Token], comments: [Comment], diagnostics: DiagnosticSink) {
        var lexer = Lexer(file: file)
        lexer.run()
        return (lexer.tokens, lexer.comments, lexer.diagnostics)
    }

    func span(_ start: Int, _ end: Int) -> SourceSpan { SourceSpan(file: file.id, start: start, end: end) }

    mutating func run() {
        if bytes.count > Lexer.maxFileSize {
            diagnostics.add(.fileTooLarge, span(0, 0), [String(Lexer.maxFileSize)])
            tokens.append(Token(kind: .eof, span: span(0, 0), text: "", number: nil, startsLine: true))
            return
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { pos = 3 }
        while pos < bytes.count {
            let b = bytes[pos]
            switch b {
            case 0x0A: atLineStart = true; pos += 1
            case 0x0D:
                if pos + 1 >= bytes.count || bytes[pos + 1] != 0x0A { atLineStart = true }   // a lone CR ends a line
                pos += 1
            case 0x20, 0x09: pos += 1
            case UInt8(ascii: "#"): lexComment()
            case UInt8(ascii: "\""): lexString()
            default:
                if isASCIIDigit(b) || thaiDigit(at: pos) != nil { lexNumber() }
                else if let (scalar, len) = decode(at: pos), isIdentStart(scalar) { lexIdent(len) }
                else { lexSymbol() }
            }
        }
        tokens.append(Token(kind: .eof, span: span(bytes.count, bytes.count), text: "", number: nil, startsLine: true))
    }

    mutating func emit(_ kind: TokenKind, _ start: Int, text: String = "", number: Rational? = nil) {
        tokens.append(Token(kind: kind, span: span(start, pos), text: text, number: number, startsLine: atLineStart))
        atLineStart = false
    }

    mutating func lexComment() {
        let start = pos
        while pos < bytes.count, bytes[pos] != 0x0A, bytes[pos] != 0x0D { pos += 1 }
        var end = pos
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        if let bad = firstInvalidUTF8(start, end) { diagnostics.add(.invalidUTF8, span(bad, bad + 1)) }
        comments.append(Comment(span: span(start, end), text: String(decoding: bytes[start..<end], as: UTF8.self)))
    }

    mutating func lexString() {
        let start = pos
        pos += 1
        var value: [UInt8] = []
        while true {
            guard pos < bytes.count, bytes[pos] != 0x0A, bytes[pos] != 0x0D else {
                diagnostics.add(.unterminatedString, span(start, pos))
                break
            }
            let b = bytes[pos]
            if b == UInt8(ascii: "\"") { pos += 1; break }
            if b == UInt8(ascii: "\\"), pos + 1 < bytes.count {
                let e = bytes[pos + 1]
                switch e {
                case UInt8(ascii: "\""): value.append(e)
                case UInt8(ascii: "\\"): value.append(e)
                case UInt8(ascii: "n"): value.append(0x0A)
                case UInt8(ascii: "t"): value.append(0x09)
                default:
                    // Skip the whole escaped character, so a multi-byte one is not cut in half.
                    let len = decode(at: pos + 1)?.1 ?? 1
                    diagnostics.add(.invalidEscape, span(pos, pos + 1 + len),
                                    [String(decoding: bytes[(pos + 1)..<(pos + 1 + len)], as: UTF8.self)])
                    pos += 1 + len
                    continue
                }
                pos += 2
                continue
            }
            if b >= 0x80 {
                guard let (_, len) = decode(at: pos) else {
                    diagnostics.add(.invalidUTF8, span(pos, pos + 1))
                    pos += 1
                    continue
                }
                value.append(contentsOf: bytes[pos..<(pos + len)])
                pos += len
                continue
            }
            value.append(b)
            pos += 1
        }
        emit(.string, start, text: String(decoding: value, as: UTF8.self))
    }

    mutating func lexNumber() {
        let start = pos
        var digits: [UInt8] = []
        var scale = 0
        var sawDot = false
        var malformed = false
        while pos < bytes.count {
            if isASCIIDigit(bytes[pos]) { digits.append(bytes[pos] - 48); pos += 1; if sawDot { scale += 1 } }
            else if let d = thaiDigit(at: pos) { digits.append(d); pos += 3; if sawDot { scale += 1 } }
            else if bytes[pos] == UInt8(ascii: "_"), !digits.isEmpty { pos += 1 }
            else if bytes[pos] == UInt8(ascii: "."), !sawDot, pos + 1 < bytes.count,
                    isASCIIDigit(bytes[pos + 1]) || thaiDigit(at: pos + 1) != nil {
                sawDot = true
                pos += 1
            } else { break }
        }
        // A number running straight into letters (12abc) is one malformed word, not two tokens.
        while pos < bytes.count, let (s, len) = decode(at: pos), isIdentPart(s) { malformed = true; pos += len }
        var value: Rational? = Rational(0)
        for d in digits { value = value.flatMap { $0.timesTenPlus(Int64(d)) } }
        if let v = value, scale > 0 { value = v.dividedByPowerOfTen(scale) }
        if malformed || value == nil {
            diagnostics.add(.malformedNumber, span(start, pos), [String(decoding: bytes[start..<pos], as: UTF8.self)])
            emit(.number, start, number: Rational(0))
        } else {
            emit(.number, start, text: String(decoding: bytes[start..<pos], as: UTF8.self), number: value)
        }
    }

    mutating func lexIdent(_ firstLength: Int) {
        let start = pos
        pos += firstLength
        while pos < bytes.count, let (s, len) = decode(at: pos), isIdentPart(s) { pos += len }
        let text = Lexer.normaliseThai(String(decoding: bytes[start..<pos], as: UTF8.self))
        emit(TokenKind.reserved[text] ?? .ident, start, text: text)
    }

    mutating func lexSymbol() {
        let start = pos
        let b = bytes[pos]
        let next: UInt8? = pos + 1 < bytes.count ? bytes[pos + 1] : nil
        func one(_ k: TokenKind) -> TokenKind { pos += 1; return k }
        func two(_ k: TokenKind) -> TokenKind { pos += 2; return k }
        let kind: TokenKind
        switch b {
        case UInt8(ascii: "{"): kind = one(.lbrace)
        case UInt8(ascii: "}"): kind = one(.rbrace)
        case UInt8(ascii: "("): kind = one(.lparen)
        case UInt8(ascii: ")"): kind = one(.rparen)
        case UInt8(ascii: "["): kind = one(.lbracket)
        case UInt8(ascii: "]"): kind = one(.rbracket)
        case UInt8(ascii: ","): kind = one(.comma)
        case UInt8(ascii: "."): kind = one(.dot)
        case UInt8(ascii: "+"): kind = one(.plus)
        case UInt8(ascii: "-"): kind = one(.minus)
        case UInt8(ascii: "*"): kind = one(.star)
        case UInt8(ascii: "/"): kind = one(.slash)
        case UInt8(ascii: "="): kind = next == UInt8(ascii: "=") ? two(.eq) : one(.eq)
        case UInt8(ascii: "!") where next == UInt8(ascii: "="): kind = two(.ne)
        case UInt8(ascii: "<"): kind = next == UInt8(ascii: "=") ? two(.le) : one(.lt)
        case UInt8(ascii: ">"): kind = next == UInt8(ascii: "=") ? two(.ge) : one(.gt)
        default:
            if let (_, len) = decode(at: pos) {
                pos += len
                diagnostics.add(.unexpectedCharacter, span(start, pos), [String(decoding: bytes[start..<pos], as: UTF8.self)])
            } else {
                pos += 1
                diagnostics.add(.invalidUTF8, span(start, pos))
            }
            kind = .invalid
        }
        emit(kind, start)
    }

    /// SARA AM typed as NIKHAHIT + SARA AA (common in text copied from PDFs) looks the same as
    /// SARA AM; names and answers treat the two spellings as one.
    public static func normaliseThai(_ s: String) -> String {
        guard s.unicodeScalars.contains("\u{0E4D}") else { return s }
        return s.replacingOccurrences(of: "\u{0E4D}\u{0E32}", with: "\u{0E33}")
    }

    // MARK: bytes and scalars

    func isASCIIDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// The value of a Thai digit ๐-๙ (U+0E50-U+0E59) at this offset.
    func thaiDigit(at i: Int) -> UInt8? {
        guard i + 2 < bytes.count, bytes[i] == 0xE0, bytes[i + 1] == 0xB9,
              bytes[i + 2] >= 0x90, bytes[i + 2] <= 0x99 else { return nil }
        return bytes[i + 2] - 0x90
    }

    func isIdentStart(_ s: Unicode.Scalar) -> Bool {
        (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") || s == "_" || isThaiLetter(s)
    }

    func isIdentPart(_ s: Unicode.Scalar) -> Bool {
        isIdentStart(s) || (s >= "0" && s <= "9") || (s.value >= 0x0E50 && s.value <= 0x0E59)
    }

    /// Thai consonants, vowels and marks (not digits, ฿ or the paragraph signs).
    func isThaiLetter(_ s: Unicode.Scalar) -> Bool {
        (s.value >= 0x0E01 && s.value <= 0x0E3A) || (s.value >= 0x0E40 && s.value <= 0x0E4E)
    }

    /// Decodes one UTF-8 scalar; nil for an invalid sequence.
    func decode(at i: Int) -> (Unicode.Scalar, Int)? {
        let b0 = bytes[i]
        if b0 < 0x80 { return (Unicode.Scalar(b0), 1) }
        let len: Int
        var value: UInt32
        switch b0 {
        case 0xC2...0xDF: len = 2; value = UInt32(b0 & 0x1F)
        case 0xE0...0xEF: len = 3; value = UInt32(b0 & 0x0F)
        case 0xF0...0xF4: len = 4; value = UInt32(b0 & 0x07)
        default: return nil
        }
        guard i + len <= bytes.count else { return nil }
        for k in 1..<len {
            let b = bytes[i + k]
            guard b & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(b & 0x3F)
        }
        let minimum: UInt32 = len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000
        guard value >= minimum, let s = Unicode.Scalar(value) else { return nil }
        return (s, len)
    }

    func firstInvalidUTF8(_ start: Int, _ end: Int) -> Int? {
        var i = start
        while i < end {
            guard let (_, len) = decode(at: i), i + len <= end else { return i }
            i += len
        }
        return nil
    }
}
