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

    /// Valid messages cut short and with bytes changed (a fixed-seed generator), through the framing
    /// reader and the server: every body gets at most one answer and nothing crashes.
    @Test func mutatedMessagesAreAnsweredOrIgnored() throws {
        let dir = try ruleFolder(["a.thaksa": frameworkRules, "b.thaksa": groupRules])
        let c = TestClient(root: dir)
        try c.open(dir + "/b.thaksa")
        let valid = [
            #"{"jsonrpc":"2.0","id":7,"method":"textDocument/hover","params":\#(c.at(dir + "/b.thaksa", 0, 30))}"#,
            #"{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":\#(q(fileURI(dir + "/b.thaksa"))),"version":9},"contentChanges":[{"range":{"start":{"line":0,"character":40},"end":{"line":0,"character":45}},"text":"น้ำ"}]}}"#,
            #"{"jsonrpc":"2.0","id":8,"method":"textDocument/completion","params":\#(c.at(dir + "/b.thaksa", 0, 60))}"#,
        ].map { Array($0.utf8) }
        var seed: UInt64 = 20261129
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(max(1, n)))
        }
        let junk = Array("{[\\\"ำ".utf8)
        var stream: [UInt8] = []
        var bodies = 0
        for k in 0..<300 {
            var body = valid[k % valid.count]
            switch next(3) {
            case 0: body = Array(body.prefix(next(body.count)))
            case 1: for _ in 0...next(4) { body[next(body.count)] = UInt8(next(256)) }
            default: body.insert(contentsOf: junk.prefix(1 + next(junk.count)), at: next(body.count))
            }
            stream += Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
            bodies += 1
        }
        var reader = MessageReader()
        var answered = 0
        var offset = 0
        while offset < stream.count {
            let n = 1 + next(4000)
            for event in reader.feed(stream[offset..<min(stream.count, offset + n)]) {
                guard case .message(let body) = event else { Issue.record("framing lost: \(event)"); continue }
                let out = c.server.handle(body: body).filter { $0["method"] == nil }
                #expect(out.count <= 1)
                answered += 1
            }
            offset += n
        }
        #expect(answered == bodies)
        #expect(c.server.exitCode == nil)
        #expect(c.request("textDocument/hover", c.at(dir + "/b.thaksa", 0, 1))["result"]?["contents"] != nil)
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
