import Foundation

/// Streams the lines of a file in fixed-size chunks (JSON Lines input); skips a UTF-8 BOM. A line
/// over `InputLimits.recordBytes` is skipped and comes back empty, with `tooLong` set.
public struct LineReader {
    let handle: FileHandle
    var buffer: [UInt8] = []
    var start = 0
    var eof = false
    var first = true
    public private(set) var line = 0
    /// The line just returned was over the limit; its bytes were dropped.
    public private(set) var tooLong = false
    var skipping = false

    public init(path: String) throws {
        guard let h = FileHandle(forReadingAtPath: path) else { throw CocoaError(.fileReadNoSuchFile) }
        handle = h
    }

    /// The next line (without its line break) and its 1-based number; nil at the end.
    public mutating func next() -> (Int, ArraySlice<UInt8>)? {
        var scanFrom = start
        tooLong = false
        while true {
            if let nl = LineReader.newline(in: buffer, from: scanFrom) {
                var slice = buffer[start..<nl]
                start = nl + 1
                if skipping || slice.count > InputLimits.recordBytes { skipping = false; tooLong = true; slice = [][...] }
                if slice.last == 0x0D { slice = slice.dropLast() }
                line += 1
                return (line, slice)
            }
            scanFrom = buffer.count
            if eof {
                guard start < buffer.count || skipping else { return nil }
                var slice = buffer[start...]
                start = buffer.count
                if skipping || slice.count > InputLimits.recordBytes { skipping = false; tooLong = true; slice = [][...] }
                line += 1
                return (line, slice)
            }
            if buffer.count - start > InputLimits.recordBytes {
                // Keep memory flat: drop what is read of an over-long line until its end.
                skipping = true
                buffer.removeAll(keepingCapacity: true)
                start = 0
                scanFrom = 0
            }
            let data = handle.readData(ofLength: 1 << 20)
            if data.isEmpty { eof = true; continue }
            if start > 0 { buffer.removeFirst(start); scanFrom -= start; start = 0 }
            buffer.append(contentsOf: data)
            if first {
                first = false
                if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { buffer.removeFirst(3); scanFrom = 0 }
            }
        }
    }
}

extension LineReader {
    static func newline(in buffer: [UInt8], from: Int) -> Int? {
        buffer.withUnsafeBufferPointer { p -> Int? in
            guard from < p.count, let base = p.baseAddress else { return nil }
            return memchr(base + from, 0x0A, p.count - from).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) }
        }
    }

    /// Every non-blank line of a JSON Lines file, parsed, to `body` with its row; a line that is not
    /// JSON becomes a located error in `errors` (where `body` adds its own, in row order). False
    /// when the file cannot be opened.
    static func eachJSON(path: String, display: String, errors: inout [InputError],
                         _ body: (Int, JSONValue, inout [InputError]) -> Void) -> Bool {
        guard var lines = try? LineReader(path: path) else { return false }
        while let (n, bytes) = lines.next() {
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            switch JSONParser.parse(Array(bytes)) {
            case .failure(let f):
                let column = String(decoding: bytes.prefix(f.offset), as: UTF8.self).count + 1
                errors.append(InputError(file: display, row: n, column: column, en: f.en, th: f.th))
            case .success(let json): body(n, json, &errors)
            }
        }
        return true
    }
}
