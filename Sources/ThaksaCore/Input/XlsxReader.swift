import Foundation

/// One worksheet of an .xlsx workbook as text cells.
///
/// `rows[i]` is spreadsheet row i+1 (empty rows kept as `[]`, empty rows after the last filled one
/// dropped); `rows[i][j]` is column j+1; trailing empty cells of each row are trimmed.
public struct SheetTable: Sendable, Hashable {
    public var name: String
    public var rows: [[String]]

    public init(name: String, rows: [[String]]) {
        self.name = name
        self.rows = rows
    }
}

/// Reads an Excel workbook (.xlsx, Office Open XML SpreadsheetML) into a `SheetTable`, with no
/// packages: `ZipArchive` + `Inflate` open the container, `XMLScanner` reads its parts.
///
/// Cell text, chosen to be what the sheet shows where that is unambiguous:
/// - shared strings, inline strings and formula strings: their text (rich-text runs joined, phonetic
///   runs left out, white space kept as written);
/// - numbers: up to 15 significant digits, no float noise, integers without `.0` (`XlsxValueText`);
///   number formats other than dates and times (percent, currency, decimals) are not applied;
/// - dates and times (built-in date formats and custom ones with d/y/b, h/s): ISO 8601 text
///   (`2024-03-01`, `2024-03-01 08:30:00`, `08:30:00`), in the workbook's 1900 or 1904 date system;
/// - booleans: `TRUE` / `FALSE`, as Excel and LibreOffice show them in every locale;
/// - error values: as shown (`#N/A`, `#DIV/0!`, ...); a formula with no calculated value is an error.
///
/// Merged cells: every merged range shows its top-left value in every cell it covers, in header
/// and data rows alike (what a person sees: a header spanning three columns heads all three; a
/// unit name merged down five rows belongs to all five people).
///
/// The first sheet is the first visible worksheet in tab order (chart sheets and hidden sheets are
/// skipped); `sheet:` picks one by name (exactly, else ignoring case and surrounding spaces).
public enum XlsxReader {
    /// At most this many cells (counting the empty ones before the last filled cell of each row and
    /// the cells merged ranges fill), so a tiny file cannot make a huge table.
    static let maxCells = 10_000_000

    /// True when the bytes start like a ZIP archive (an .xlsx is one) or like an OLE2 compound file
    /// (an old .xls, or a password-protected .xlsx): hand those to `read`, which reads the first and
    /// explains the others, rather than to a text reader.
    public static func looksLikeWorkbook(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: zipSignature) || bytes.starts(with: ole2Signature)
    }

    static let zipSignature: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
    static let ole2Signature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    /// The sheet named `sheet`, or the first sheet when nil.
    public static func read(_ bytes: [UInt8], sheet: String?, file: String) throws(InputError) -> SheetTable {
        let messages = XlsxMessages(file: file)
        guard bytes.starts(with: zipSignature) else { throw messages.notWorkbook(bytes) }
        let archive: ZipArchive
        do { archive = try ZipArchive(bytes) } catch { throw messages.zip(error) }
        let book = try XlsxWorkbook(archive, messages)
        let target = try book.sheet(named: sheet)
        let parser = XlsxSheetParser(book: book, messages: messages)
        return SheetTable(name: target.name, rows: try parser.rows(try book.xml(target.path)))
    }
}

/// Walks an XML part's events with the stack of open elements' local names.
struct XMLWalk {
    var scanner: XMLScanner
    var path: [String] = []
    let part: String
    let messages: XlsxMessages

    /// Calls `body` for each event; `path` holds the open elements (a start's own name included).
    mutating func forEach(_ body: (XMLEvent, [String]) throws(InputError) -> Void) throws(InputError) {
        while true {
            let event: XMLEvent?
            do { event = try scanner.next() } catch { throw messages.xml(part, error) }
            guard let event else { return }
            if case .start(let name, _) = event { path.append(XMLScanner.localName(name)) }
            try body(event, path)
            if case .end = event { path.removeLast() }
        }
    }
}

/// The workbook-level parts: sheet list, shared strings, cell styles, date system.
struct XlsxWorkbook {
    struct Sheet {
        var name: String
        var path: String
        var kind: String      // the relationship type's last segment: worksheet, chartsheet, ...
        var hidden: Bool
    }

    let archive: ZipArchive
    let messages: XlsxMessages
    var sheets: [Sheet] = []
    var date1904 = false
    var sharedStrings: [String] = []
    /// Per cell style (`s` attribute, an index into cellXfs): how its numbers are shown.
    var styles: [XlsxNumberKind] = []

    init(_ archive: ZipArchive, _ messages: XlsxMessages) throws(InputError) {
        self.archive = archive
        self.messages = messages
        if archive.entry(named: "mimetype") != nil, archive.entry(named: "content.xml") != nil {
            throw messages.openDocument()
        }
        let rootRels = try relationships(of: "")
        let workbookPath = rootRels.first { $0.type == "officeDocument" }?.target ?? "xl/workbook.xml"
        guard find(workbookPath) != nil else { throw messages.notWorkbook(nil) }
        let workbookRels = try relationships(of: workbookPath)
        try readWorkbook(workbookPath, workbookRels)
        if let path = workbookRels.first(where: { $0.type == "sharedStrings" })?.target { try readSharedStrings(path) }
        if let path = workbookRels.first(where: { $0.type == "styles" })?.target { try readStyles(path) }
    }

