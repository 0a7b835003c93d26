import Foundation

/// Streams CSV records as Excel and Google Forms write them: UTF-8 with or without BOM, UTF-16
/// with BOM (Excel's "Unicode Text") or Windows-874 (Thai Excel's "CSV"), transcoded to UTF-8 as
/// it is read; CRLF or LF; comma, tab or semicolon as delimiter (whichever the header uses most);
/// quoted fields with delimiters, quotes ("") and newlines. Reads in fixed-size chunks, so memory
/// stays flat however long the file is; records and fields have limits (`InputLimits`).
public struct CSVReader {
    public struct Record: Sendable {
        /// 1-based record number (the header is row 1).
        public var row: Int
        public var fields: [String]
    }

    let handle: FileHandle
    let file: String
    public let encoding: TextEncoding
    /// True when the encoding came from the file (a BOM or its bytes), not from `--encoding`.
    public let detected: Bool
    public private(set) var delimiter: UInt8 = UInt8(ascii: ",")
    var transcoder: Transcoder
    var buffer: [UInt8] = []
    var start = 0
    var eof = false
    var readFailed = false
    /// Discarding the rest of a record that went over `InputLimits.recordBytes`.
    var skipping = false
    var row = 0
    static let chunk = 1 << 20
    /// Offset in the (UTF-8) file of `buffer[0]`, the BOM included.
    var consumed = 0
    /// Bytes of a UTF-8 file the last record came from, its line end included (`test --update`
    /// rewrites only the records it changes).
    public private(set) var lastRange: Range<Int> = 0..<0

    public init(path: String, display: String, encoding forced: TextEncoding? = nil) throws {
        guard let h = FileHandle(forReadingAtPath: path) else { throw CocoaError(.fileReadNoSuchFile) }
        handle = h
        file = display
        let head = CSVReader.read(h, &readFailed)
        eof = head.count < CSVReader.chunk
        let found = TextEncoding.detect(head[...], complete: eof)
        encoding = forced ?? found.encoding
        detected = forced == nil
        transcoder = Transcoder(encoding)
        let bom = found.encoding == encoding ? found.bom : 0
        consumed = bom
        buffer = transcoder.utf8(head.dropFirst(bom), final: eof)
        delimiter = CSVReader.delimiter(of: buffer[...])
    }

    static func read(_ h: FileHandle, _ failed: inout Bool) -> [UInt8] {
        do { return try h.read(upToCount: chunk).map { [UInt8]($0) } ?? [] } catch { failed = true; return [] }
    }

    /// The delimiter the header line uses most outside quotes: comma, tab or semicolon (comma on a tie).
    static func delimiter(of bytes: ArraySlice<UInt8>) -> UInt8 {
        var counts: [UInt8: Int] = [:]
        var quoted = false
        for b in bytes {
            if b == UInt8(ascii: "\"") { quoted.toggle() } else if !quoted {
                if b == 0x0A { break }
                if b == UInt8(ascii: ",") || b == 0x09 || b == UInt8(ascii: ";") { counts[b, default: 0] += 1 }
            }
        }
        var best = UInt8(ascii: ",")
        for d in [0x09, UInt8(ascii: ";")] where counts[d, default: 0] > counts[best, default: 0] { best = d }
        return best
    }

    public var delimiterName: (en: String, th: String) {
        switch delimiter {
        case 0x09: return ("tab", "แท็บ")
        case UInt8(ascii: ";"): return ("semicolon", "อัฒภาค (;)")
        default: return ("comma", "จุลภาค (,)")
        }
    }

    mutating func fill() {
        guard !eof else { return }
        let data = CSVReader.read(handle, &readFailed)
        if data.count < CSVReader.chunk { eof = true }
        if start > 0 { consumed += start; buffer.removeFirst(start); start = 0 }
        buffer.append(contentsOf: transcoder.utf8(data[...], final: eof))
    }

    /// The next record, nil at the end, or an error for a malformed record (reading goes on after it).
    public mutating func next() -> Result<Record, InputError>? {
        nextBytes().map { $0.flatMap { parseFields($0.bytes, row: $0.row) } }
    }

