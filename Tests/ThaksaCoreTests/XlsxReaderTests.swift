import Foundation
import Testing
@testable import ThaksaCore

enum XlsxFixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/xlsx")
    static let all = ["staff.xlsx", "types.xlsx", "merged.xlsx", "date1904.xlsx", "openpyxl.xlsx"]

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: folder.appendingPathComponent(name)))
    }

    static func read(_ name: String, sheet: String? = nil) throws -> SheetTable {
        try XlsxReader.read(try bytes(name), sheet: sheet, file: name)
    }

    /// A minimal workbook written by hand: one or more sheets, optional shared strings and styles.
    static func handmade(sheets: [(name: String, xml: String)], sharedStrings: String? = nil, styles: String? = nil,
                         workbookExtra: String = "", chartSheet: String? = nil, hidden: Set<String> = []) -> [UInt8] {
        let ns = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        var sheetList = "", rels = ""
        var items: [ZipBuilder.Item] = [.init(name: "_rels/.rels", data: Array("""
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="\(rel)/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """.utf8))]
        for (i, sheet) in sheets.enumerated() {
            sheetList += "<sheet name=\"\(sheet.name)\"\(hidden.contains(sheet.name) ? " state=\"hidden\"" : "") sheetId=\"\(i + 1)\" r:id=\"rId\(i + 10)\"/>"
            rels += "<Relationship Id=\"rId\(i + 10)\" Type=\"\(rel)/worksheet\" Target=\"/xl/worksheets/../worksheets/s\(i).xml\"/>"
            items.append(.init(name: "xl/worksheets/s\(i).xml", data: Array("<worksheet \(ns)>\(sheet.xml)</worksheet>".utf8)))
        }
        if let chartSheet {
            sheetList = "<sheet name=\"\(chartSheet)\" sheetId=\"99\" r:id=\"rId99\"/>" + sheetList
            rels += "<Relationship Id=\"rId99\" Type=\"\(rel)/chartsheet\" Target=\"chartsheets/c.xml\"/>"
        }
        if let sharedStrings {
            rels += "<Relationship Id=\"rId2\" Type=\"\(rel)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
            items.append(.init(name: "xl/sharedStrings.xml", data: Array("<sst \(ns)>\(sharedStrings)</sst>".utf8)))
        }
        if let styles {
            rels += "<Relationship Id=\"rId3\" Type=\"\(rel)/styles\" Target=\"styles.xml\"/>"
            items.append(.init(name: "xl/styles.xml", data: Array("<styleSheet \(ns)>\(styles)</styleSheet>".utf8)))
        }
        items.append(.init(name: "xl/workbook.xml", data: Array("<workbook \(ns)>\(workbookExtra)<sheets>\(sheetList)</sheets></workbook>".utf8)))
        items.append(.init(name: "xl/_rels/workbook.xml.rels", data: Array("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\(rels)</Relationships>".utf8)))
        return ZipBuilder(items: items).build()
    }

    static func handmade(_ sheetData: String, sharedStrings: String? = nil, styles: String? = nil, workbookExtra: String = "") throws(InputError) -> [[String]] {
        let bytes = handmade(sheets: [("S", sheetData)], sharedStrings: sharedStrings, styles: styles, workbookExtra: workbookExtra)
        return try XlsxReader.read(bytes, sheet: nil, file: "h.xlsx").rows
    }
}

