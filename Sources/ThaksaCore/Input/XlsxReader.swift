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
/// - shared strings, inline strings and formula strings: their text (`_xHHHH_` escapes undone, rich-text runs joined, phonetic
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