    /// The next record's bytes, unsplit (its line end removed), and its row: valid until the
    /// next call. Nil at the end; an error for a record over the limits or a read failure.
    public mutating func nextBytes() -> Result<(row: Int, bytes: ArraySlice<UInt8>), InputError>? {
        while true {
            if readFailed {
                readFailed = false
                eof = true
                buffer = []
                start = 0
                return .failure(InputError(file: file, row: row + 1, en: "the file could not be read to the end",
                                           th: "อ่านไฟล์ไม่ได้จนจบ"))
            }
            if skipping {
                if let nl = buffer[start...].firstIndex(of: 0x0A) { start = nl + 1; skipping = false } else {
                    start = buffer.count
                    if eof { return nil }
                    fill()
                    continue
                }
            }
            let (end, quoted) = buffer.withUnsafeBufferPointer { CSVReader.recordEnd($0, from: start, delimiter: delimiter) }
            if (end ?? buffer.count) - start > InputLimits.recordBytes {
                row += 1
                if let end { start = end + 1 } else {
                    skipping = true
                    start = buffer.firstIndex(of: 0x0A, from: start + InputLimits.recordBytes).map { skipping = false; return $0 + 1 } ?? buffer.count
                }
                return .failure(InputError(file: file, row: row,
                                           en: "the row is longer than \(InputLimits.recordBytes) bytes (is a quote `\"` left open?)",
                                           th: "แถวยาวเกิน \(InputLimits.recordBytes) ไบต์ (มีเครื่องหมาย `\"` ที่ไม่ได้ปิดหรือไม่)"))
            }
            if end == nil && !eof {
                fill()
                continue
            }
            if start >= buffer.count && eof { return nil }
            let stop = end ?? buffer.count
            let slice = buffer[start..<stop]
            lastRange = (consumed + start)..<(consumed + (end.map { $0 + 1 } ?? buffer.count))
            start = end.map { $0 + 1 } ?? buffer.count
            row += 1
            if end == nil && quoted {
                return .failure(InputError(file: file, row: row, en: "a quoted field is never closed (a `\"` is missing)",
                                           th: "ช่องข้อมูลที่เปิดด้วย `\"` ไม่ได้ปิด"))
            }
            var content = slice
            if content.last == 0x0D { content = content.dropLast() }
            if content.isEmpty && eof && start >= buffer.count { return nil }
            return .success((row, content))
        }
    }

    /// Where the record from `from` ends: the first newline outside quotes (nil: not in `p`), and
    /// whether a quoted section is open at the end of what was scanned. A quote opens a quoted
    /// section only at the start of a field; a stray one mid-field is left for the field parser to
    /// report, so it cannot swallow the rest of the file. Outside quotes, eight bytes without a
    /// newline or a quote are passed over at once.
    static func recordEnd(_ p: UnsafeBufferPointer<UInt8>, from: Int, delimiter: UInt8) -> (end: Int?, quoted: Bool) {
        guard let base = p.baseAddress else { return (nil, false) }
        let n = p.count, quote = UInt8(ascii: "\"")
        var i = from
        var quoted = false
        var fieldStart = true
        while i < n {
            if !quoted && i + 8 <= n {
                let x = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if !CSVSplitter.has(x, 0x0A) && !CSVSplitter.has(x, quote) {
                    fieldStart = base[i + 7] == delimiter
                    i += 8
                    continue
                }
            }
            let b = base[i]
            if quoted {
                if b == quote {
                    if i + 1 < n && base[i + 1] == quote { i += 1 } else { quoted = false }
                }
            } else if b == quote && fieldStart {
                quoted = true
            } else if b == 0x0A {
                return (i, false)
            }
            fieldStart = !quoted && b == delimiter
            i += 1
        }
        return (nil, quoted)
    }

    /// Splits records into fields; `Sendable`, so other threads can split what `nextBytes` read.
    public var splitter: CSVSplitter { CSVSplitter(delimiter: delimiter, encoding: encoding, file: file) }

    func parseFields(_ bytes: ArraySlice<UInt8>, row: Int) -> Result<Record, InputError> {
        var fields = CSVFields()
        if let e = splitter.split(bytes, row: row, into: &fields) { return .failure(e) }
        return .success(Record(row: row, fields: (0..<fields.count).map(fields.string)))
    }
}

extension Array where Element == UInt8 {
    func firstIndex(of b: UInt8, from: Int) -> Int? {
        guard from < count else { return nil }
        return self[from...].firstIndex(of: b)
    }
}
