/// A problem with one row of an input file: where (file, row, column) and what was expected.
public struct InputError: Error, Sendable, Hashable {
    public var file: String
    /// 1-based: a CSV's header is row 1; a JSON Lines file's first line is row 1. 0: the whole file.
    public var row: Int
    /// 1-based column (CSV field number, or JSON character position); 0 when not about one column.
    public var column: Int
    /// The column's header (CSV) or key (JSON), if known.
    public var columnName: String?
    public var en: String
    public var th: String

    public init(file: String, row: Int, column: Int = 0, columnName: String? = nil, en: String, th: String) {
        self.file = file
        self.row = row
        self.column = column
        self.columnName = columnName
        self.en = en
        self.th = th
    }

    public func message(_ lang: Language) -> String { lang == .th ? th : en }

    /// `staff.csv: row 5, column 15 (DLit100): ...`
    public func rendered(_ lang: Language) -> String {
        var loc = file
        if row > 0 {
            loc += lang == .th ? ": แถว \(row)" : ": row \(row)"
            if column > 0 { loc += lang == .th ? ", คอลัมน์ \(column)" : ", column \(column)" }
            if let n = columnName { loc += " (\(n))" }
        }
        return (loc + ": " + message(lang)).escapingControls()
    }
}

/// All the problems of one row.
public struct InputErrors: Error, Sendable {
    public var items: [InputError]
    public init(_ items: [InputError]) { self.items = items }
}
