import Foundation

/// The rows of a tabular input file, whatever it is: CSV in any supported encoding and delimiter,
/// or one worksheet of an .xlsx workbook (recognised by its bytes, not its name).
public struct TableReader {
    enum Backing {
        case csv(CSVReader)
        case sheet(SheetTable, next: Int)
    }

    var backing: Backing

    public init(path: String, display: String, encoding: TextEncoding? = nil, sheet: String? = nil) throws(InputError) {
        guard let h = FileHandle(forReadingAtPath: path) else { throw InputError(file: display, row: 0, en: "cannot be read", th: "อ่านไม่ได้") }
        let head = (try? h.read(upToCount: 8)).flatMap { $0 }.map { [UInt8]($0) } ?? []
        // A file named .xlsx that is not one goes to the workbook reader too, for its message.
        if XlsxReader.looksLikeWorkbook(head) || path.lowercased().hasSuffix(".xlsx") {
            let size = (try? h.seekToEnd()).map(Int.init) ?? 0
            try? h.close()
            guard size <= InputLimits.workbookBytes else {
                throw InputError(file: display, row: 0, en: "the workbook is larger than \(InputLimits.workbookBytes >> 20) MiB; save the sheet as CSV UTF-8",
                                 th: "สมุดงานใหญ่เกิน \(InputLimits.workbookBytes >> 20) MiB ให้บันทึกแผ่นงานเป็น CSV UTF-8")
            }
            guard let data = FileManager.default.contents(atPath: path) else { throw InputError(file: display, row: 0, en: "cannot be read", th: "อ่านไม่ได้") }
            backing = .sheet(try XlsxReader.read([UInt8](data), sheet: sheet, file: display), next: 0)
            return
        }
        try? h.close()
        if let sheet {
            throw InputError(file: display, row: 0, en: "`--sheet \(sheet)` is for .xlsx workbooks, and this file is not one",
                             th: "`--sheet \(sheet)` ใช้กับไฟล์ .xlsx เท่านั้น แต่ไฟล์นี้ไม่ใช่")
        }
        do { backing = .csv(try CSVReader(path: path, display: display, encoding: encoding)) } catch {
            throw InputError(file: display, row: 0, en: "cannot be read", th: "อ่านไม่ได้")
        }
    }

    /// The next record (the header is row 1), nil at the end.
    public mutating func next() -> Result<CSVReader.Record, InputError>? {
        switch backing {
        case .csv(var reader):
            let r = reader.next()
            backing = .csv(reader)
            return r
        case .sheet(let table, let k):
            guard k < table.rows.count else { return nil }
            backing = .sheet(table, next: k + 1)
            return .success(CSVReader.Record(row: k + 1, fields: table.rows[k]))
        }
    }

    /// A row as the runner takes it: a CSV record's bytes, for a worker to split with `splitter`
    /// (valid until the next call), or a worksheet row's cells.
    public enum Row {
        case bytes(row: Int, ArraySlice<UInt8>)
        case record(CSVReader.Record)
    }

    /// The next row (the header is row 1), nil at the end.
    public mutating func nextRow() -> Result<Row, InputError>? {
        switch backing {
        case .csv(var reader):
            // The reader is moved out while it reads, so its buffer refills in place (not copied).
            backing = .sheet(SheetTable(name: "", rows: []), next: 0)
            let r = reader.nextBytes()
            backing = .csv(reader)
            return r.map { $0.map { .bytes(row: $0.row, $0.bytes) } }
        case .sheet:
            return next().map { $0.map { .record($0) } }
        }
    }

    /// Splits the rows of `nextRow` (nil for a workbook).
    public var splitter: CSVSplitter? {
        if case .csv(let r) = backing { return r.splitter }
        return nil
    }

    /// What was read: `CSV, UTF-8, comma` / `xlsx, sheet "Sheet1"`.
    public func describe(_ lang: Language) -> String {
        switch backing {
        case .csv(let r):
            let d = lang == .th ? r.delimiterName.th : r.delimiterName.en
            let how = r.detected ? "" : (lang == .th ? " (กำหนดด้วย --encoding)" : " (from --encoding)")
            return lang == .th ? "CSV รหัสอักขระ \(r.encoding.title)\(how) คั่นด้วย\(d)" : "CSV, \(r.encoding.title)\(how), \(d)-separated"
        case .sheet(let t, _):
            return lang == .th ? "xlsx แผ่นงาน \"\(t.name)\"" : "xlsx, sheet \"\(t.name)\""
        }
    }
}
