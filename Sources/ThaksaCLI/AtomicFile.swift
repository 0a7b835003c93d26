import Foundation
import ThaksaCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Output written whole or not at all, for every command that writes a file or stdout.
///
/// A regular file (the target of a symbolic link is what gets replaced) is written to a temporary
/// file beside it, synced, given the old file's permissions (a new file's follow the umask) and
/// renamed over it; the folder is synced after. Stdout, FIFOs and devices cannot be replaced: the
/// bytes are kept in a nameless temporary file and copied there, as bytes, on `commit`. A failed
/// write is remembered and reported by `commit` as an `OutputError`; the temporary file is removed.
/// A file is written either in order (`write`) or by offset (`write(_:at:)`, which any number of
/// threads may call at once for disjoint ranges), not both.
final class AtomicFile: @unchecked Sendable {
    enum Destination {
        case replace(target: String, temp: String)
        case copy(device: String?)   // nil: the `stdout` passed to `commit`
    }

    let destination: Destination
    /// How the destination is named in messages.
    let shown: String
    private var fd: Int32
    private let writer: FileWriter
    private var buffer: [UInt8] = []
    private var failure: OutputError?
    private var keepMode: mode_t?
    /// Bytes written to the file, and how many of them were handed to the disk early.
    private var written = 0, handedOver = 0
    /// Positional writes: `lock` guards `failure`, `written`, `handedOver` and the ranges written
    /// beyond the first gap (start: end), which join `written` once the gap is filled.
    private let lock = NSLock()
    private var ahead: [Int: Int] = [:]

    static let tempMarker = ".thaksa-"

    init(target: String?, shown: String? = nil, writer: FileWriter = .system, temporaryDirectory: String = "/tmp") throws {
        self.writer = writer
        guard let target else {
            self.shown = "stdout"
            destination = .copy(device: nil)
            fd = try AtomicFile.nameless(temporaryDirectory, shown: "stdout")
            return
        }
        let real = AtomicFile.resolve(target)
        let name = shown ?? target
        self.shown = name
        var st = stat()
        if lstat(real, &st) == 0 {
            switch st.st_mode & S_IFMT {
            case S_IFDIR:
                throw OutputError(en: "cannot write `\(name)`: it is a folder; give a file name",
                                  th: "เขียน `\(name)` ไม่ได้: เป็นโฟลเดอร์ ให้ระบุชื่อไฟล์")
            case S_IFREG: keepMode = st.st_mode & 0o7777
            default:
                // A FIFO, a device or a socket: written in place, after the run succeeded.
                destination = .copy(device: real)
                fd = try AtomicFile.nameless(temporaryDirectory, shown: name)
                return
            }
        }
        let dir = (real as NSString).deletingLastPathComponent
        let base = (real as NSString).lastPathComponent
        let folder = dir.isEmpty ? "." : dir
        AtomicFile.removeStale(in: folder, base: base)
        let temp = folder + "/." + base + AtomicFile.tempMarker + "\(getpid())-\(UUID().uuidString.prefix(8)).tmp"
        // Private until the permissions are settled; a new file's permissions come from the umask.
        let created = open(temp, O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, keepMode == nil ? 0o666 : 0o600)
        guard created >= 0 else { throw OutputError(writing: name, errno) }
        fd = created
        destination = .replace(target: real, temp: temp)
        if let keepMode, fchmod(fd, keepMode) != 0 {
            let code = errno
            discard()
            throw OutputError(writing: name, code)
        }
    }

    deinit { if fd >= 0 { discard() } }

    func write(_ s: String) {
        var s = s
        s.withUTF8 { write(UnsafeRawBufferPointer($0)) }
    }

    func write(_ bytes: [UInt8]) { bytes.withUnsafeBytes { write($0) } }

    func write(_ bytes: UnsafeRawBufferPointer) {
        guard failure == nil else { return }
        if bytes.count >= 1 << 16 {
            // A whole batch of results: written as it is (after what is buffered), not copied first.
            flush()
            guard failure == nil else { return }
            let code = writer.writeAll(fd, bytes)
            if code != 0 { failure = OutputError(writing: shown, code) }
            wrote(bytes.count)
            return
        }
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Writes `bytes` at `offset` (pwrite), from any thread; the ranges written must not overlap.
    func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) {
        guard lock.withLock({ failure == nil }) else { return }
        let code = writer.writeAll(fd, bytes, at: offset)
        let start: (Int, Int)? = lock.withLock {
            if code != 0 {
                if failure == nil { failure = OutputError(writing: shown, code) }
                return nil
            }
            ahead[offset] = offset + bytes.count
            while let end = ahead.removeValue(forKey: written) { written = end }
            return writeback()
        }
        if let start, let f = AtomicFile.startWriteback { _ = f(fd, Int64(start.0), Int64(start.1), 2 /* SYNC_FILE_RANGE_WRITE */) }
    }

