import Foundation
import Testing
@testable import ThaksaLSP
import ThaksaCore

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

/// Parses JSON text written in a test.
func json(_ text: String) -> JSONValue {
    switch JSONParser.parse(Array(text.utf8)) {
    case .success(let v): return v
    case .failure(let f): Issue.record("bad JSON in test at \(f.offset): \(f.en)"); return .null
    }
}

/// A string as a JSON literal.
func q(_ s: String) -> String { JSONValue.string(s).serialized() }

func fileURI(_ path: String) -> String { URIs.uri(path) }

/// A temporary rule-set folder with the given files.
func ruleFolder(_ files: [String: String]) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("thaksa-lsp-\(UUID().uuidString)").standardizedFileURL.path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    for (name, text) in files { try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8) }
    return dir
}

/// Speaks JSON-RPC to a server in-process, keeping the notifications it sends.
final class TestClient {
    let server: LanguageServer
    var nextID = 1
    var notifications: [JSONValue] = []

    init(root: String?, lang: String = "en") {
        server = LanguageServer(environment: [:])
        let rootField = root.map { q(fileURI($0)) } ?? "null"
        let r = request("initialize", #"{"processId":null,"rootUri":\#(rootField),"capabilities":{},"initializationOptions":{"lang":\#(q(lang))}}"#)
        #expect(r["result"]?["capabilities"] != nil)
        notify("initialized", "{}")
    }

    @discardableResult
    func request(_ method: String, _ params: String) -> JSONValue {
        let id = nextID
        nextID += 1
        let out = server.handle(json(#"{"jsonrpc":"2.0","id":\#(id),"method":\#(q(method)),"params":\#(params)}"#))
        notifications += out.filter { $0["id"] == nil }
        return out.first { $0["id"]?.intValue == id } ?? .null
    }

    func notify(_ method: String, _ params: String) {
        notifications += server.handle(json(#"{"jsonrpc":"2.0","method":\#(q(method)),"params":\#(params)}"#))
    }

    func open(_ path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        open(path, text: text)
    }

    func open(_ path: String, text: String) {
        notify("textDocument/didOpen", #"{"textDocument":{"uri":\#(q(fileURI(path))),"languageId":"thaksa","version":1,"text":\#(q(text))}}"#)
    }

    /// The diagnostics last published for a file.
    func diagnostics(_ path: String) -> [JSONValue]? {
        notifications.last { $0["method"]?.stringValue == "textDocument/publishDiagnostics" && $0["params"]?["uri"]?.stringValue == fileURI(path) }?["params"]?["diagnostics"]?.arrayValue
    }

    func at(_ path: String, _ line: Int, _ character: Int) -> String {
        #"{"textDocument":{"uri":\#(q(fileURI(path)))},"position":{"line":\#(line),"character":\#(character)}}"#
    }
}

/// Line and UTF-16 column of the first occurrence of `needle` in `text` (what an editor would send).
func position(of needle: String, in text: String, offset: Int = 0) -> (Int, Int)? {
    guard let r = text.range(of: needle) else { return nil }
    let before = text[..<r.lowerBound]
    let line = before.filter { $0 == "\n" }.count
    let lineStart = before.lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
    return (line, text[lineStart..<r.lowerBound].utf16.count + offset)
}
