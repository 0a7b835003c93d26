import Foundation
import Testing
@testable import ThaksaLSP
import ThaksaCore

@Suite struct FramingTests {
    @Test func splitsMessagesFedByteByByte() {
        let a = JSONRPC.frame(json(#"{"jsonrpc":"2.0","method":"x","params":{"t":"น้ำ"}}"#))
        let b = Array("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-length: 2\r\n\r\n{}".utf8)
        var reader = MessageReader()
        var events: [MessageReader.Event] = []
        for byte in a + b { events += reader.feed([byte]) }
        #expect(events.count == 2)
        #expect(events.first == .message(Array(a.drop { $0 != UInt8(ascii: "{") })))
        #expect(events.last == .message(Array("{}".utf8)))
    }

    @Test func badHeadersAreReportedAndReadingGoesOn() {
        var reader = MessageReader()
        let events = reader.feed(Array("Content-Length: nope\r\n\r\nContent-Length: 2\r\n\r\n[]".utf8))
        #expect(events == [.badHeader("Content-Length: nope"), .message(Array("[]".utf8))])
        let huge = reader.feed(Array("Content-Length: 999999999999\r\n\r\n".utf8))
        #expect(huge == [.tooLarge(999_999_999_999)])
    }
}

@Suite struct PositionTests {
    /// Thai vowels above and below, tone marks and SARA AM are one UTF-16 unit and three bytes each;
    /// an emoji is two units and four bytes.
    @Test func mapsUTF16PositionsExactlyOnThaiLines() {
        let line1 = "item X ability \"ผู้นำ น้ำใจ กำลัง ที่ดี่\" # 😀 ทำ"
        let text = "kind ability \"ก\"\n" + line1 + "\n"
        let file = SourceFile(id: 0, path: "t", text: text)
        for needle in ["ผู้นำ", "น้ำใจ", "กำลัง", "ที่ดี่", "😀", "ทำ"] {
            guard let r = line1.range(of: needle) else { Issue.record("missing \(needle)"); continue }
            let character = line1[..<r.lowerBound].utf16.count
            let byte = "kind ability \"ก\"\n".utf8.count + line1[..<r.lowerBound].utf8.count
            #expect(file.position(of: byte) == Position(line: 1, character: character), "\(needle)")
            #expect(file.offset(of: Position(line: 1, character: character)) == byte, "\(needle)")
        }
        // Inside the emoji's surrogate pair: its start. Past the line's end: the line's end.
        let emoji = line1[..<(line1.range(of: "😀")?.lowerBound ?? line1.endIndex)]
        #expect(file.offset(of: Position(line: 1, character: emoji.utf16.count + 1)) == "kind ability \"ก\"\n".utf8.count + emoji.utf8.count)
        #expect(file.offset(of: Position(line: 1, character: 999)) == "kind ability \"ก\"\n".utf8.count + line1.utf8.count)
        #expect(file.offset(of: Position(line: 9, character: 0)) == text.utf8.count)
    }
}

@Suite struct RobustnessTests {
    @Test func protocolErrorsAreAnsweredWithTheirCodes() throws {
        let dir = try ruleFolder(["a.thaksa": frameworkRules])
        let fresh = LanguageServer()
        let early = fresh.handle(json(#"{"jsonrpc":"2.0","id":1,"method":"textDocument/hover","params":{}}"#))
        #expect(early.first?["error"]?["code"]?.intValue == -32002)

        let c = TestClient(root: dir)
        #expect(c.server.handle(body: Array("{not json".utf8)).first?["error"]?["code"]?.intValue == -32700)
        #expect(c.server.handle(json("[1,2]")).first?["error"]?["code"]?.intValue == -32600)
        #expect(c.request("thaksa/nothing", "{}")["error"]?["code"]?.intValue == -32601)
        #expect(c.request("textDocument/hover", "{}")["error"]?["code"]?.intValue == -32602)
        #expect(c.request("textDocument/hover", #"{"textDocument":{"uri":"file:///etc/passwd"},"position":{"line":0,"character":0}}"#)["error"]?["code"]?.intValue == -32602)
        try c.open(dir + "/a.thaksa")
        #expect(c.request("textDocument/hover", #"{"textDocument":{"uri":\#(q(fileURI(dir + "/a.thaksa")))},"position":{"line":-1}}"#)["error"]?["code"]?.intValue == -32602)
        // Opening a file outside the workspace publishes nothing for it.
        let before = c.server.analysisCount
        c.open("/tmp/elsewhere.thaksa", text: "kind")
        #expect(c.server.analysisCount == before)
        // Unknown notifications are ignored.
        c.notify("$/cancelRequest", #"{"id":1}"#)
        #expect(c.server.exitCode == nil)
    }

    @Test func shutdownThenExit() throws {
        let c = TestClient(root: nil)
        #expect(c.request("shutdown", "null")["result"] == .null)
        #expect(c.request("textDocument/hover", "{}")["error"]?["code"]?.intValue == -32600)
        c.notify("exit", "null")
        #expect(c.server.exitCode == 0)
        let d = TestClient(root: nil)
        d.notify("exit", "null")
        #expect(d.server.exitCode == 1)
    }

    /// Every fixture of every syntax and check error, asked hover, definition, completion and references
    /// on every line (start, middle, end), symbols, formatting and fixes: answers, never a crash.
    @Test func documentsWithEveryKindOfErrorNeverCrashTheServer() throws {
        let root = repositoryRoot + "/Tests/Fixtures/check"
        let c = TestClient(root: root)
        var answered = 0
        for code in try FileManager.default.contentsOfDirectory(atPath: root).sorted() {
            let folder = root + "/" + code
            let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".thaksa") }.sorted()
            for name in files {
                let path = folder + "/" + name
                let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
                c.open(path, text: text)
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                for (l, line) in lines.enumerated() {
                    let (start, mid, end) = (0, line.utf16.count / 2, line.utf16.count)
                    for (method, ch) in [("textDocument/hover", mid), ("textDocument/definition", start),
                                         ("textDocument/completion", end), ("textDocument/references", mid)] {
                        let r = c.request(method, c.at(path, l, ch))
                        #expect(r["error"] == nil, "\(method) \(name):\(l):\(ch)")
                        answered += 1
                    }
                }
                let doc = #"{"textDocument":{"uri":\#(q(fileURI(path)))}"#
                #expect(c.request("textDocument/documentSymbol", doc + "}")["result"]?.arrayValue != nil)
                _ = c.request("textDocument/formatting", doc + #","options":{}}"#)
                let whole = #","range":{"start":{"line":0,"character":0},"end":{"line":\#(lines.count),"character":0}},"context":{"diagnostics":[]}}"#
                #expect(c.request("textDocument/codeAction", doc + whole)["result"]?.arrayValue != nil)
                c.notify("textDocument/didClose", doc + "}")
            }
        }
        #expect(answered > 1000)
        #expect(c.server.documents.isEmpty)
    }
}
