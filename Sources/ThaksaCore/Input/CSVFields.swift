/// One CSV record split into fields at the byte level: the fields' unquoted bytes one after
/// another, and where each ends. Reused from record to record, so splitting allocates nothing
/// once the buffers are big enough.
public struct CSVFields: Sendable {
    public internal(set) var bytes: [UInt8] = []
    /// Field k is `bytes[ends[k - 1] ..< ends[k]]` (from 0 for the first).
    var ends: [Int] = []

    public init() {}

    public var count: Int { ends.count }

    public func range(_ k: Int) -> Range<Int> { (k == 0 ? 0 : ends[k - 1])..<ends[k] }

    public func string(_ k: Int) -> String { String(decoding: bytes[range(k)], as: UTF8.self) }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }
}

/// Splits CSV records into fields and checks them (quotes, limits, NUL bytes, UTF-8): the one
/// implementation behind `CSVReader.next()` and the runner's workers, which split records off the
/// reading thread.
public struct CSVSplitter: Sendable {
    public let delimiter: UInt8
    public let encoding: TextEncoding
    public let file: String

    /// Splits `record` (its line end removed) into `fields`; the first problem, left to right, is
    /// an error naming the row and column.
    public func split(_ record: ArraySlice<UInt8>, row: Int, into fields: inout CSVFields) -> InputError? {
        fields.removeAll()
        return record.withUnsafeBufferPointer { p in split(p, row: row, into: &fields) }
    }

    func split(_ p: UnsafeBufferPointer<UInt8>, row: Int, into fields: inout CSVFields) -> InputError? {
        let quote = UInt8(ascii: "\""), comma = delimiter, end = p.count
        var i = 0
        var column = 1
        func error(_ en: String, _ th: String) -> InputError { InputError(file: file, row: row, column: column, en: en, th: th) }
        while true {
            let start = fields.bytes.count
            if i < end && p[i] == quote {
                i += 1
                while true {
                    guard i < end else { return error("a quoted field is never closed", "ช่องข้อมูลที่เปิดด้วย `\"` ไม่ได้ปิด") }
                    // Copy the run up to the next quote at once.
                    var j = i
                    while j < end && p[j] != quote { j += 1 }
                    fields.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: p[i..<j]))
                    i = j
                    guard i < end else { continue }
                    if i + 1 < end && p[i + 1] == quote { fields.bytes.append(quote); i += 2; continue }
                    i += 1
                    break
                }
                if i < end && p[i] != comma {
                    return error("unexpected text after a closing quote", "มีข้อความต่อจากเครื่องหมาย `\"` ปิด")
                }
            } else {
                var j = i
                while j < end && p[j] != comma {
                    if p[j] == quote {
                        return error("a quote inside an unquoted field (quote the whole field and double the quote)",
                                     "มีเครื่องหมาย `\"` กลางช่องข้อมูลที่ไม่ได้อยู่ในเครื่องหมายคำพูด")
                    }
                    j += 1
                }
                fields.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: p[i..<j]))
                i = j
            }
            let length = fields.bytes.count - start
            if length > InputLimits.fieldBytes {
                return error("the field is longer than \(InputLimits.fieldBytes) bytes", "ช่องข้อมูลยาวเกิน \(InputLimits.fieldBytes) ไบต์")
            }
            if let problem = fields.bytes.withUnsafeBufferPointer({ CSVSplitter.check(UnsafeBufferPointer(rebasing: $0[start...])) }) {
                if problem == .nul {
                    return error("the text contains NUL bytes: is the file UTF-16 without a byte-order mark? Save it as CSV UTF-8",
                                 "ข้อความมีไบต์ NUL: ไฟล์อาจเป็น UTF-16 ที่ไม่มี BOM ให้บันทึกเป็น CSV UTF-8")
                }
                return invalidText(Array(fields.bytes[start...]), row: row, column: column)
            }
            fields.ends.append(fields.bytes.count)
            column += 1
            if column > InputLimits.columns {
                return error("the row has more than \(InputLimits.columns) columns", "แถวนี้มีเกิน \(InputLimits.columns) คอลัมน์")
            }
            if i >= end { break }
            i += 1   // the delimiter
        }
        return nil
    }

    enum Problem { case nul, invalidUTF8 }

    /// NUL bytes first, then UTF-8 validity (as `String(validating:)` judges it); ASCII needs only the first.
    static func check(_ b: UnsafeBufferPointer<UInt8>) -> Problem? {
        var high: UInt8 = 0
        for x in b {
            if x == 0 { return .nul }
            high |= x
        }
        guard high & 0x80 != 0 else { return nil }
        var it = b.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        while true {
            switch parser.parseScalar(from: &it) {
            case .valid: continue
            case .emptyInput: return nil
            case .error: return .invalidUTF8
            }
        }
    }

    /// Names the encoding that was used and, for UTF-8, the one the bytes look like.
    func invalidText(_ field: [UInt8], row: Int, column: Int) -> InputError {
        var en = "the text is not valid \(encoding.title)"
        var th = "ข้อความไม่ใช่ \(encoding.title) ที่ถูกต้อง"
        if encoding == .utf8, TextEncoding.looksLikeWindows874(field[...]) {
            en += "; it looks like Windows-874 (TIS-620), the Thai Excel \"CSV\": save the file as \"CSV UTF-8\", or give `--encoding windows-874`"
            th += " ดูเหมือนเป็น Windows-874 (TIS-620) ที่ Excel ภาษาไทยบันทึกเป็น \"CSV\": ให้บันทึกเป็น \"CSV UTF-8\" หรือใช้ `--encoding windows-874`"
        } else {
            en += " (save the file as CSV UTF-8)"
            th += " (บันทึกเป็น CSV UTF-8)"
        }
        return InputError(file: file, row: row, column: column, en: en, th: th)
    }
}
