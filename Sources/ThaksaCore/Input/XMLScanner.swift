/// A problem in an XML document, located by 1-based line and column (in characters).
struct XMLError: Error, Sendable, Equatable {
    var message: String
    var line: Int
    var column: Int
    var description: String { "line \(line), column \(column): \(message)" }
}

/// One step through an XML document.
enum XMLEvent: Equatable {
    /// A start tag (also emitted for `<a/>`, followed at once by `.end`).
    case start(name: String, attributes: [XMLAttribute])
    case end(name: String)
    /// Character data, with entity and character references resolved; CDATA sections verbatim.
    case text(String)
}

struct XMLAttribute: Equatable {
    /// The qualified name as written, e.g. `r:id`.
    var name: String
    var value: String
}

extension [XMLAttribute] {
    /// The value of the attribute whose local name (the part after any prefix) is `localName`.
    subscript(local localName: String) -> String? {
        first { XMLScanner.localName($0.name) == localName }?.value
    }
}

/// A pull scanner for the XML that OOXML parts are written in: elements, attributes, text, the five
/// predefined entities and numeric character references, CDATA, comments, processing instructions
/// and the XML declaration. Namespaces are kept as prefixes (`x:c`); `localName` strips them.
///
/// A document type declaration is refused, so no entity is ever expanded beyond the predefined
/// ones (no "billion laughs", no external entities). Tags must nest and close; the input must be
/// UTF-8 (a UTF-16 document with a byte-order mark is converted first).
struct XMLScanner {
    private let bytes: [UInt8]
    private var p = 0
    private var open: [String] = []
    private var pendingEnd: String?
    private var sawRoot = false

    init(_ data: [UInt8]) throws(XMLError) {
        var data = data
        if data.count >= 2, (data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF) {
            data = Self.utf16ToUTF8(data)
        }
        if data.count >= 3, data[0] == 0xEF, data[1] == 0xBB, data[2] == 0xBF { data.removeFirst(3) }
        bytes = data
        if String(validating: data, as: UTF8.self) == nil {
            throw XMLError(message: "text is not valid UTF-8", line: 1, column: 1)
        }
    }

    static func localName(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    /// The next event, or nil at the end of a well-formed document.
    mutating func next() throws(XMLError) -> XMLEvent? {
        if let name = pendingEnd {
            pendingEnd = nil
            return .end(name: name)
        }
        while p < bytes.count {
            if bytes[p] != UInt8(ascii: "<") {
                let text = try readText()
                if !open.isEmpty { return .text(text) }
                guard text.allSatisfy(\.isWhitespace) else { throw error("text outside the root element") }
                continue
            }
            if starts(with: "<?") {
                try skip(past: "?>", what: "processing instruction")
            } else if starts(with: "<!--") {
                try skip(past: "-->", what: "comment")
            } else if starts(with: "<![CDATA[") {
                guard !open.isEmpty else { throw error("CDATA outside the root element") }
                let from = p + 9
                try skip(past: "]]>", what: "CDATA section")
                return .text(String(decoding: bytes[from..<p - 3], as: UTF8.self))
            } else if starts(with: "<!") {
                throw error("document type declarations are not supported")
            } else if starts(with: "</") {
                let at = p
                p += 2
                let name = try readName()
                skipSpace()
                guard p < bytes.count, bytes[p] == UInt8(ascii: ">") else { throw error("expected `>` to end </\(name)") }
                p += 1
                guard let expected = open.last else { throw error("closing tag </\(name)> with no open element", at: at) }
                guard expected == name else { throw error("closing tag </\(name)> does not match <\(expected)>", at: at) }
                open.removeLast()
                return .end(name: name)
            } else {
                return try readStartTag()
            }
        }
        if let unclosed = open.last { throw error("document ends inside <\(unclosed)>") }
        guard sawRoot else { throw error("no root element") }
        return nil
    }

    // MARK: - pieces

    private mutating func readStartTag() throws(XMLError) -> XMLEvent {
        let at = p
        if open.isEmpty && sawRoot { throw error("a second root element", at: at) }
        p += 1
        let name = try readName()
        var attributes: [XMLAttribute] = []
        while true {
            let hadSpace = skipSpace()
            guard p < bytes.count else { throw error("document ends inside the tag <\(name)>") }
            if bytes[p] == UInt8(ascii: ">") {
                p += 1
                open.append(name)
                break
            }
            if starts(with: "/>") {
                p += 2
                pendingEnd = name
                break
            }
            guard hadSpace else { throw error("expected a space, `>` or `/>` in <\(name)>") }
            let attributeName = try readName()
            skipSpace()
            guard p < bytes.count, bytes[p] == UInt8(ascii: "=") else { throw error("expected `=` after \(attributeName)") }
            p += 1
            skipSpace()
            guard p < bytes.count, bytes[p] == UInt8(ascii: "\"") || bytes[p] == UInt8(ascii: "'") else {
                throw error("expected a quoted value for \(attributeName)")
            }
            let value = try readAttributeValue(quote: bytes[p])
            if attributes.contains(where: { $0.name == attributeName }) { throw error("attribute \(attributeName) repeated") }
            attributes.append(XMLAttribute(name: attributeName, value: value))
        }
        sawRoot = true
        return .start(name: name, attributes: attributes)
    }

    private mutating func readName() throws(XMLError) -> String {
        let from = p
        while p < bytes.count, !Self.endsName(bytes[p]) { p += 1 }
        guard p > from else { throw error("expected a name") }
        return String(decoding: bytes[from..<p], as: UTF8.self)
    }

    private static func endsName(_ b: UInt8) -> Bool {
        switch b {
        case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ">"), UInt8(ascii: "/"), UInt8(ascii: "="), UInt8(ascii: "<"),
             UInt8(ascii: "\""), UInt8(ascii: "'"): true
        default: false
        }
    }

