/// The errors an .xlsx file can get, in English and Thai, each saying what to do about it.
struct XlsxMessages: Sendable {
    let file: String

    private func whole(_ en: String, _ th: String) -> InputError { InputError(file: file, row: 0, en: en, th: th) }

    /// Not a ZIP archive: an old binary .xls, a password-protected workbook (both OLE2 compound
    /// files), or something else entirely. `bytes` nil: a ZIP that holds no workbook.
    func notWorkbook(_ bytes: [UInt8]?) -> InputError {
        if let bytes, bytes.starts(with: XlsxReader.ole2Signature) {
            // An encrypted .xlsx is an OLE2 file holding a stream named "EncryptedPackage" (UTF-16LE).
            let marker = Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            if Self.contains(bytes, marker) { return passwordProtected() }
            return whole("this is an old Excel 97-2003 workbook (.xls), which Thaksa cannot read; open it in Excel or LibreOffice and save it as \"Excel Workbook (.xlsx)\" or \"CSV UTF-8\"",
                         "ไฟล์นี้เป็นสมุดงาน Excel รุ่นเก่า (.xls, Excel 97-2003) ซึ่ง Thaksa อ่านไม่ได้ ให้เปิดใน Excel หรือ LibreOffice แล้วบันทึกเป็น \"สมุดงาน Excel (.xlsx)\" หรือ \"CSV UTF-8\"")
        }
        return whole("this is not an Excel workbook (.xlsx); save it as .xlsx or as \"CSV UTF-8\"",
                     "ไฟล์นี้ไม่ใช่สมุดงาน Excel (.xlsx) ให้บันทึกเป็น .xlsx หรือ \"CSV UTF-8\"")
    }

    func passwordProtected() -> InputError {
        whole("this workbook is protected with a password, so Thaksa cannot read it; open it, remove the password (File › Info › Protect Workbook › Encrypt with Password, leave it empty) and save it again, or save the sheet as \"CSV UTF-8\"",
              "สมุดงานนี้ตั้งรหัสผ่านไว้ Thaksa จึงอ่านไม่ได้ ให้เปิดไฟล์ เอารหัสผ่านออก (ไฟล์ › ข้อมูล › ป้องกันสมุดงาน › เข้ารหัสด้วยรหัสผ่าน แล้วลบรหัสให้ว่าง) แล้วบันทึกใหม่ หรือบันทึกแผ่นงานเป็น \"CSV UTF-8\"")
    }

    func openDocument() -> InputError {
        whole("this is an OpenDocument spreadsheet (.ods), not an Excel workbook; in LibreOffice choose File › Save As › \"Excel 2007-365 (.xlsx)\" or \"Text CSV\" with UTF-8",
              "ไฟล์นี้เป็นสเปรดชีต OpenDocument (.ods) ไม่ใช่สมุดงาน Excel ให้เปิดใน LibreOffice แล้วเลือก ไฟล์ › บันทึกเป็น › \"Excel 2007-365 (.xlsx)\" หรือ \"CSV\" แบบ UTF-8")
    }

    func damaged(_ detail: String) -> InputError {
        whole("the workbook is damaged or incomplete (\(detail)); open it in Excel or LibreOffice and save it again, or save the sheet as \"CSV UTF-8\"",
              "สมุดงานเสียหายหรือไม่ครบ (\(detail)) ให้เปิดใน Excel หรือ LibreOffice แล้วบันทึกใหม่ หรือบันทึกแผ่นงานเป็น \"CSV UTF-8\"")
    }

    func tooLarge(_ detail: String) -> InputError {
        whole("the workbook is too large to read (\(detail)); Thaksa reads sheets of up to \(ZipArchive.maxEntrySize >> 20) MiB; save the sheet as \"CSV UTF-8\"",
              "สมุดงานใหญ่เกินกว่าจะอ่านได้ (\(detail)) Thaksa อ่านแผ่นงานได้ไม่เกิน \(ZipArchive.maxEntrySize >> 20) MiB ให้บันทึกแผ่นงานเป็น \"CSV UTF-8\"")
    }

    func tooManyCells() -> InputError {
        whole("the sheet has more than \(XlsxReader.maxCells) cells (counting empty cells inside the used area and merged ranges); delete unused rows and columns or save the sheet as \"CSV UTF-8\"",
              "แผ่นงานมีเซลล์เกิน \(XlsxReader.maxCells) เซลล์ (นับรวมเซลล์ว่างในพื้นที่ที่ใช้และเซลล์ที่ผสานไว้) ให้ลบแถวและคอลัมน์ที่ไม่ใช้ หรือบันทึกแผ่นงานเป็น \"CSV UTF-8\"")
    }

    func zip(_ error: ZipError) -> InputError {
        switch error {
        case .encrypted: passwordProtected()
        case .zip64, .tooLarge: tooLarge(error.description)
        case .notAnArchive: notWorkbook(nil)
        default: damaged(error.description)
        }
    }

    func xml(_ part: String, _ error: XMLError) -> InputError {
        damaged("\(part), \(error.description)")
    }

    func missingPart(_ what: String) -> InputError { damaged("\(what) is missing") }

    func noSheets() -> InputError {
        whole("the workbook has no worksheet with a table; put the data on a worksheet and save again",
              "สมุดงานไม่มีแผ่นงานที่เป็นตาราง ให้ใส่ข้อมูลในแผ่นงานแล้วบันทึกใหม่")
    }

    func unknownSheet(_ name: String, _ names: [String]) -> InputError {
        let list = names.map { "“\($0)”" }.joined(separator: ", ")
        return whole("there is no sheet named “\(name)” in this workbook; its sheets are \(list)",
                     "สมุดงานนี้ไม่มีแผ่นงานชื่อ “\(name)” แผ่นงานที่มีคือ \(list)")
    }

    func notATable(_ name: String) -> InputError {
        whole("the sheet “\(name)” is a chart, not a table; choose a worksheet with --sheet",
              "แผ่นงาน “\(name)” เป็นแผนภูมิ ไม่ใช่ตาราง ให้เลือกแผ่นงานที่เป็นตารางด้วย --sheet")
    }

    func badReference(_ ref: String, row: Int) -> InputError {
        InputError(file: file, row: row, en: "the workbook is damaged: “\(ref)” is not a cell position; open it in Excel or LibreOffice and save it again",
                   th: "สมุดงานเสียหาย: “\(ref)” ไม่ใช่ตำแหน่งเซลล์ ให้เปิดใน Excel หรือ LibreOffice แล้วบันทึกใหม่")
    }

    func badCell(_ detail: String, row: Int, column: Int) -> InputError {
        InputError(file: file, row: row, column: column,
                   en: "the workbook is damaged (\(detail)); open it in Excel or LibreOffice and save it again",
                   th: "สมุดงานเสียหาย (\(detail)) ให้เปิดใน Excel หรือ LibreOffice แล้วบันทึกใหม่")
    }

    func uncalculated(row: Int, column: Int) -> InputError {
        InputError(file: file, row: row, column: column,
                   en: "this cell has a formula that was never calculated, so its value is unknown; open the workbook in Excel or LibreOffice and save it again (that calculates it)",
                   th: "เซลล์นี้มีสูตรที่ยังไม่เคยคำนวณ จึงไม่รู้ค่า ให้เปิดสมุดงานใน Excel หรือ LibreOffice แล้วบันทึกใหม่ (โปรแกรมจะคำนวณให้)")
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return false }
        var i = 0
        while i + needle.count <= haystack.count {
            if haystack[i] == first, haystack[i..<i + needle.count].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }
}
