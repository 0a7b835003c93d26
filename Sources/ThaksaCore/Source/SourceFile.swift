/// One rule file: its display path and its bytes. Line starts are computed once, on creation.
public final class SourceFile: Sendable {
    public let id: Int
    /// The path shown to people (relative to where the user pointed us).
    public let path: String
    public let bytes: [UInt8]
    private let lineStarts: [Int]

    public init(id: Int, path: String, bytes: [UInt8]) {
        self.id = id
        self.path = path
        self.bytes = bytes
        // Lines end at LF, CRLF, or a lone CR (old Mac files).
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == 0x0A || (b == 0x0D && (i + 1 == bytes.count || bytes[i + 1] != 0x0A)) {
            starts.append(i + 1)
        }
        self.lineStarts = starts
    }

    public convenience init(id: Int, path: String, text: String) {
        self.init(id: id, path: path, bytes: Array(text.utf8))
    }

    public var lineCount: Int { lineStarts.count }

    /// 1-based line of a byte offset.
    public func line(of offset: Int) -> Int {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo + 1
    }

    /// Byte offset where a 1-based line starts.
    public func lineStart(_ line: Int) -> Int { lineStarts[line - 1] }

    /// The bytes of a 1-based line, without its line break.
    public func lineBytes(_ line: Int) -> ArraySlice<UInt8> {
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        return bytes[start..<max(start, end)]
    }

    public func lineText(_ line: Int) -> String { String(decoding: lineBytes(line), as: UTF8.self) }

    /// 1-based line and column; the column counts what a person sees (grapheme clusters), so
    /// Thai combining vowels and tone marks do not push it right.
    public func location(of offset: Int) -> SourceLocation {
        let line = line(of: offset)
        let start = lineStarts[line - 1]
        let clamped = min(max(offset, start), bytes.count)
        let prefix = String(decoding: bytes[start..<clamped], as: UTF8.self)
        return SourceLocation(line: line, column: prefix.count + 1)
    }

    public func text(_ span: SourceSpan) -> String {
        String(decoding: bytes[max(0, span.start)..<min(bytes.count, span.end)], as: UTF8.self)
    }
}

public struct SourceLocation: Sendable, Hashable, Comparable {
    public let line: Int
    public let column: Int
    public static func < (a: Self, b: Self) -> Bool { (a.line, a.column) < (b.line, b.column) }
}
