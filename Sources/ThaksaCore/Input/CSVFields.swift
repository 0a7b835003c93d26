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
        var starts = fields.starts, ends = fields.ends, count = 0
        fields.starts = []
        fields.ends = []
        defer { fields.starts = starts; fields.ends = ends; fields.count = count }
        return fields.bytes.withUnsafeMutableBufferPointer { p in
            starts.withUnsafeMutableBufferPointer { s in
                ends.withUnsafeMutableBufferPointer { e in
                    if let n = CSVSplitter.plainFields(UnsafeBufferPointer(p), delimiter: delimiter, starts: s, ends: e) {
                        count = n
                        return nil
                    }
                    // Delimiters and quotes are ASCII, so a record of valid UTF-8 without NUL splits into
                    // fields that are too; only a record that is not needs each field checked.
                    let clean = CSVSplitter.isCleanUTF8(UnsafeBufferPointer(p))
                    return split(p, count: length, clean: clean, row: row, starts: s, ends: e, fields: &count)
                }
            }
        }
    }

    /// The fields of the usual record in one pass: no quote, no NUL, valid UTF-8, fields and
    /// columns within the limits. Eight bytes at a time: a word without a delimiter, a quote, a
    /// NUL or a byte of a multi-byte character is passed over; the delimiters in a word come from
    /// its mask; a run of multi-byte characters (Thai) is checked one character at a time. Nil for
    /// any other record, which then goes through `split(_:count:clean:...)` (so its first problem
    /// is found, and named, the one way).
    static func plainFields(_ p: UnsafeBufferPointer<UInt8>, delimiter: UInt8,
                            starts: UnsafeMutableBufferPointer<Int>, ends: UnsafeMutableBufferPointer<Int>) -> Int? {
        let n = p.count
        // `split(_:count:...)` refuses a record once it has `columns` fields.
        let most = InputLimits.columns - 1
        var count = 0, fieldStart = 0, i = 0
        func field(_ stop: Int) -> Bool {
            guard stop - fieldStart <= InputLimits.fieldBytes, count < most else { return false }
            starts[count] = fieldStart
            ends[count] = stop
            count += 1
            fieldStart = stop + 1
            return true
        }
        if let base = p.baseAddress {
            while i < n {
                let left = n - i
                var x: UInt64
                if left >= 8 {
                    x = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                } else if n >= 8 {
                    x = UnsafeRawPointer(base + n - 8).loadUnaligned(as: UInt64.self) >> UInt64(64 - 8 * left)
                } else {
                    x = 0
                    for k in (i..<n).reversed() { x = x << 8 | UInt64(base[k]) }
                }
                var m = special(x, delimiter)
                if left < 8 { m &= ~0 >> UInt64(64 - 8 * left) }   // not the zeros shifted in
                var next = i + 8
                while m != 0 {
                    let at = i + m.trailingZeroBitCount >> 3
                    m &= m &- 1
                    let b = base[at]
                    if b == delimiter {
                        guard field(at) else { return nil }
                    } else if b >= 0x80 {
                        var j = at
                        repeat {
                            guard let length = sequence(base, j, n) else { return nil }
                            j += length
                        } while j < n && base[j] >= 0x80
                        next = j
                        break
                    } else {
                        return nil   // a quote or a NUL
                    }
                }
                i = next
            }
        }
        return field(n) ? count : nil
    }

    /// The high bit of each byte of `x` that is the delimiter, a quote, a NUL or not ASCII. For an
    /// ASCII byte, `(low ^ c) + 0x7F` has its high bit clear exactly when the byte is `c`, and no
    /// carry crosses into the next byte.
    @inline(__always) static func special(_ x: UInt64, _ delimiter: UInt8) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101, low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let seven = x & low
        let d = (seven ^ (UInt64(delimiter) &* ones)) &+ low
        let q = (seven ^ (UInt64(UInt8(ascii: "\"")) &* ones)) &+ low
        let z = seven &+ low
        return (x | ~(d & q & z)) & ~low
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
            if base[i] < 0x80 {
                if base[i] == 0 { return false }
                i += 1
                continue
            }
            guard let length = sequence(base, i, n) else { return false }
            i += length
        }
        return true
    }

    /// The length of the well-formed multi-byte UTF-8 sequence at `i` (the scalars
    /// `String(validating:)` accepts: no overlong forms, surrogates or values past U+10FFFF), nil
    /// when there is none. Three bytes (Thai, ✓), the usual case, first; the second byte's range
    /// depends on the first (Unicode's table of well-formed sequences).
    @inline(__always) static func sequence(_ base: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> Int? {
        let c = base[i]
        if c & 0xF0 == 0xE0 && i + 3 <= n {
            let b1 = base[i + 1]
            let ok = c == 0xE0 ? b1 >= 0xA0 : c == 0xED ? b1 < 0xA0 : true
            guard ok, b1 & 0xC0 == 0x80, base[i + 2] & 0xC0 == 0x80 else { return nil }
            return 3
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
        default: return nil
        }
        guard i + length <= n, base[i + 1] >= low, base[i + 1] <= high else { return nil }
        var k = 2
        while k < length {
            guard base[i + k] & 0xC0 == 0x80 else { return nil }
            k += 1
        }
        return length
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
