#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command writes text. Tests pass buffers; the executable passes the process streams.
public protocol TextOutput: AnyObject {
    func write(_ s: String)
    /// Whether this is a terminal (colour is used only then, and never with NO_COLOR).
    var isTerminal: Bool { get }
}

public final class BufferOutput: TextOutput {
    public private(set) var text = ""
    public init() {}
    public func write(_ s: String) { text += s }
    public var isTerminal: Bool { false }
}

public final class FileDescriptorOutput: TextOutput {
    let fd: Int32
    public init(fd: Int32) { self.fd = fd }
    public func write(_ s: String) {
        var bytes = Array(s.utf8)
        var off = 0
        while off < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress! + off, $0.count - off) }
            if n <= 0 { return }
            off += n
        }
    }
    public var isTerminal: Bool { isatty(fd) == 1 }
}
