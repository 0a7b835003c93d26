/// The documented limits of input files (docs/results.md, "Input limits"). Each one, when
/// exceeded, is a located error; none of them is reached by a real HR file.
public enum InputLimits {
    /// Bytes in one CSV field (Excel's cell limit, 32,767 characters, is under 100,000 UTF-8 bytes).
    public static let fieldBytes = 100_000
    /// Bytes in one CSV record or JSON line.
    public static let recordBytes = 1 << 20
    /// Columns of a CSV or spreadsheet header.
    public static let columns = 2_000
    /// Bytes of an .xlsx workbook (read whole, unlike CSV).
    public static let workbookBytes = 64 << 20
    /// Errors printed before the rest are only counted.
    public static let printedErrors = 20
    /// Names listed in one message (unknown columns, items); the rest are counted.
    public static let listedNames = 20

    /// `a, b, c and 7 more` / `a, b, c และอีก 7 รายการ`
    public static func list(_ names: [String], _ lang: Language) -> String {
        let shown = names.prefix(listedNames).joined(separator: ", ")
        guard names.count > listedNames else { return shown }
        let rest = names.count - listedNames
        return lang == .th ? "\(shown) และอีก \(rest) รายการ" : "\(shown) and \(rest) more"
    }
}
