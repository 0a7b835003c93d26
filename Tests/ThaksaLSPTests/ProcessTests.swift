import Foundation
import Testing
@testable import ThaksaLSP
import ThaksaCore

/// The built `thaksa` executable, found next to the test bundle as the CLI tests find it.
var thaksaBinary: String? {
    let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for base in [dir, dir.deletingLastPathComponent(), dir.deletingLastPathComponent().deletingLastPathComponent()] {
        let candidate = base.appendingPathComponent("thaksa").path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}

/// `thaksa lsp` as a process: framed messages in on stdin, framed answers out on stdout.
@Suite struct ProcessTests {
    func run(_ messages: [String], cwd: String) throws -> (Int32, [JSONValue], String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try #require(thaksaBinary))
        p.arguments = ["lsp"]
        p.currentDirectoryURL = URL(fileURLWithPath: cwd)
        p.environment = ["LANG": "C"]
        let input = Pipe(), out = Pipe(), err = Pipe()
        p.standardInput = input
        p.standardOutput = out
        p.standardError = err
        try p.run()
        var bytes: [UInt8] = []
        for m in messages { bytes += JSONRPC.frame(json(m)) }
        bytes += Array("Content-Length: 3\r\n\r\n{]]".utf8)   // a malformed body on the way
        try input.fileHandleForWriting.write(contentsOf: bytes)
        try input.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        var reader = MessageReader()
        let replies = reader.feed([UInt8](o)).compactMap { event -> JSONValue? in
            if case .message(let body) = event, case .success(let v) = JSONParser.parse(body) { return v }
            return nil
        }
        return (p.terminationStatus, replies, String(decoding: e, as: UTF8.self))
    }

    @Test func speaksLSPOverStdio() throws {
        let dir = try ruleFolder(["a.thaksa": frameworkRules, "b.thaksa": groupRules])
        let b = q(fileURI(dir + "/b.thaksa"))
        let (code, replies, stderr) = try run([
            #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"rootUri":\#(q(fileURI(dir))),"capabilities":{}}}"#,
            #"{"jsonrpc":"2.0","method":"initialized","params":{}}"#,
            #"{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":\#(b),"languageId":"thaksa","version":1,"text":\#(q(groupRules))}}}"#,
            #"{"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":{"textDocument":{"uri":\#(b)},"position":{"line":0,"character":1}}}"#,
            #"{"jsonrpc":"2.0","id":3,"method":"no/such","params":{}}"#,
            #"{"jsonrpc":"2.0","id":4,"method":"shutdown"}"#,
            #"{"jsonrpc":"2.0","method":"exit"}"#,
        ], cwd: dir)
        #expect(code == 0, "\(stderr)")
        #expect(replies.first { $0["id"]?.intValue == 1 }?["result"]?["capabilities"]?["hoverProvider"] == .bool(true))
        let diags = replies.first { $0["method"]?.stringValue == "textDocument/publishDiagnostics" && $0["params"]?["uri"]?.stringValue == fileURI(dir + "/b.thaksa") }
        #expect(diags?["params"]?["diagnostics"]?.arrayValue?.count == 1)
        #expect(replies.first { $0["id"]?.intValue == 2 }?["result"]?["contents"]?["value"]?.stringValue?.hasPrefix("`group`") == true)
        #expect(replies.first { $0["id"]?.intValue == 3 }?["error"]?["code"]?.intValue == -32601)
        #expect(replies.first { $0["id"]?.intValue == 4 }?["result"] == .null)
        // exit ends the server before the malformed body is read.
        #expect(!replies.contains { $0["error"]?["code"]?.intValue == -32700 })
    }

    @Test func endOfInputWithoutShutdownExitsWithOne() throws {
        let dir = try ruleFolder(["a.thaksa": frameworkRules])
        let (code, replies, _) = try run([#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#], cwd: dir)
        #expect(code == 1)
        #expect(replies.contains { $0["error"]?["code"]?.intValue == -32700 })
    }
}
