import Foundation

/// Reads one worksheet part into rows of text.
struct XlsxSheetParser {
    let book: XlsxWorkbook
    let messages: XlsxMessages

    struct Cell { var row: Int, column: Int, text: String }
    struct Range { var top: Int, left: Int, bottom: Int, right: Int }

    func rows(_ walk: XMLWalk) throws(InputError) -> [[String]] {
        var walk = walk
        var cells: [Cell] = []
        var merges: [Range] = []
        var row = 0, column = 0
        var type = "n", style = 0, value = "", inline = "", hasValue = false, formula = false, valueElement = false
        let messages = messages
        try walk.forEach { event, path throws(InputError) in
            switch event {
            case .start(_, let attributes):
                switch path.last {
                case "row" where path.dropLast().last == "sheetData":
                    if let r = attributes[local: "r"] {
                        guard let n = Int(r), (1...XlsxSheetParser.maxRow).contains(n) else { throw messages.badReference(r, row: row + 1) }
                        row = n
                    } else {
                        row += 1
                    }
                    column = 0
                case "c" where path.dropLast().last == "row":
                    if let r = attributes[local: "r"] {
                        guard let ref = XlsxSheetParser.cellReference(r) else { throw messages.badReference(r, row: row) }
                        (row, column) = ref
                    } else {
                        column += 1
                        guard column <= XlsxSheetParser.maxColumn else { throw messages.badReference("column \(column)", row: row) }
                    }
                    row = max(row, 1)
                    type = attributes[local: "t"] ?? "n"
                    style = attributes[local: "s"].flatMap { Int($0) } ?? 0
                    value = ""
                    inline = ""
                    hasValue = false
                    formula = false
                    valueElement = false
                case "f" where path.dropLast().last == "c": formula = true
                case "v" where path.dropLast().last == "c": valueElement = true
                case "mergeCell":
                    guard let ref = attributes[local: "ref"], let range = XlsxSheetParser.range(ref) else {
                        throw messages.badReference(attributes[local: "ref"] ?? "", row: 0)
                    }
                    merges.append(range)
                default: break
                }
            case .text(let text):
                if path.last == "v", path.dropLast().last == "c" { value += text; hasValue = true }
                if path.last == "t", path.contains("is"), !path.contains("rPh") { inline += text; hasValue = true }
            case .end:
                guard path.last == "c", path.dropLast().last == "row" else { return }
                // A formula no program has calculated (no value, or an empty number, as openpyxl
                // writes): its result is unknown, and an empty cell would be silently wrong.
                if formula && (!valueElement || (type == "n" && value.isEmpty)) { throw messages.uncalculated(row: row, column: column) }
                guard hasValue else { return }
                let text = try cellText(type: type, style: style, value: value, inline: inline, row: row, column: column)
                if !text.isEmpty { cells.append(Cell(row: row, column: column, text: text)) }
            }
        }
        return try table(cells, merges)
    }

    static let maxRow = 1_048_576
    static let maxColumn = 16_384

    func cellText(type: String, style: Int, value: String, inline: String, row: Int, column: Int) throws(InputError) -> String {
        switch type {
        case "s":
            guard let i = Int(value.trimmingCharacters(in: .whitespaces)), book.sharedStrings.indices.contains(i) else {
                throw messages.badCell("shared string \(value) does not exist", row: row, column: column)
            }
            return book.sharedStrings[i]
        case "inlineStr": return XlsxValueText.unescape(inline)
        case "str": return XlsxValueText.unescape(value)
        case "e": return value
        case "b":
            switch value.trimmingCharacters(in: .whitespaces) {
            case "1", "true": return "TRUE"
            case "0", "false": return "FALSE"
            default: throw messages.badCell("boolean \(value) is not 0 or 1", row: row, column: column)
            }
        case "d":
            // An ISO 8601 date (strict OOXML); a midnight time part is dropped.
            for suffix in ["T00:00:00Z", "T00:00:00"] where value.hasSuffix(suffix) { return String(value.dropLast(suffix.count)) }
            return value
        case "n":
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { return "" }
            guard let number = Double(trimmed), number.isFinite else {
                throw messages.badCell("number \(value) is not a number", row: row, column: column)
            }
            let kind = book.styles.indices.contains(style) ? book.styles[style] : .number
            if kind != .number, let text = XlsxValueText.date(number, kind, date1904: book.date1904) { return text }
            return XlsxValueText.number(number)
        default:
            throw messages.badCell("cell type \(type) is unknown", row: row, column: column)
        }
    }

    /// `AB12` → (row 12, column 28); nil unless 1-3 letters then a row number in range.
    static func cellReference(_ ref: String) -> (row: Int, column: Int)? {
        var column = 0, row = 0, letters = 0, digits = 0
        for b in ref.utf8 {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
                guard digits == 0, letters < 3 else { return nil }
                column = column * 26 + Int((b & 0xDF) - UInt8(ascii: "A")) + 1
                letters += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard letters > 0, digits < 7 else { return nil }
                row = row * 10 + Int(b - UInt8(ascii: "0"))
                digits += 1
            default: return nil
            }
        }
        guard (1...maxRow).contains(row), (1...maxColumn).contains(column) else { return nil }
        return (row, column)
    }

    /// `A1:C2` (or a single cell `A1`).
    static func range(_ ref: String) -> Range? {
        let ends = ref.split(separator: ":", omittingEmptySubsequences: false)
        guard ends.count <= 2, let a = cellReference(String(ends[0])), let b = cellReference(String(ends[ends.count - 1])) else { return nil }
        return Range(top: min(a.row, b.row), left: min(a.column, b.column), bottom: max(a.row, b.row), right: max(a.column, b.column))
    }

    /// Lays the cells out in rows, fills merged ranges, trims empty tails.
    func table(_ cells: [Cell], _ merges: [Range]) throws(InputError) -> [[String]] {
        var budget = XlsxReader.maxCells
        var sorted = cells
        if !zip(cells, cells.dropFirst()).allSatisfy({ ($0.row, $0.column) < ($1.row, $1.column) }) {
            sorted = cells.enumerated().sorted { ($0.element.row, $0.element.column, $0.offset) < ($1.element.row, $1.element.column, $1.offset) }.map(\.element)
        }
        var rows: [[String]] = []
        for cell in sorted {
            while rows.count < cell.row { rows.append([]) }
            let grow = cell.column - rows[cell.row - 1].count
            if grow > 0 {
                budget -= grow
                guard budget >= 0 else { throw messages.tooManyCells() }
                rows[cell.row - 1] += [String](repeating: "", count: grow)
            }
            rows[cell.row - 1][cell.column - 1] = cell.text
        }
        for m in merges {
            guard m.top <= rows.count, m.left <= rows[m.top - 1].count else { continue }
            let text = rows[m.top - 1][m.left - 1]
            guard !text.isEmpty else { continue }
            budget -= (m.bottom - m.top + 1) * (m.right - m.left + 1)
            guard budget >= 0 else { throw messages.tooManyCells() }
            while rows.count < m.bottom { rows.append([]) }
            for r in m.top - 1..<m.bottom {
                if rows[r].count < m.right { rows[r] += [String](repeating: "", count: m.right - rows[r].count) }
                for c in m.left - 1..<m.right { rows[r][c] = text }
            }
        }
        for i in rows.indices { while rows[i].last == "" { rows[i].removeLast() } }
        while rows.last == [] { rows.removeLast() }
        return rows
    }
}
