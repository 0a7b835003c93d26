/// Compiled together with every ThaksaCore source (no module import), see bench/fuzz/.
/// libFuzzer target: any bytes through the .xlsx reader (ZIP, DEFLATE, XML, workbook and sheet
/// parts). It must return a table or throw an `InputError`; anything else is a crash libFuzzer keeps.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = XlsxReader.looksLikeWorkbook(bytes)
    _ = try? XlsxReader.read(bytes, sheet: nil, file: "fuzz.xlsx")
    _ = try? XlsxReader.read(bytes, sheet: "Sheet1", file: "fuzz.xlsx")
    return 0
}