    private func flush() {
        guard failure == nil, !buffer.isEmpty else { return }
        let code = buffer.withUnsafeBytes { writer.writeAll(fd, $0) }
        wrote(buffer.count)
        buffer.removeAll(keepingCapacity: true)
        if code != 0 { failure = OutputError(writing: shown, code) }
    }

    /// After every 16 MiB written to a file that will replace its target, the disk is asked to
    /// start writing them (without waiting), so the `fsync` of `commit` has only the tail left to
    /// wait for rather than the whole output: large runs overlap their disk writes with scoring.
    private func wrote(_ n: Int) {
        written += n
        guard let range = writeback(), let start = AtomicFile.startWriteback else { return }
        _ = start(fd, Int64(range.0), Int64(range.1), 2 /* SYNC_FILE_RANGE_WRITE */)
    }

    /// The range (offset, length) to hand to the disk now, if 16 MiB more were written in a row.
    private func writeback() -> (Int, Int)? {
        guard case .replace = destination, written - handedOver >= 1 << 24 else { return nil }
        defer { handedOver = written }
        return (handedOver, written - handedOver)
    }

    /// `sync_file_range(2)` where the C library has it (Linux); not declared by Swift's Glibc.
    nonisolated(unsafe) static let startWriteback: (@convention(c) (Int32, Int64, Int64, UInt32) -> Int32)? = {
        #if os(Linux)
        guard let f = dlsym(nil, "sync_file_range") else { return nil }
        return unsafeBitCast(f, to: (@convention(c) (Int32, Int64, Int64, UInt32) -> Int32).self)
        #else
        return nil
        #endif
    }()

    func commit(stdout: TextOutput) throws {
        flush()
        if let failure { discard(); throw failure }
        switch destination {
        case .replace(let target, let temp):
            // Synced before the rename, so a crash leaves the old file or the whole new one.
            if fsync(fd) != 0 { let code = errno; discard(); throw OutputError(writing: shown, code) }
            let closed = close(fd)
            let code = errno
            fd = -1
            guard closed == 0 else { unlink(temp); throw OutputError(writing: shown, code) }
            guard rename(temp, target) == 0 else { let code = errno; unlink(temp); throw OutputError(writing: shown, code) }
            AtomicFile.syncFolder(of: target)
        case .copy(let device):
            defer { discard() }
            var out: Int32 = -1
            if let device {
                out = open(device, O_WRONLY | O_CLOEXEC)
                guard out >= 0 else { throw OutputError(writing: shown, errno) }
            }
            defer { if out >= 0 { close(out) } }
            guard lseek(fd, 0, SEEK_SET) == 0 else { throw OutputError(writing: shown, errno) }
            var chunk = [UInt8](repeating: 0, count: 1 << 20)
            while true {
                let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n < 0 && errno == EINTR { continue }
                guard n >= 0 else { throw OutputError(writing: shown, errno) }
                if n == 0 { break }
                try chunk.withUnsafeBytes { all in
                    let part = UnsafeRawBufferPointer(rebasing: all[0..<n])
                    if out >= 0 {
                        let code = writer.writeAll(out, part)
                        if code != 0 { throw OutputError(writing: shown, code) }
                    } else {
                        try stdout.write(bytes: part)
                    }
                }
            }
        }
    }

    /// Closes and removes the temporary file; the destination is left as it was.
    func discard() {
        if fd >= 0 { close(fd); fd = -1 }
        if case .replace(_, let temp) = destination { unlink(temp) }
    }

    // MARK: helpers

    /// A temporary file without a name: removed at once, so a killed run leaves nothing behind.
    static func nameless(_ dir: String, shown: String) throws -> Int32 {
        let path = dir + "/.thaksa-\(getpid())-\(UUID().uuidString.prefix(8)).tmp"
        let fd = open(path, O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let code = errno
            throw OutputError(en: "cannot write `\(shown)`: cannot create a temporary file in `\(dir)`: \(OutputError.reason(code).en)",
                              th: "เขียน `\(shown)` ไม่ได้: สร้างไฟล์ชั่วคราวใน `\(dir)` ไม่ได้: \(OutputError.reason(code).th)")
        }
        unlink(path)
        return fd
    }

    /// The file a path finally names, following symbolic links (relative ones from their folder).
    static func resolve(_ path: String) -> String {
        var current = path
        for _ in 0..<40 {
            var st = stat()
            guard lstat(current, &st) == 0, st.st_mode & S_IFMT == S_IFLNK else { return current }
            var buf = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(current, &buf, buf.count - 1)
            guard n > 0 else { return current }
            let link = String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = link.hasPrefix("/") ? link : (current as NSString).deletingLastPathComponent + "/" + link
        }
        return current
    }