    @discardableResult
    private mutating func skipSpace() -> Bool {
        let from = p
        while p < bytes.count, bytes[p] == 0x20 || bytes[p] == 0x09 || bytes[p] == 0x0A || bytes[p] == 0x0D { p += 1 }
        return p > from
    }

    private mutating func readAttributeValue(quote: UInt8) throws(XMLError) -> String {
        p += 1
        var out: [UInt8] = []
        while true {
            guard p < bytes.count else { throw error("document ends inside an attribute value") }
            let b = bytes[p]
            if b == quote { p += 1; break }
            if b == UInt8(ascii: "<") { throw error("`<` inside an attribute value") }
            if b == UInt8(ascii: "&") { try readReference(into: &out); continue }
            // Attribute-value normalisation (XML 1.0 §3.3.3): literal white space becomes a space.
            out.append(b == 0x09 || b == 0x0A || b == 0x0D ? 0x20 : b)
            p += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private mutating func readText() throws(XMLError) -> String {
        var out: [UInt8] = []
        while p < bytes.count, bytes[p] != UInt8(ascii: "<") {
            if bytes[p] == UInt8(ascii: "&") { try readReference(into: &out); continue }
            // Line ends are normalised to LF (XML 1.0 §2.11).
            if bytes[p] == 0x0D {
                out.append(0x0A)
                p += p + 1 < bytes.count && bytes[p + 1] == 0x0A ? 2 : 1
                continue
            }
            out.append(bytes[p])
            p += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `&amp;` `&lt;` `&gt;` `&quot;` `&apos;` `&#NNN;` `&#xHHH;`; anything else is an error.
    private mutating func readReference(into out: inout [UInt8]) throws(XMLError) {
        let at = p
        var q = p + 1
        while q < bytes.count, q - p <= 12, bytes[q] != UInt8(ascii: ";") { q += 1 }
        guard q < bytes.count, bytes[q] == UInt8(ascii: ";") else { throw error("`&` not followed by an entity name and `;`", at: at) }
        let body = String(decoding: bytes[p + 1..<q], as: UTF8.self)
        p = q + 1
        switch body {
        case "amp": out.append(UInt8(ascii: "&"))
        case "lt": out.append(UInt8(ascii: "<"))
        case "gt": out.append(UInt8(ascii: ">"))
        case "quot": out.append(UInt8(ascii: "\""))
        case "apos": out.append(UInt8(ascii: "'"))
        default:
            var scalar: UInt32?
            if body.hasPrefix("#x") { scalar = UInt32(body.dropFirst(2), radix: 16) }
            else if body.hasPrefix("#") { scalar = UInt32(body.dropFirst(), radix: 10) }
            else { throw error("unknown entity &\(body);", at: at) }
            guard let s = scalar, s != 0, let u = Unicode.Scalar(s) else { throw error("invalid character reference &\(body);", at: at) }
            out.append(contentsOf: Array(String(Character(u)).utf8))
        }
    }

    private func starts(with prefix: StaticString) -> Bool {
        let n = prefix.utf8CodeUnitCount
        guard p + n <= bytes.count else { return false }
        let base = prefix.utf8Start
        for i in 0..<n where bytes[p + i] != base[i] { return false }
        return true
    }

    private mutating func skip(past terminator: StaticString, what: String) throws(XMLError) {
        let at = p
        let n = terminator.utf8CodeUnitCount
        while p < bytes.count {
            if starts(with: terminator) { p += n; return }
            p += 1
        }
        throw error("\(what) is not closed", at: at)
    }

    private func error(_ message: String, at offset: Int? = nil) -> XMLError {
        let end = min(offset ?? p, bytes.count)
        var line = 1, column = 1
        for b in bytes[..<end] {
            if b == 0x0A { line += 1; column = 1 }
            else if b & 0xC0 != 0x80 { column += 1 }
        }
        return XMLError(message: message, line: line, column: column)
    }

    private static func utf16ToUTF8(_ data: [UInt8]) -> [UInt8] {
        let bigEndian = data[0] == 0xFE
        var units: [UInt16] = []
        units.reserveCapacity(data.count / 2)
        var i = 2
        while i + 1 < data.count {
            units.append(bigEndian ? UInt16(data[i]) << 8 | UInt16(data[i + 1]) : UInt16(data[i + 1]) << 8 | UInt16(data[i]))
            i += 2
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }
}
