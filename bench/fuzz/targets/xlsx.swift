/// libFuzzer target for the .xlsx reader, compiled together with every ThaksaCore source (no module
/// import; see bench/fuzz/). Each input goes four ways:
/// 1. as a whole .xlsx file through `XlsxReader.read` (ZIP, DEFLATE, XML, workbook and sheet parts);
/// 2. as a raw DEFLATE stream through `Inflate.decompress` (which CRC checks hide in 1);
/// 3. through `XMLScanner` to the end;
/// 4. as the worksheet XML of a fixed small workbook (stored, correct CRCs), reaching the sheet reader.
/// Each must return or throw its typed error; a crash, hang or leak is what libFuzzer reports.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = XlsxReader.looksLikeWorkbook(bytes)
    _ = try? XlsxReader.read(bytes, sheet: nil, file: "fuzz.xlsx")
    _ = try? Inflate.decompress(bytes, limit: 1 << 20)
    if var scanner = try? XMLScanner(bytes) {
        while (try? scanner.next()) != nil {}
    }
    _ = try? XlsxReader.read(FuzzWorkbook.with(sheet: bytes), sheet: "S", file: "fuzz.xlsx")
    return 0
}

enum FuzzWorkbook {
    static let ns = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
    static let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let fixed: [(String, [UInt8])] = [
        ("_rels/.rels", "<Relationships><Relationship Id=\"a\" Type=\"\(rel)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"),
        ("xl/workbook.xml", "<workbook \(ns)><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"s\"/></sheets></workbook>"),
        ("xl/_rels/workbook.xml.rels", "<Relationships><Relationship Id=\"s\" Type=\"\(rel)/worksheet\" Target=\"sheet.xml\"/><Relationship Id=\"t\" Type=\"\(rel)/sharedStrings\" Target=\"sst.xml\"/><Relationship Id=\"u\" Type=\"\(rel)/styles\" Target=\"styles.xml\"/></Relationships>"),
        ("xl/sst.xml", "<sst \(ns)><si><t>a</t></si><si><r><t>b</t></r><r><t>c</t></r></si><si><t/></si></sst>"),
        ("xl/styles.xml", "<styleSheet \(ns)><numFmts><numFmt numFmtId=\"164\" formatCode=\"d/m/yyyy h:mm\"/></numFmts><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/><xf numFmtId=\"21\"/></cellXfs></styleSheet>"),
    ].map { ($0.0, Array($0.1.utf8)) }

    /// A stored (uncompressed) ZIP of the fixed parts plus `sheet` as xl/sheet.xml.
    static func with(sheet: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [], central: [UInt8] = []
        for (name, data) in fixed + [("xl/sheet.xml", sheet)] {
            let offset = out.count, n = Array(name.utf8), crc = CRC32.checksum(data)
            let sizes = le32(crc) + le32(UInt32(data.count)) + le32(UInt32(data.count))
            out += le32(0x0403_4B50) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0) + sizes + le16(n.count) + le16(0) + n + data
            central += le32(0x0201_4B50) + le16(20) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0) + sizes
            central += le16(n.count) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(UInt32(offset)) + n
        }
        let count = fixed.count + 1
        return out + central + le32(0x0605_4B50) + le16(0) + le16(0) + le16(count) + le16(count)
            + le32(UInt32(central.count)) + le32(UInt32(out.count)) + le16(0)
    }

    static func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
    static func le32(_ v: UInt32) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)] }
}