@Suite
struct XlsxReaderTests {
    /// The shipped sample, converted by LibreOffice, reads as the same table as the CSV, except that
    /// LibreOffice's CSV import made boolean cells of `true`/`false`, which read as `TRUE`/`FALSE`
    /// (answers are matched ignoring case, so they score the same).
    @Test func staffSampleMatchesTheCSV() throws {
        let csv = try String(contentsOf: XlsxFixtures.folder.appendingPathComponent("../../../rules/ocsc-bma/sample/staff.csv"), encoding: .utf8)
        var expected = csv.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var cells = line.split(separator: ",", omittingEmptySubsequences: false).map { ["true", "false"].contains($0) ? $0.uppercased() : String($0) }
            while cells.last == "" { cells.removeLast() }
            return cells
        }
        while expected.last == [] { expected.removeLast() }
        let table = try XlsxFixtures.read("staff.xlsx")
        #expect(table.name == "staff")
        #expect(table.rows.count == 70)
        #expect(table.rows.count == expected.count)
        for (i, (got, want)) in zip(table.rows, expected).enumerated() where got != want {
            Issue.record("row \(i + 1): \(zip(got, want).enumerated().filter { $0.element.0 != $0.element.1 }.prefix(5)) counts \(got.count) \(want.count)")
        }
    }

    @Test func typesSheet() throws {
        let table = try XlsxFixtures.read("types.xlsx")
        #expect(table.name == "ข้อมูล")
        #expect(table.rows == [
            ["id", "ชื่อ", "วันเกิด", "เริ่มงาน", "ผ่านการประเมิน", "คะแนน", "สัดส่วน", "เวลา", "หมายเหตุ"],
            ["A001", "นางสาวกานดา ใจดี", "1990-05-17", "2024-03-01 08:30:00", "TRUE", "0.1", "0.25", "08:30:00", "ตัวหนา & <ปกติ> \"คำพูด\""],
            // LibreOffice writes 1900-01-15 as serial 16 (it has no 1900-02-29); Excel, and we, read 16 as 1900-01-16.
            ["A002", "นายสมชาย  รักงาน", "1900-01-16", "", "FALSE", "3", "", "", "  เว้นวรรค  "],
            [],
            ["A003", "", "2000-02-29", "1900-03-01", "", "1234567.891", "", "", "007"],
            ["A004", "-0.5", "0.001", "1E+20", "0.666666666666667", "123456789012", "บรรทัด1"],
        ])
    }

    @Test func sheetsByName() throws {
        #expect(try XlsxFixtures.read("types.xlsx", sheet: "สรุป").rows == [["หน่วยงาน", "จำนวน"], ["สำนักงานเขตพระนคร", "12"]])
        #expect(try XlsxFixtures.read("types.xlsx", sheet: " สรุป ").name == "สรุป")
        #expect(try XlsxFixtures.read("types.xlsx", sheet: "ซ่อน").rows == [["ลับ"]])
        #expect(throws: InputError(file: "types.xlsx", row: 0,
                                   en: "there is no sheet named “Sheet1” in this workbook; its sheets are “ข้อมูล”, “สรุป”, “ซ่อน”",
                                   th: "สมุดงานนี้ไม่มีแผ่นงานชื่อ “Sheet1” แผ่นงานที่มีคือ “ข้อมูล”, “สรุป”, “ซ่อน”")) {
            try XlsxFixtures.read("types.xlsx", sheet: "Sheet1")
        }
    }

    /// Merged ranges: A1:A2, B1:B2, C1:E1, F1:G1, H1:H2 in the header, H3:H5 down the data rows.
    @Test func mergedCellsFillTheirRange() throws {
        #expect(try XlsxFixtures.read("merged.xlsx").rows == [
            ["id", "ชื่อ", "ด้านความสามารถ", "ด้านความสามารถ", "ด้านความสามารถ", "ความรู้", "ความรู้", "หน่วยงาน"],
            ["id", "ชื่อ", "DLit100", "DLit200", "DLit300", "KB1", "KB2", "หน่วยงาน"],
            ["B001", "นางสาวกานดา", "3", "2", "1", "1", "0", "สำนักงานเขตพระนคร"],
            ["B002", "นายสมชาย", "4", "4", "3", "0", "1", "สำนักงานเขตพระนคร"],
            ["B003", "นางมาลี", "1", "0", "0", "1", "1", "สำนักงานเขตพระนคร"],
        ])
    }

    /// The same sheet saved with the 1904 date system: same dates; the pre-1904 ones are negative
    /// serials, shown as numbers (Excel shows ####).
    @Test func date1904() throws {
        let rows = try XlsxFixtures.read("date1904.xlsx").rows
        #expect(rows[1][2] == "1990-05-17")
        #expect(rows[1][3] == "2024-03-01 08:30:00")
        #expect(rows[4][2] == "2000-02-29")
        #expect(rows[2][2] == "-1446")
    }

    @Test func numbersWithoutFloatNoise() {
        let cases: [(Double, String)] = [
            (0.1, "0.1"), (3, "3"), (-0, "0"), (0.1 + 0.2, "0.3"), (1234567.891, "1234567.891"), (-0.5, "-0.5"),
            (1e-3, "0.001"), (1.5e-12, "1.5E-12"), (1e20, "1E+20"), (123456789012345, "123456789012345"),
            (1234567890123456, "1.23456789012346E+15"), (2.0 / 3, "0.666666666666667"), (100.25, "100.25"),
        ]
        for (v, text) in cases { #expect(XlsxValueText.number(v) == text, "\(v)") }
    }

    @Test func dateSerials() {
        let d = { (s: Double) in XlsxValueText.date(s, .date, date1904: false) }
        #expect(d(1) == "1900-01-01")
        #expect(d(59) == "1900-02-28")
        #expect(d(60) == "1900-02-29")
        #expect(d(61) == "1900-03-01")
        #expect(d(0) == "1900-01-00")
        #expect(d(45352) == "2024-03-01")
        #expect(d(2_958_465) == "9999-12-31")
        #expect(d(2_958_466) == nil)
        #expect(d(-1) == nil)
        #expect(XlsxValueText.date(0, .date, date1904: true) == "1904-01-01")
        #expect(XlsxValueText.date(45352.999999, .dateTime, date1904: false) == "2024-03-02 00:00:00")
        #expect(XlsxValueText.date(0.5, .time, date1904: false) == "12:00:00")
        #expect(XlsxValueText.date(1.5, .time, date1904: false) == "36:00:00")
    }

    @Test func numberFormatKinds() {
        #expect(XlsxNumberKind.builtIn(14) == .date)
        #expect(XlsxNumberKind.builtIn(22) == .dateTime)
        #expect(XlsxNumberKind.builtIn(20) == .time)
        #expect(XlsxNumberKind.builtIn(71) == .date)
        #expect(XlsxNumberKind.builtIn(9) == .number)
        #expect(XlsxNumberKind.custom("yyyy\\-mm\\-dd") == .date)
        #expect(XlsxNumberKind.custom("[$-41E]d mmmm bbbb") == .date)
        #expect(XlsxNumberKind.custom("d/m/yyyy\\ hh:mm") == .dateTime)
        #expect(XlsxNumberKind.custom("[h]:mm") == .time)
        #expect(XlsxNumberKind.custom("mm:ss") == .time)
        #expect(XlsxNumberKind.custom("General") == .number)
        #expect(XlsxNumberKind.custom("\"TRUE\";\"TRUE\";\"FALSE\"") == .number)
        #expect(XlsxNumberKind.custom("#,##0.00\" days\"") == .number)
        #expect(XlsxNumberKind.custom("[Red]0.00;[Blue]0.00") == .number)
        #expect(XlsxNumberKind.custom("0.00E+00") == .number)
    }

    @Test func cellReferences() {
        #expect(XlsxSheetParser.cellReference("A1")! == (1, 1))
        #expect(XlsxSheetParser.cellReference("AB12")! == (12, 28))
        #expect(XlsxSheetParser.cellReference("XFD1048576")! == (1_048_576, 16_384))
        for bad in ["XFE1", "A0", "A1048577", "1A", "A", "", "A1B", "$A$1", "AAAA1"] {
            #expect(XlsxSheetParser.cellReference(bad) == nil, "\(bad)")
        }
    }

    @Test func cellTypesWithoutReferencesSparseAndOutOfOrder() throws {
        let sst = """
        <si><t>plain</t></si><si><r><t>ri</t></r><r><rPr><b/></rPr><t xml:space="preserve">ch </t></r><rPh sb="0" eb="1"><t>PHONETIC</t></rPh></si>
        """
        let rows = try XlsxFixtures.handmade("""
        <sheetData>
        <row><c t="s"><v>0</v></c><c t="s"><v>1</v></c><c t="inlineStr"><is><r><t>in</t></r><r><t>line</t></r></is></c></row>
        <row r="4"><c r="C4" t="str"><f>A1&amp;""</f><v>formula</v></c><c r="A4" t="b"><v>0</v></c><c t="e"><v>#N/A</v></c></row>
        <row r="3"><c r="B3" t="d"><v>2024-03-01T00:00:00</v></c><c t="str"><f>""</f><v></v></c><c r="Z3"/></row>
        </sheetData>
        """, sharedStrings: sst)
        #expect(rows == [
            ["plain", "rich ", "inline"],
            [],
            ["", "2024-03-01"],
            ["FALSE", "#N/A", "formula"],          // the unreferenced `e` cell follows A4
        ])
    }

    @Test func xstringEscapes() throws {
        #expect(XlsxValueText.unescape("a_x000D_\nb") == "a\r\nb")
        #expect(XlsxValueText.unescape("_x005F_x0041_") == "_x0041_")
        #expect(XlsxValueText.unescape("_x0E01__x") == "ก_x")
        #expect(XlsxValueText.unescape("_xZZZZ_ _x12") == "_xZZZZ_ _x12")
        let rows = try XlsxFixtures.handmade("<sheetData><row><c t=\"s\"><v>0</v></c><c t=\"inlineStr\"><is><t>x_x0009_y</t></is></c></row></sheetData>",
                                             sharedStrings: "<si><t>บรรทัด_x000D_\nสอง</t></si>")
        #expect(rows == [["บรรทัด\r\nสอง", "x\ty"]])
    }

    @Test func stylesDecideDates() throws {
        let styles = """
        <numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>
        <cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
        <cellXfs count="4"><xf numFmtId="0"><alignment/></xf><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="10"/></cellXfs>
        """
        let sheet = "<sheetData><row><c><v>45352</v></c><c s=\"1\"><v>45352</v></c><c s=\"2\"><v>45352.5</v></c><c s=\"3\"><v>0.125</v></c><c s=\"9\"><v>1</v></c></row></sheetData>"
        #expect(try XlsxFixtures.handmade(sheet, styles: styles) == [["45352", "2024-03-01", "2024-03-01", "0.125", "1"]])
        #expect(try XlsxFixtures.handmade(sheet, styles: styles, workbookExtra: "<workbookPr date1904=\"1\"/>")
                == [["45352", "2028-03-02", "2028-03-02", "0.125", "1"]])
    }

    @Test func mergedRangesWithAnEmptyTopLeftFillNothing() throws {
        let rows = try XlsxFixtures.handmade("""
        <sheetData><row r="1"><c r="B1" t="inlineStr"><is><t>h</t></is></c></row></sheetData>
        <mergeCells><mergeCell ref="A1:A3"/><mergeCell ref="B1:C2"/></mergeCells>
        """)
        #expect(rows == [["", "h", "h"], ["", "h", "h"]])
    }

    @Test func defaultSheetSkipsChartsAndHiddenSheets() throws {
        let cell = { (t: String) in "<sheetData><row><c t=\"inlineStr\"><is><t>\(t)</t></is></c></row></sheetData>" }
        var bytes = XlsxFixtures.handmade(sheets: [("one", cell("1")), ("two", cell("2"))], chartSheet: "กราฟ")
        #expect(try XlsxReader.read(bytes, sheet: nil, file: "c.xlsx").name == "one")
        #expect(throws: InputError(file: "c.xlsx", row: 0, en: "the sheet “กราฟ” is a chart, not a table; choose a worksheet with --sheet",
                                   th: "แผ่นงาน “กราฟ” เป็นแผนภูมิ ไม่ใช่ตาราง ให้เลือกแผ่นงานที่เป็นตารางด้วย --sheet")) {
            try XlsxReader.read(bytes, sheet: "กราฟ", file: "c.xlsx")
        }
        bytes = XlsxFixtures.handmade(sheets: [("one", cell("1")), ("two", cell("2"))], hidden: ["one"])
        #expect(try XlsxReader.read(bytes, sheet: nil, file: "c.xlsx").name == "two")
    }

    static func error(_ bytes: [UInt8], sheet: String? = nil) -> InputError? {
        do { _ = try XlsxReader.read(bytes, sheet: sheet, file: "x.xlsx"); return nil } catch { return error }
    }

    static func error(sheetData: String, sharedStrings: String? = nil) -> InputError? {
        do { _ = try XlsxFixtures.handmade(sheetData, sharedStrings: sharedStrings); return nil } catch { return error }
    }

    @Test func notWorkbooks() {
        #expect(XlsxReader.looksLikeWorkbook(Array("PK\u{3}\u{4}".utf8)))
        #expect(!XlsxReader.looksLikeWorkbook(Array("id,name\n".utf8)))
        #expect(Self.error(Array("id,name\n".utf8))?.en == "this is not an Excel workbook (.xlsx); save it as .xlsx or as \"CSV UTF-8\"")
        let ole2: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)
        #expect(XlsxReader.looksLikeWorkbook(ole2))
        #expect(Self.error(ole2)?.en.hasPrefix("this is an old Excel 97-2003 workbook (.xls)") == true)
        #expect(Self.error(ole2)?.th.hasPrefix("ไฟล์นี้เป็นสมุดงาน Excel รุ่นเก่า (.xls") == true)
        let encrypted = ole2 + "EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(Self.error(encrypted)?.en.hasPrefix("this workbook is protected with a password") == true)
        let ods = ZipBuilder(items: [.init(name: "mimetype", data: Array("application/vnd.oasis.opendocument.spreadsheet".utf8)),
                                     .init(name: "content.xml", data: [])]).build()
        #expect(Self.error(ods)?.en.hasPrefix("this is an OpenDocument spreadsheet (.ods)") == true)
        let docx = ZipBuilder(items: [.init(name: "word/document.xml", data: Array("<w/>".utf8))]).build()
        #expect(Self.error(docx)?.en == "this is not an Excel workbook (.xlsx); save it as .xlsx or as \"CSV UTF-8\"")
        let encryptedEntry = ZipBuilder(items: [.init(name: "xl/workbook.xml", data: [1], flags: 1)]).build()
        #expect(Self.error(encryptedEntry)?.en.hasPrefix("this workbook is protected with a password") == true)
    }

    @Test func damagedWorkbooksNameThePartAndPlace() throws {
        #expect(Self.error(sheetData: "<sheetData>\n<row><c><v>1</v></row></sheetData>")?.en
                == "the workbook is damaged or incomplete (xl/worksheets/s0.xml, line 2, column 17: closing tag </row> does not match <c>); open it in Excel or LibreOffice and save it again, or save the sheet as \"CSV UTF-8\"")
        #expect(Self.error(sheetData: "<sheetData><row r=\"2\"><c t=\"s\"><v>5</v></c></row></sheetData>", sharedStrings: "<si><t>a</t></si>")
                == InputError(file: "h.xlsx", row: 2, column: 1, en: "the workbook is damaged (shared string 5 does not exist); open it in Excel or LibreOffice and save it again",
                              th: "สมุดงานเสียหาย (shared string 5 does not exist) ให้เปิดใน Excel หรือ LibreOffice แล้วบันทึกใหม่"))
        #expect(Self.error(sheetData: "<sheetData><row><c t=\"b\"><v>yes</v></c></row></sheetData>")?.en.contains("boolean yes is not 0 or 1") == true)
        #expect(Self.error(sheetData: "<sheetData><row><c><v>1,5</v></c></row></sheetData>")?.en.contains("number 1,5 is not a number") == true)
        #expect(Self.error(sheetData: "<sheetData><row><c r=\"A0\"><v>1</v></c></row></sheetData>")?.en.contains("“A0” is not a cell position") == true)
        #expect(Self.error(sheetData: "<sheetData><row r=\"0\"/></sheetData>")?.en.contains("“0” is not a cell position") == true)
    }

    @Test func uncalculatedFormulasAreErrors() {
        for cell in ["<c r=\"C2\"><f>1+1</f></c>", "<c r=\"C2\"><f>1+1</f><v /></c>", "<c r=\"C2\" t=\"n\"><f>A1</f><v></v></c>"] {
            let e = Self.error(sheetData: "<sheetData><row r=\"2\">\(cell)</row></sheetData>")
            #expect(e?.row == 2 && e?.column == 3, "\(cell)")
            #expect(e?.en.hasPrefix("this cell has a formula that was never calculated") == true)
        }
    }

    /// Written by openpyxl (inline strings, no shared strings, built-in style ids, a merge whose
    /// other cell is absent); see Fixtures/xlsx/source/openpyxl.py.
    @Test func workbookWrittenByOpenpyxl() throws {
        let table = try XlsxFixtures.read("openpyxl.xlsx")
        #expect(table.name == "รายชื่อ")
        #expect(table.rows == [
            ["id", "ชื่อ", "ด้าน", "ด้าน", "วันที่ประเมิน", "ผ่าน", "คะแนน"],
            ["C001", "นางสาวกานดา", "DLit100", "DLit200", "2024-03-01", "TRUE", "0.1"],
            ["C002", "", "1", "0", "2024-03-01 08:30:00", "FALSE", "2.5"],
            [],
            ["C003", "นายสมชาย", "yes", "no", "", "", "10"],
        ])
        #expect(try XlsxFixtures.read("openpyxl.xlsx", sheet: "อื่น").rows == [[], ["", "ข"]])
    }

    /// The merged sheet saved by LibreOffice as Excel 97-2003.
    @Test func realXlsFileGetsItsOwnMessage() throws {
        let bytes = try XlsxFixtures.bytes("merged.xls")
        #expect(XlsxReader.looksLikeWorkbook(bytes))
        #expect(Self.error(bytes)?.th.hasPrefix("ไฟล์นี้เป็นสมุดงาน Excel รุ่นเก่า (.xls") == true)
    }

    @Test func hugeMergesAndFarCellsAreRefused() {
        let tooMany = "the sheet has more than \(XlsxReader.maxCells) cells (counting empty cells inside the used area and merged ranges); delete unused rows and columns or save the sheet as \"CSV UTF-8\""
        #expect(Self.error(sheetData: "<sheetData><row><c t=\"str\"><v>x</v></c></row></sheetData><mergeCells><mergeCell ref=\"A1:XFD1048576\"/></mergeCells>")?.en == tooMany)
        let far = (1...700).map { "<row r=\"\($0)\"><c r=\"XFD\($0)\" t=\"str\"><v>x</v></c></row>" }.joined()
        #expect(Self.error(sheetData: "<sheetData>\(far)</sheetData>")?.en == tooMany)
    }
}