    /// Temporary files of this target left by runs that were killed: their process is gone.
    static func removeStale(in dir: String, base: String) {
        let prefix = "." + base + tempMarker
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] where entry.hasPrefix(prefix) && entry.hasSuffix(".tmp") {
            let rest = entry.dropFirst(prefix.count)
            guard let dash = rest.firstIndex(of: "-"), let pid = Int32(rest[..<dash]), pid > 0, pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(dir + "/" + entry) }
        }
    }

    /// After a rename the folder entry is what must reach the disk; some file systems cannot sync a
    /// folder, which is not an error.
    static func syncFolder(of path: String) {
        let dir = (path as NSString).deletingLastPathComponent
        let d = open(dir.isEmpty ? "." : dir, O_RDONLY | O_CLOEXEC)
        guard d >= 0 else { return }
        _ = fsync(d)
        close(d)
    }
}

/// The `write(2)` (or, given an offset, `pwrite(2)`) of output files; tests put in one that fails
/// like a full disk. Called from several threads at once by positional writes.
struct FileWriter: @unchecked Sendable {
    /// Bytes written, or minus the errno.
    let write: (Int32, UnsafeRawBufferPointer, _ offset: Int?) -> Int

    static let system = FileWriter { fd, bytes, offset in FileWriter.raw(fd, bytes, offset) }

    static func raw(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, _ offset: Int?) -> Int {
        let n = offset.map { Glibc.pwrite(fd, bytes.baseAddress, bytes.count, off_t($0)) } ?? Glibc.write(fd, bytes.baseAddress, bytes.count)
        return n >= 0 ? n : -Int(errno)
    }

    /// Writes all bytes (at `offset`, if given), retrying short writes; 0, or the errno of the failure.
    func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int? = nil) -> Int32 {
        var off = 0
        while off < bytes.count {
            let n = write(fd, UnsafeRawBufferPointer(rebasing: bytes[off...]), offset.map { $0 + off })
            if n == -Int(EINTR) { continue }
            if n < 0 { return Int32(-n) }
            if n == 0 { return EIO }
            off += n
        }
        return 0
    }

    /// Fails with `code` once `limit` bytes have gone through it: a disk that fills up.
    static func failing(after limit: Int, errno code: Int32 = ENOSPC) -> FileWriter {
        final class Count: @unchecked Sendable {
            let lock = NSLock()
            var bytes = 0
        }
        let count = Count()
        return FileWriter { fd, bytes, offset in
            // The room is taken before writing, so writes from several threads never exceed it.
            let room = count.lock.withLock {
                let room = min(limit - count.bytes, bytes.count)
                if room > 0 { count.bytes += room }
                return room
            }
            guard room > 0 else { return -Int(code) }
            let n = raw(fd, UnsafeRawBufferPointer(rebasing: bytes[..<room]), offset)
            if n < room { count.lock.withLock { count.bytes -= room - max(n, 0) } }
            return n
        }
    }
}

/// A write that failed, said in Thai and English; commands exit with 3 on it.
public struct OutputError: Error, Sendable {
    public let en: String
    public let th: String

    public func message(_ lang: Language) -> String { lang == .th ? th : en }

    init(en: String, th: String) {
        self.en = en
        self.th = th
    }

    init(writing shown: String, _ code: Int32) {
        let r = OutputError.reason(code)
        let name = shown == "stdout" ? ("standard output", "เอาต์พุตมาตรฐาน (stdout)") : ("`\(shown)`", "`\(shown)`")
        self.init(en: "cannot write \(name.0): \(r.en)", th: "เขียน \(name.1) ไม่ได้: \(r.th)")
    }

    static func reason(_ code: Int32) -> (en: String, th: String) {
        switch code {
        case ENOSPC, EDQUOT: return ("no space left on the device", "พื้นที่บนดิสก์เต็ม")
        case EACCES, EPERM: return ("permission denied", "ไม่มีสิทธิ์เขียน")
        case EROFS: return ("the file system is read-only", "ระบบไฟล์เป็นแบบอ่านอย่างเดียว")
        case EPIPE: return ("the reading end was closed", "ปลายทางที่รับข้อมูลปิดไปแล้ว")
        case ENOENT, ENOTDIR: return ("no such folder", "ไม่มีโฟลเดอร์นี้")
        case EIO: return ("input/output error", "อุปกรณ์อ่านเขียนผิดพลาด")
        default:
            let s = String(cString: strerror(code))
            return (s, "ระบบแจ้งว่า \(s)")
        }
    }
}
