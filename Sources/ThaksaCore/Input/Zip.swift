/// Why a ZIP archive (or one of its entries) could not be read.
enum ZipError: Error, Sendable, Equatable {
    /// No end-of-central-directory record: not a ZIP file, or cut short.
    case notAnArchive
    /// A record points outside the file or ends too early.
    case truncated(String)
    /// A record's signature or a field is wrong.
    case corrupt(String)
    /// ZIP64 records (archives or entries over 4 GiB or 65535 entries): not supported.
    case zip64
    /// Split over several disks: not supported.
    case multiDisk
    /// Encrypted entry (traditional PKWARE or AES).
    case encrypted(String)
    /// A compression method other than stored (0) or deflate (8).
    case unsupportedMethod(String, Int)
    /// An entry whose declared size is over `ZipArchive.maxEntrySize`.
    case tooLarge(String, Int)
    /// The decompressed bytes do not have the declared CRC-32 or size.
    case checksumMismatch(String)
    case inflate(String, InflateError)

    var description: String {
        switch self {
        case .notAnArchive: "no ZIP end-of-central-directory record"
        case .truncated(let what): "\(what) is cut short"
        case .corrupt(let what): what
        case .zip64: "ZIP64 archive"
        case .multiDisk: "archive split over several disks"
        case .encrypted(let name): "\(name) is encrypted"
        case .unsupportedMethod(let name, let m): "\(name) uses compression method \(m)"
        case .tooLarge(let name, let size): "\(name) is \(size) bytes, over the \(ZipArchive.maxEntrySize)-byte limit"
        case .checksumMismatch(let name): "\(name) fails its CRC-32 check"
        case .inflate(let name, let e): "\(name): \(e.description)"
        }
    }
}

/// A read-only view of a ZIP archive held in memory (PKWARE APPNOTE 6.3): the central directory is
/// read once; entries are decompressed on request.
///
/// Supported: stored (0) and deflate (8) entries, data descriptors (flag bit 3), archive comments.
/// Refused with an error: ZIP64, multi-disk archives, encryption, other methods, and any entry
/// declaring more than `maxEntrySize` uncompressed bytes (a zip bomb cannot make us allocate more:
/// inflating stops at the declared size).
struct ZipArchive {
    /// 256 MiB: far above any worksheet an HR office keeps, far below what would exhaust memory.
    static let maxEntrySize = 256 << 20

    struct Entry: Sendable, Equatable {
        var name: String
        var flags: Int
        var method: Int
        var crc32: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
        var localHeaderOffset: Int
    }

    let bytes: [UInt8]
    private(set) var entries: [Entry] = []

    init(_ bytes: [UInt8]) throws(ZipError) {
        self.bytes = bytes
        let end = try Self.findEndRecord(bytes)
        guard u16(end + 4) == 0, u16(end + 6) == 0 else { throw .multiDisk }
        let count = u16(end + 10)
        let size = Int(u32(end + 12)), offset = Int(u32(end + 16))
        if count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF { throw .zip64 }
        if end >= 20 && u32(end - 20) == 0x0706_4B50 { throw .zip64 }
        guard u16(end + 8) == count else { throw .multiDisk }
        guard offset + size <= end else { throw .truncated("central directory") }
        var p = offset
        for _ in 0..<count {
            guard p + 46 <= offset + size else { throw .truncated("central directory") }
            guard u32(p) == 0x0201_4B50 else { throw .corrupt("bad central directory entry signature") }
            let nameLength = u16(p + 28), extraLength = u16(p + 30), commentLength = u16(p + 32)
            guard p + 46 + nameLength <= offset + size else { throw .truncated("central directory") }
            let name = String(decoding: bytes[p + 46..<p + 46 + nameLength], as: UTF8.self)
            let entry = Entry(name: name, flags: u16(p + 8), method: u16(p + 10), crc32: u32(p + 16),
                              compressedSize: Int(u32(p + 20)), uncompressedSize: Int(u32(p + 24)),
                              localHeaderOffset: Int(u32(p + 42)))
            if entry.compressedSize == 0xFFFF_FFFF || entry.uncompressedSize == 0xFFFF_FFFF
                || entry.localHeaderOffset == 0xFFFF_FFFF || u16(p + 34) == 0xFFFF { throw .zip64 }
            guard u16(p + 34) == 0 else { throw .multiDisk }
            entries.append(entry)
            p += 46 + nameLength + extraLength + commentLength
        }
    }

