#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command writes text. Tests pass buffers; the executable passes the process streams.
public protocol TextOutput: AnyObject {
    func write(_ s: String)
    /// Bytes copied as they are (an output file is not decoded as text); throws `OutputError`.
    func write(bytes: UnsafeRawBufferPointer) throws
    /// Whether this is a terminal (colour is used only then, and never with NO_COLOR).
    var isTerminal: Bool { get }
    /// The first write that failed (errno); nothing is written after it.
    var writeError: Int32? { get }
}

public final class BufferOutput: TextOutput {
    public private(set) var bytes: [UInt8] = []
    public private(set) var writeError: Int32?
    /// Fails like a full disk or a closed pipe once this many bytes were written.
    let limit: Int?
    let failure: Int32

    public init() { limit = nil; failure = 0 }

    /// A stream that takes `limit` bytes, then fails with `errno`.
    public init(failingAfter limit: Int, errno: Int32) {
        self.limit = limit
        failure = errno
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    public func write(_ s: String) { Array(s.utf8).withUnsafeBytes { try? write(bytes: $0) } }

    public func write(bytes b: UnsafeRawBufferPointer) throws {
        guard writeError == nil else { throw OutputError(writing: "stdout", writeError!) }
        if let limit, bytes.count + b.count > limit {
            bytes.append(contentsOf: b.prefix(limit - bytes.count))
            writeError = failure
            throw OutputError(writing: "stdout", failure)
        }
        bytes.append(contentsOf: b)
    }

    public var isTerminal: Bool { false }
}

public final class FileDescriptorOutput: TextOutput {
    let fd: Int32
    public private(set) var writeError: Int32?
    public init(fd: Int32) { self.fd = fd }

    public func write(_ s: String) {
        var s = s
        s.withUTF8 { try? write(bytes: UnsafeRawBufferPointer($0)) }
    }

    public func write(bytes: UnsafeRawBufferPointer) throws {
        if let writeError { throw OutputError(writing: "stdout", writeError) }
        let code = FileWriter.system.writeAll(fd, bytes)
        guard code == 0 else {
            writeError = code
            throw OutputError(writing: "stdout", code)
        }
    }

    public var isTerminal: Bool { isatty(fd) == 1 }
}