    func find(_ path: String) -> ZipArchive.Entry? {
        archive.entry(named: path) ?? archive.entries.first { $0.name.lowercased() == path.lowercased() }
    }

    func xml(_ path: String) throws(InputError) -> XMLWalk {
        guard let entry = find(path) else { throw messages.missingPart(path) }
        let data: [UInt8]
        do { data = try archive.data(entry) } catch { throw messages.zip(error) }
        do { return XMLWalk(scanner: try XMLScanner(data), part: path, messages: messages) }
        catch { throw messages.xml(path, error) }
    }

    struct Relationship { var id: String, type: String, target: String }

    /// The relationships of `part` (`""` for the package), targets resolved to archive paths.
    func relationships(of part: String) throws(InputError) -> [Relationship] {
        let slash = part.lastIndex(of: "/")
        let folder = slash.map { String(part[..<$0]) + "/" } ?? ""
        let file = slash.map { String(part[part.index(after: $0)...]) } ?? part
        let relsPath = folder + "_rels/" + file + ".rels"
        guard find(relsPath) != nil else { return [] }
        var walk = try xml(relsPath)
        var found: [Relationship] = []
        try walk.forEach { event, path throws(InputError) in
            guard case .start(_, let attributes) = event, path.last == "Relationship",
                  attributes[local: "TargetMode"] != "External",
                  let id = attributes[local: "Id"], let type = attributes[local: "Type"], let target = attributes[local: "Target"]
            else { return }
            let kind = type.split(separator: "/").last.map(String.init) ?? type
            found.append(Relationship(id: id, type: kind, target: Self.resolve(target, in: folder)))
        }
        return found
    }

    /// `worksheets/sheet1.xml` in `xl/` → `xl/worksheets/sheet1.xml`; `/xl/x.xml` → `xl/x.xml`; `..` handled.
    static func resolve(_ target: String, in folder: String) -> String {
        let joined = target.hasPrefix("/") ? String(target.dropFirst()) : folder + target
        var parts: [Substring] = []
        for piece in joined.split(separator: "/", omittingEmptySubsequences: true) {
            if piece == ".." { _ = parts.popLast() } else if piece != "." { parts.append(piece) }
        }
        return parts.joined(separator: "/")
    }

    private mutating func readWorkbook(_ path: String, _ rels: [Relationship]) throws(InputError) {
        var walk = try xml(path)
        var sheets: [Sheet] = []
        var date1904 = false
        let messages = messages
        try walk.forEach { event, path throws(InputError) in
            guard case .start(_, let attributes) = event else { return }
            if path.last == "workbookPr", let v = attributes[local: "date1904"] { date1904 = v == "1" || v == "true" }
            guard path.last == "sheet", path.dropLast().last == "sheets" else { return }
            guard let name = attributes[local: "name"], let id = attributes[local: "id"],
                  let rel = rels.first(where: { $0.id == id }) else { throw messages.missingPart("sheet relationship") }
            let state = attributes[local: "state"] ?? "visible"
            sheets.append(Sheet(name: name, path: rel.target, kind: rel.type, hidden: state != "visible"))
        }
        self.sheets = sheets
        self.date1904 = date1904
    }

    private mutating func readSharedStrings(_ path: String) throws(InputError) {
        var walk = try xml(path)
        var strings: [String] = []
        var current = ""
        try walk.forEach { event, path throws(InputError) in
            switch event {
            case .start: if path.last == "si" { current = "" }
            case .text(let text): if path.last == "t", !path.contains("rPh") { current += text }
            case .end: if path.last == "si" { strings.append(current) }
            }
        }
        sharedStrings = strings
    }

    private mutating func readStyles(_ path: String) throws(InputError) {
        var walk = try xml(path)
        var formats: [Int: String] = [:]
        var xfs: [Int] = []
        try walk.forEach { event, path throws(InputError) in
            guard case .start(_, let attributes) = event else { return }
            if path.last == "numFmt", let id = attributes[local: "numFmtId"].flatMap({ Int($0) }),
               let code = attributes[local: "formatCode"] {
                formats[id] = code
            } else if path.last == "xf", path.dropLast().last == "cellXfs" {
                xfs.append(attributes[local: "numFmtId"].flatMap { Int($0) } ?? 0)
            }
        }
        styles = xfs.map { id in formats[id].map(XlsxNumberKind.custom) ?? XlsxNumberKind.builtIn(id) }
    }

    /// The named sheet, or the first visible worksheet.
    func sheet(named name: String?) throws(InputError) -> Sheet {
        let worksheets = sheets.filter { $0.kind == "worksheet" }
        guard let name else {
            guard let first = worksheets.first(where: { !$0.hidden }) ?? worksheets.first else { throw messages.noSheets() }
            return first
        }
        let wanted = name.trimmingCharacters(in: .whitespaces).lowercased()
        guard let found = sheets.first(where: { $0.name == name })
                ?? sheets.first(where: { $0.name.trimmingCharacters(in: .whitespaces).lowercased() == wanted }) else {
            throw messages.unknownSheet(name, worksheets.map(\.name))
        }
        guard found.kind == "worksheet" else { throw messages.notATable(found.name) }
        return found
    }
}

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
        case "inlineStr": return inline
        case "str", "e": return value
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
