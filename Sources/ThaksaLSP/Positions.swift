import ThaksaCore

/// LSP positions: 0-based line and character, the character counted in UTF-16 code units. Thai
/// letters, vowels, tone marks and SARA AM are one unit each (three UTF-8 bytes); characters
/// outside the Basic Multilingual Plane are two. Spans are byte offsets, so every position goes
/// through here.
public struct Position: Sendable, Hashable {
    public var line: Int
    public var character: Int

    public init(line: Int, character: Int) {
        self.line = line
        self.character = character
    }

    init?(_ json: JSONValue?) {
        guard let line = json?["line"]?.intValue, let character = json?["character"]?.intValue,
              line >= 0, character >= 0 else { return nil }
        self.init(line: line, character: character)
    }

    var json: JSONValue { .object([("line", .int(line)), ("character", .int(character))]) }
}

extension SourceFile {
    /// The LSP position of a byte offset (clamped to the file; an offset inside a character
    /// counts from that character's start).
    public func position(of offset: Int) -> Position {
        let offset = min(max(0, offset), bytes.count)
        let line = line(of: offset)
        let start = lineStart(line)
        var units = 0
        var i = start
        while i < offset {
            let b = bytes[i]
            let len = b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
            if i + len > offset { break }
            units += len == 4 ? 2 : 1
            i += len
        }
        return Position(line: line - 1, character: units)
    }

    /// The byte offset of an LSP position; a line past the end is the end of the file, a
    /// character past the line's end is the line's end, one inside a surrogate pair its start.
    public func offset(of p: Position) -> Int {
        guard p.line < lineCount else { return bytes.count }
        let line = lineBytes(p.line + 1)
        var units = 0
        var i = line.startIndex
        while i < line.endIndex {
            let b = bytes[i]
            let len = b < 0xC0 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
            let width = len == 4 ? 2 : 1
            if units + width > p.character { break }
            units += width
            i = min(i + len, line.endIndex)
        }
        return i
    }

    func range(_ span: SourceSpan) -> JSONValue {
        .object([("start", position(of: span.start).json), ("end", position(of: span.end).json)])
    }
}
