/// A byte range in one source file. Ordered by file, then position, so diagnostics sort stably.
public struct SourceSpan: Sendable, Hashable, Comparable, Codable {
    public var file: Int
    public var start: Int
    public var end: Int

    public init(file: Int, start: Int, end: Int) {
        self.file = file
        self.start = start
        self.end = max(start, end)
    }

    /// A span that belongs to no file (built-in defaults, command-line input).
    public static let none = SourceSpan(file: -1, start: 0, end: 0)

    public var isNone: Bool { file < 0 }

    public func to(_ other: SourceSpan) -> SourceSpan {
        guard other.file == file else { return self }
        return SourceSpan(file: file, start: min(start, other.start), end: max(end, other.end))
    }

    public static func < (a: Self, b: Self) -> Bool { (a.file, a.start, a.end) < (b.file, b.start, b.end) }
}
