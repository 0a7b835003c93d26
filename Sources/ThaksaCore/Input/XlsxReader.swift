/// One worksheet of an .xlsx workbook as text cells.
///
/// `rows[i]` is spreadsheet row i+1 (empty rows kept as `[]`); `rows[i][j]` is column j+1; trailing
/// empty cells of each row are trimmed.
public struct SheetTable: Sendable, Hashable {
    public var name: String
    public var rows: [[String]]

    public init(name: String, rows: [[String]]) {
        self.name = name
        self.rows = rows
    }
}

/// Reads an Excel workbook (.xlsx, Office Open XML) into a `SheetTable`.
public enum XlsxReader {
    /// True when the bytes start like a ZIP archive (an .xlsx is one).
    public static func looksLikeWorkbook(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 4 && bytes[0] == 0x50 && bytes[1] == 0x4B && bytes[2] == 0x03 && bytes[3] == 0x04
    }

    /// The sheet named `sheet`, or the first sheet when nil.
    public static func read(_ bytes: [UInt8], sheet: String?, file: String) throws(InputError) -> SheetTable {
        throw InputError(file: file, row: 0, en: "reading .xlsx workbooks is not implemented yet; save the sheet as CSV UTF-8",
                         th: "ยังอ่านไฟล์ .xlsx ไม่ได้ ให้บันทึกแผ่นงานเป็น CSV UTF-8")
    }
}
