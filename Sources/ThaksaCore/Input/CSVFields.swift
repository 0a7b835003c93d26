/// One CSV record split into fields at the byte level: the record's bytes, copied once, with
/// quoted fields unquoted in place, and where each field starts and ends. Reused from record to
/// record, so splitting allocates nothing once the buffers are big enough.
public struct CSVFields: Sendable {
    public internal(set) var bytes: [UInt8] = []
    /// Field k is `bytes[starts[k] ..< ends[k]]`, for k below `count`; the arrays only grow (to
    /// as many fields as a record could have), so splitting writes into them without appending.
    var starts: [Int] = []
    var ends: [Int] = []
    public internal(set) var count = 0

    public init() {}

    public func range(_ k: Int) -> Range<Int> { starts[k]..<ends[k] }

    public func string(_ k: Int) -> String { String(decoding: bytes[range(k)], as: UTF8.self) }
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
        fields.bytes.removeAll(keepingCapacity: true)
        fields.bytes.append(contentsOf: record)
        fields.count = 0
        let length = fields.bytes.count
        // A record of n bytes has at most n + 1 fields (and splitting stops past the column limit).
        let most = min(length + 1, InputLimits.columns + 1)
        if fields.starts.count < most {
            fields.starts = [Int](repeating: 0, count: most)
            fields.ends = [Int](repeating: 0, count: most)
        }
        // Delimiters and quotes are ASCII, so a record of valid UTF-8 without NUL splits into
        // fields that are too; only a record that is not needs each field checked.
        let clean = fields.bytes.withUnsafeBufferPointer { CSVSplitter.isCleanUTF8($0) }
        var starts = fields.starts, ends = fields.ends, count = 0
        fields.starts = []
        fields.ends = []
        defer { fields.starts = starts; fields.ends = ends; fields.count = count }
        return fields.bytes.withUnsafeMutableBufferPointer { p in
            starts.withUnsafeMutableBufferPointer { s in
                ends.withUnsafeMutableBufferPointer { e in
                    split(p, count: length, clean: clean, row: row, starts: s, ends: e, fields: &count)
                }
            }
        }
    }

    /// Splits the record in `p` in place: a quoted field's bytes move left over its quotes.
    func split(_ p: UnsafeMutableBufferPointer<UInt8>, count end: Int, clean: Bool, row: Int,
               starts: UnsafeMutableBufferPointer<Int>, ends: UnsafeMutableBufferPointer<Int>, fields: inout Int) -> InputError? {
        let quote = UInt8(ascii: "\""), comma = delimiter
        var i = 0
        var column = 1
        func error(_ en: String, _ th: String) -> InputError { InputError(file: file, row: row, column: column, en: en, th: th) }
        while true {
            let start: Int, stop: Int
            if i < end && p[i] == quote {
                // Unquoted bytes are written from `w` on, over the opening quote.
                start = i
                var w = i
                i += 1
                while true {
                    guard i < end else { return error("a quoted field is never closed", "ช่องข้อมูลที่เปิดด้วย `\"` ไม่ได้ปิด") }
                    var j = i
                    while j < end && p[j] != quote { j += 1 }
                    if j > i, let base = p.baseAddress { (base + w).update(from: base + i, count: j - i) }
                    w += j - i
                    i = j
                    guard i < end else { continue }
                    if i + 1 < end && p[i + 1] == quote { p[w] = quote; w += 1; i += 2; continue }
                    i += 1
                    break
                }
                stop = w
                if i < end && p[i] != comma {
                    return error("unexpected text after a closing quote", "มีข้อความต่อจากเครื่องหมาย `\"` ปิด")
                }
            } else {
                var j = i
                // Eight bytes without a delimiter or a quote at once (names and titles are long).
                while j + 8 <= end, let base = p.baseAddress {
                    let x = UnsafeRawPointer(base + j).loadUnaligned(as: UInt64.self)
                    if CSVSplitter.has(x, comma) || CSVSplitter.has(x, quote) { break }
                    j += 8
                }
                while j < end && p[j] != comma {
                    if p[j] == quote {
                        return error("a quote inside an unquoted field (quote the whole field and double the quote)",
                                     "มีเครื่องหมาย `\"` กลางช่องข้อมูลที่ไม่ได้อยู่ในเครื่องหมายคำพูด")
                    }
                    j += 1
                }
                start = i
                stop = j
                i = j
            }
            if stop - start > InputLimits.fieldBytes {
                return error("the field is longer than \(InputLimits.fieldBytes) bytes", "ช่องข้อมูลยาวเกิน \(InputLimits.fieldBytes) ไบต์")
            }
            if !clean, let problem = CSVSplitter.check(UnsafeBufferPointer(rebasing: p[start..<stop])) {
                if problem == .nul {
                    return error("the text contains NUL bytes: is the file UTF-16 without a byte-order mark? Save it as CSV UTF-8",
                                 "ข้อความมีไบต์ NUL: ไฟล์อาจเป็น UTF-16 ที่ไม่มี BOM ให้บันทึกเป็น CSV UTF-8")
                }
                return invalidText(Array(p[start..<stop]), row: row, column: column)
            }
            starts[fields] = start
            ends[fields] = stop
            fields += 1
            column += 1
            if column > InputLimits.columns {
                return error("the row has more than \(InputLimits.columns) columns", "แถวนี้มีเกิน \(InputLimits.columns) คอลัมน์")
            }
            if i >= end { break }
            i += 1   // the delimiter
        }
        return nil
    }

    /// Whether any of the eight bytes in `x` is `b`.
    @inline(__always) static func has(_ x: UInt64, _ b: UInt8) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let v = x ^ (UInt64(b) &* ones)
        return (v &- ones) & ~v & 0x8080_8080_8080_8080 != 0
    }

    /// No NUL byte and valid UTF-8 (the scalars `String(validating:)` accepts: no overlong forms,
    /// surrogates or values past U+10FFFF). ASCII goes 8 bytes at a time.
    static func isCleanUTF8(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = b.baseAddress else { return true }
        let n = b.count
        var i = 0
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        while i < n {
            if i + 8 <= n {
                let x = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                // All ASCII and no zero byte: skip the eight.
                if x & highs == 0 && (x &- ones) & ~x & highs == 0 { i += 8; continue }
            }
            let c = base[i]
            if c < 0x80 {
                if c == 0 { return false }
                i += 1
                continue
            }
            // Three bytes (Thai, ✓), the usual case, first; the second byte's range depends on the
            // first (Unicode's table of well-formed sequences).
            if c & 0xF0 == 0xE0 && i + 3 <= n {
                let b1 = base[i + 1]
                let ok = c == 0xE0 ? b1 >= 0xA0 : c == 0xED ? b1 < 0xA0 : true
                guard ok, b1 & 0xC0 == 0x80, base[i + 2] & 0xC0 == 0x80 else { return false }
                i += 3
                continue
            }
            let length: Int, low: UInt8, high: UInt8
            switch c {
            case 0xC2...0xDF: length = 2; low = 0x80; high = 0xBF
            case 0xE0: length = 3; low = 0xA0; high = 0xBF
            case 0xE1...0xEC, 0xEE, 0xEF: length = 3; low = 0x80; high = 0xBF
            case 0xED: length = 3; low = 0x80; high = 0x9F
            case 0xF0: length = 4; low = 0x90; high = 0xBF
            case 0xF1...0xF3: length = 4; low = 0x80; high = 0xBF
            case 0xF4: length = 4; low = 0x80; high = 0x8F
            default: return false
            }
            guard i + length <= n, base[i + 1] >= low, base[i + 1] <= high else { return false }
            var k = 2
            while k < length {
                guard base[i + k] & 0xC0 == 0x80 else { return false }
                k += 1
            }
            i += length
        }
        return true
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
