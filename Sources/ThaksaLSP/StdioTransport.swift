import Foundation
#if canImport(Glibc)
import Glibc
#endif
import ThaksaCore

/// Runs a language server over two file descriptors (stdin and stdout for `thaksa lsp`) until
/// `exit` or the end of the input. Returns the process exit code: 0 after shutdown and exit,
/// 1 otherwise (the protocol's rule).
public enum StdioTransport {
    public static func serve(_ server: LanguageServer, input: Int32, output: Int32) -> Int32 {
        var reader = MessageReader()
        var chunk = [UInt8](repeating: 0, count: 65536)
        while server.exitCode == nil {
            let n = chunk.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            for event in reader.feed(chunk[0..<n]) {
                var replies: [JSONValue]
                switch event {
                case .message(let body): replies = server.handle(body: body)
                case .badHeader: replies = [JSONRPC.error(id: .null, .parseError, "a message header without Content-Length")]
                case .tooLarge(let size): replies = [JSONRPC.error(id: .null, .invalidRequest, "message of \(size) bytes is too large")]
                }
                for r in replies {
                    guard write(JSONRPC.frame(r), to: output) else { return 1 }
                }
                if server.exitCode != nil { break }
            }
        }
        return server.exitCode ?? 1
    }

    /// Writes all bytes; false when the other side is gone.
    static func write(_ bytes: [UInt8], to fd: Int32) -> Bool {
        var off = 0
        while off < bytes.count {
            let n = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return Glibc.write(fd, base + off, raw.count - off)
            }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return false }
            off += n
        }
        return true
    }
}
