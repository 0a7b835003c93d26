import Foundation

/// Streams CSV records as Excel and Google Forms write them: UTF-8 with or without BOM, CRLF or
/// LF, quoted fields with commas, quotes ("") and newlines. Reads in fixed-size chunks, so memory
/// stays flat however long the file is.
public struct CSVReader {
    public struct Record: Sendable {
        /// 1-based record number (the header is row 1).
        public var row: Int
        public var fields: [String]
    }

    let handle: FileHandle
    let file: String
    var buffer: [UInt8] = []
    var start = 0
    var eof = false
    var row = 0
    var firstChunk = true
    static let chunk = 1 << 20
    /// File offset of `buffer[0]`.
    var consumed = 0
    /// Bytes of the file the last record came from, its line end included (`test --update` rewrites
    /// only the records it changes).
    public private(set) var lastRange: Range<Int> = 0..<0

    public init(path: String, display: String) throws {
        guard let h = FileHandle(forReadingAtPath: path) else { throw CocoaError(.fileReadNoSuchFile) }
        handle = h
        file = display
    }

    mutating func fill() {
        guard !eof else { return }
        let data = handle.readData(ofLength: CSVReader.chunk)
        if data.isEmpty { eof = true; return }
        if start > 0 { consumed += start; buffer.removeFirst(start); start = 0 }
        buffer.append(contentsOf: data)
        if firstChunk {
            firstChunk = false
            if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { buffer.removeFirst(3); consumed = 3 }
        }
    }

    /// The next record, nil at the end, or an error for a malformed record (reading goes on after it).
    public mutating func next() -> Result<Record, InputError>? {
        while true {
            // Find the end of the record: a newline outside quotes.
            // A quote opens a quoted section only at the start of a field; a stray one mid-field is
            // left for the field parser to report, so it cannot swallow the rest of the file.
            var i = start
            var quoted = false
            var fieldStart = true
            var end: Int?
            while i < buffer.count {
                let b = buffer[i]
                if quoted {
                    if b == UInt8(ascii: "\"") {
                        if i + 1 < buffer.count && buffer[i + 1] == UInt8(ascii: "\"") { i += 1 } else { quoted = false }
                    }
                } else if b == UInt8(ascii: "\"") && fieldStart {
                    quoted = true
                } else if b == 0x0A {
                    end = i
                    break
                }
                fieldStart = !quoted && b == UInt8(ascii: ",")
                i += 1
            }
            if end == nil && !eof {
                let scanned = buffer.count - start
                fill()
                if buffer.count - start > scanned || !eof { continue }
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
            return parseFields(content)
        }
    }

    func parseFields(_ bytes: ArraySlice<UInt8>) -> Result<Record, InputError> {
        var fields: [String] = []
        var field: [UInt8] = []
        var i = bytes.startIndex
        var column = 1
        func error(_ en: String, _ th: String) -> Result<Record, InputError> {
            .failure(InputError(file: file, row: row, column: column, en: en, th: th))
        }
        func finish() -> Bool {
            guard let s = String(validating: field, as: UTF8.self) else { return false }
            fields.append(s)
            field.removeAll(keepingCapacity: true)
            column += 1
            return true
        }
        while true {
            if i < bytes.endIndex && bytes[i] == UInt8(ascii: "\"") {
                i += 1
                while true {
                    guard i < bytes.endIndex else { return error("a quoted field is never closed", "ช่องข้อมูลที่เปิดด้วย `\"` ไม่ได้ปิด") }
                    let b = bytes[i]
                    if b == UInt8(ascii: "\"") {
                        if i + 1 < bytes.endIndex && bytes[i + 1] == UInt8(ascii: "\"") { field.append(b); i += 2; continue }
                        i += 1
                        break
                    }
                    field.append(b)
                    i += 1
                }
                if i < bytes.endIndex && bytes[i] != UInt8(ascii: ",") {
                    return error("unexpected text after a closing quote", "มีข้อความต่อจากเครื่องหมาย `\"` ปิด")
                }
            } else {
                while i < bytes.endIndex && bytes[i] != UInt8(ascii: ",") {
                    if bytes[i] == UInt8(ascii: "\"") {
                        return error("a quote inside an unquoted field (quote the whole field and double the quote)",
                                     "มีเครื่องหมาย `\"` กลางช่องข้อมูลที่ไม่ได้อยู่ในเครื่องหมายคำพูด")
                    }
                    field.append(bytes[i])
                    i += 1
                }
            }
            guard finish() else { return error("the text is not valid UTF-8 (save the file as CSV UTF-8)", "ข้อความไม่ใช่ UTF-8 (บันทึกเป็น CSV UTF-8)") }
            if i >= bytes.endIndex { break }
            i += 1   // the comma
        }
        return .success(Record(row: row, fields: fields))
    }
}