    /// The end-of-central-directory record: the last signature, within the 65535-byte comment
    /// window, whose comment length reaches exactly to the end of the file.
    static func findEndRecord(_ bytes: [UInt8]) throws(ZipError) -> Int {
        guard bytes.count >= 22 else { throw .notAnArchive }
        var p = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        while p >= lowest {
            if bytes[p] == 0x50, bytes[p + 1] == 0x4B, bytes[p + 2] == 5, bytes[p + 3] == 6,
               p + 22 + (Int(bytes[p + 20]) | Int(bytes[p + 21]) << 8) == bytes.count {
                return p
            }
            p -= 1
        }
        throw .notAnArchive
    }

    func entry(named name: String) -> Entry? { entries.first { $0.name == name } }

    /// The entry's decompressed bytes, checked against its size and CRC-32.
    func data(_ entry: Entry) throws(ZipError) -> [UInt8] {
        let name = entry.name
        if entry.flags & 1 != 0 || entry.method == 99 { throw .encrypted(name) }
        guard entry.method == 0 || entry.method == 8 else { throw .unsupportedMethod(name, entry.method) }
        guard entry.uncompressedSize <= Self.maxEntrySize else { throw .tooLarge(name, entry.uncompressedSize) }
        let p = entry.localHeaderOffset
        guard p + 30 <= bytes.count else { throw .truncated(name) }
        guard u32(p) == 0x0403_4B50 else { throw .corrupt("\(name): bad local header signature") }
        let start = p + 30 + u16(p + 26) + u16(p + 28)
        let end = start + entry.compressedSize
        guard end <= bytes.count else { throw .truncated(name) }
        if entry.flags & 8 != 0 { try checkDataDescriptor(entry, at: end) }

        let data: [UInt8]
        if entry.method == 0 {
            guard entry.compressedSize == entry.uncompressedSize else { throw .corrupt("\(name): stored sizes differ") }
            data = Array(bytes[start..<end])
        } else {
            do { data = try Inflate.decompress(Array(bytes[start..<end]), limit: entry.uncompressedSize) }
            catch { throw .inflate(name, error) }
        }
        guard data.count == entry.uncompressedSize, CRC32.checksum(data) == entry.crc32 else {
            throw .checksumMismatch(name)
        }
        return data
    }

    /// A data descriptor (optionally signed 0x08074b50) must repeat the central directory's values.
    private func checkDataDescriptor(_ entry: Entry, at p: Int) throws(ZipError) {
        let q = p + 4 <= bytes.count && u32(p) == 0x0807_4B50 ? p + 4 : p
        guard q + 12 <= bytes.count else { throw .truncated("\(entry.name) data descriptor") }
        guard u32(q) == entry.crc32, Int(u32(q + 4)) == entry.compressedSize, Int(u32(q + 8)) == entry.uncompressedSize else {
            throw .corrupt("\(entry.name): data descriptor disagrees with the central directory")
        }
    }

    private func u16(_ p: Int) -> Int { Int(bytes[p]) | Int(bytes[p + 1]) << 8 }
    private func u32(_ p: Int) -> UInt32 {
        UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8 | UInt32(bytes[p + 2]) << 16 | UInt32(bytes[p + 3]) << 24
    }
}

/// CRC-32 (ISO-HDLC, polynomial 0xEDB88320), as ZIP stores it.
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ data: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in data { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}
