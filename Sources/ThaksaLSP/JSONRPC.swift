import ThaksaCore

/// JSON-RPC 2.0 messages with the Language Server Protocol's base framing:
/// `Content-Length: N\r\n` (other headers ignored) `\r\n` then N bytes of UTF-8 JSON.
public enum JSONRPC {
    /// Error codes of JSON-RPC and the LSP.
    public enum ErrorCode: Int, Sendable {
        case parseError = -32700
        case invalidRequest = -32600
        case methodNotFound = -32601
        case invalidParams = -32602
        case internalError = -32603
        case serverNotInitialized = -32002
        case requestFailed = -32803
    }

    /// The largest message body accepted; a bigger one is skipped, not buffered.
    public static let maxBody = 64 << 20

    public static func frame(_ message: JSONValue) -> [UInt8] {
        let body = Array(message.serialized().utf8)
        return Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
    }

    public static func response(id: JSONValue, result: JSONValue) -> JSONValue {
        .object([("jsonrpc", .string("2.0")), ("id", id), ("result", result)])
    }

    public static func error(id: JSONValue, _ code: ErrorCode, _ message: String) -> JSONValue {
        .object([("jsonrpc", .string("2.0")), ("id", id),
                 ("error", .object([("code", .int(code.rawValue)), ("message", .string(message))]))])
    }

    public static func notification(_ method: String, _ params: JSONValue) -> JSONValue {
        .object([("jsonrpc", .string("2.0")), ("method", .string(method)), ("params", params)])
    }
}

/// Splits a byte stream into message bodies. Fed in pieces of any size; a header block without a
/// usable Content-Length becomes a framing error and reading resumes after it.
public struct MessageReader: Sendable {
    public enum Event: Sendable, Equatable {
        case message([UInt8])
        case badHeader(String)
        case tooLarge(Int)
    }

    var buffer: [UInt8] = []
    var start = 0
    /// Bytes of an oversized body still to drop.
    var skipping = 0

    public init() {}

    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [Event] {
        buffer.append(contentsOf: bytes)
        var events: [Event] = []
        while true {
            if skipping > 0 {
                let n = min(skipping, buffer.count - start)
                start += n
                skipping -= n
                if skipping > 0 { break }
            }
            guard let headerEnd = find([13, 10, 13, 10], from: start) else {
                // Nothing but a partial header can be pending; guard against a stream of junk.
                if buffer.count - start > 8192 { events.append(.badHeader("header too long")); start = buffer.count }
                break
            }
            let header = String(decoding: buffer[start..<headerEnd], as: UTF8.self)
            var length: Int?
            for line in header.split(separator: "\r\n") {
                let parts = line.split(separator: ":", maxSplits: 1)
                if parts.count == 2, parts[0].lowercased() == "content-length" {
                    length = Int(parts[1].trimmingSpaces)
                }
            }
            let bodyStart = headerEnd + 4
            guard let length, length >= 0 else {
                events.append(.badHeader(header))
                start = bodyStart
                continue
            }
            if length > JSONRPC.maxBody {
                events.append(.tooLarge(length))
                start = bodyStart
                skipping = length
                continue
            }
            guard buffer.count - bodyStart >= length else { break }
            events.append(.message(Array(buffer[bodyStart..<(bodyStart + length)])))
            start = bodyStart + length
        }
        if start > 0 && (start == buffer.count || start > 65536) {
            buffer.removeFirst(start)
            start = 0
        }
        return events
    }

    func find(_ needle: [UInt8], from: Int) -> Int? {
        var i = from
        while i + needle.count <= buffer.count {
            if buffer[i] == needle[0] && Array(buffer[i..<(i + needle.count)]) == needle { return i }
            i += 1
        }
        return nil
    }
}

extension Substring {
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}

/// Reading fields of a JSON value without force-unwrapping.
extension JSONValue {
    public subscript(_ key: String) -> JSONValue? {
        guard case .object(let fields) = self else { return nil }
        return fields.first { $0.0 == key }?.1
    }

    public var stringValue: String? { if case .string(let s) = self { return s }; return nil }

    public var intValue: Int? {
        guard case .number(let n) = self else { return nil }
        if let i = Int(n) { return i }
        guard let d = Double(n), d.rounded() == d, abs(d) < 1e15 else { return nil }
        return Int(d)
    }

    public var boolValue: Bool? { if case .bool(let b) = self { return b }; return nil }

    public var arrayValue: [JSONValue]? { if case .array(let a) = self { return a }; return nil }
}
