import Foundation
import Testing
@testable import ThaksaLSP
import ThaksaCore

let frameworkRules = """
kind ability "ความสามารถ" en "Ability"
scale have "มี/ไม่มี" { level 0 "ไม่มี" level 1 "มี" }
item DLit100 ability "เข้าถึงและตระหนักรู้ดิจิทัล" en "Digital literacy"
item DNam200 ability "น้ำใจ กำลังใจ ผู้นำที่ดี"
phase early "ระยะเริ่มแรก"
item DOld300 ability "ทักษะที่ไม่มีกลุ่มใดกำหนด"

"""

/// The typo `DLit10` sits after Thai text with above/below vowels, tone marks and SARA AM.
let groupRules = """
group E "ผู้บริหารระดับสูง น้ำ ทำ" { phase early { require DLit10, DNam200 } }
score readiness = round(100 * count(required where held) / max(count(required), 1), 1)

"""

@Suite struct DiagnosticsTests {
    @Test func publishesCheckErrorsWithUTF16RangesAndFixesIncrementally() throws {
        let dir = try ruleFolder(["a.thaksa": frameworkRules, "b.thaksa": groupRules])
        let c = TestClient(root: dir)
        c.open(dir + "/b.thaksa", text: groupRules)
        let diags = try #require(c.diagnostics(dir + "/b.thaksa"))
        #expect(diags.count == 1)
        let d = try #require(diags.first)
        #expect(d["code"]?.stringValue == "C003" || d["code"]?.stringValue?.hasPrefix("C") == true)
        #expect(d["severity"]?.intValue == 1)
        #expect(d["message"]?.stringValue?.contains("did you mean `DLit100`?") == true)
        let (line, col) = try #require(position(of: "DLit10,", in: groupRules))
        #expect(d["range"]?["start"]?["line"]?.intValue == line)
        #expect(d["range"]?["start"]?["character"]?.intValue == col)
        #expect(d["range"]?["end"]?["character"]?.intValue == col + 6)
        // The Thai prefix is 3 bytes a character: the column is not a byte count.
        #expect(col < groupRules.utf8.count)

        // Incremental sync: insert "0" right after the typo, at a UTF-16 position.
        c.notify("textDocument/didChange", #"""
        {"textDocument":{"uri":\#(q(fileURI(dir + "/b.thaksa"))),"version":2},
         "contentChanges":[{"range":{"start":{"line":\#(line),"character":\#(col + 6)},"end":{"line":\#(line),"character":\#(col + 6)}},"text":"0"}]}
        """#)
        #expect(c.diagnostics(dir + "/b.thaksa")?.filter { $0["severity"]?.intValue == 1 }.isEmpty == true)
        #expect(c.server.documents[dir + "/b.thaksa"].map { String(decoding: $0.text, as: UTF8.self) } == groupRules.replacingOccurrences(of: "DLit10,", with: "DLit100,"))

        // Full sync: the whole text again, with the typo back.
        c.notify("textDocument/didChange", #"{"textDocument":{"uri":\#(q(fileURI(dir + "/b.thaksa"))),"version":3},"contentChanges":[{"text":\#(q(groupRules))}]}"#)
        #expect(c.diagnostics(dir + "/b.thaksa")?.count == 1)
        #expect(c.server.analysisCount == 3)
        // Each keystroke re-parsed only the changed file: a.thaksa once, b.thaksa three times.
        #expect(c.server.parseCache.parsed == 4)
    }

    @Test func errorsInAnotherFileArePublishedForThatFileInThai() throws {
        let broken = frameworkRules.replacingOccurrences(of: "item DNam200 ability", with: "item DNam200 abilty")
        let dir = try ruleFolder(["a.thaksa": broken, "b.thaksa": groupRules.replacingOccurrences(of: "DLit10,", with: "DLit100,")])
        let c = TestClient(root: dir, lang: "th")
        try c.open(dir + "/b.thaksa")
        #expect(c.diagnostics(dir + "/b.thaksa")?.isEmpty == true)
        let other = try #require(c.diagnostics(dir + "/a.thaksa"))
        #expect(other.count == 1)
        let message = other.first?["message"]?.stringValue ?? ""
        #expect(message.contains("หมายถึง `ability` หรือไม่?"))
        #expect(other.first?["range"]?["start"]?["line"]?.intValue == 3)
    }

    /// An unsaved buffer overlays the disk: fixing a.thaksa in the editor clears b's error.
    @Test func unsavedBuffersOverlayDiskFiles() throws {
        let dir = try ruleFolder(["a.thaksa": frameworkRules.replacingOccurrences(of: "DLit100", with: "DLit101"),
                                  "b.thaksa": groupRules.replacingOccurrences(of: "DLit10,", with: "DLit100,")])
        let c = TestClient(root: dir)
        try c.open(dir + "/b.thaksa")
        #expect(c.diagnostics(dir + "/b.thaksa")?.count == 1)
        c.open(dir + "/a.thaksa", text: frameworkRules)
        #expect(c.diagnostics(dir + "/b.thaksa")?.filter { $0["severity"]?.intValue == 1 }.isEmpty == true)
        #expect(try String(contentsOfFile: dir + "/a.thaksa", encoding: .utf8).contains("DLit101"))
        // A new file that exists only in the editor joins its folder's rule set.
        c.open(dir + "/c.thaksa", text: "score twice = readines * 2\n")
        let unsaved = c.diagnostics(dir + "/c.thaksa") ?? []
        #expect(unsaved.first?["message"]?.stringValue?.contains("did you mean `readiness`?") == true)
        #expect(!FileManager.default.fileExists(atPath: dir + "/c.thaksa"))
        // A file changed on disk by someone else, announced by the client: its folder is read again.
        try "kind other \"อื่น\"\nkind other \"ซ้ำ\"\n".write(toFile: dir + "/d.thaksa", atomically: true, encoding: .utf8)
        c.notify("workspace/didChangeWatchedFiles", #"{"changes":[{"uri":\#(q(fileURI(dir + "/d.thaksa"))),"type":1}]}"#)
        #expect(c.diagnostics(dir + "/d.thaksa")?.first?["code"]?.stringValue == "C001")
    }
}

@Suite struct NavigationTests {
    func fixedClient() throws -> (TestClient, String, String) {
        let fixed = groupRules.replacingOccurrences(of: "DLit10,", with: "DLit100,")
        let dir = try ruleFolder(["a.thaksa": frameworkRules, "b.thaksa": fixed])
        let c = TestClient(root: dir)
        try c.open(dir + "/b.thaksa")
        return (c, dir, fixed)
    }

    @Test func hoverOnAnItemShowsTitlesKindScaleAndGroups() throws {
        let (c, dir, text) = try fixedClient()
        let (l, ch) = try #require(position(of: "DLit100", in: text, offset: 3))
        let value = c.request("textDocument/hover", c.at(dir + "/b.thaksa", l, ch))["result"]?["contents"]?["value"]?.stringValue ?? ""
        #expect(value.contains("เข้าถึงและตระหนักรู้ดิจิทัล"))
        #expect(value.contains("Digital literacy"))
        #expect(value.contains("kind: ability — ความสามารถ (Ability)"))
        #expect(value.contains("scale: have"))
        #expect(value.contains("required by: E ผู้บริหารระดับสูง น้ำ ทำ (early)"))
        // A keyword has a one-line description; so has a group.
        let kw = c.request("textDocument/hover", c.at(dir + "/b.thaksa", 0, 1))["result"]?["contents"]?["value"]?.stringValue ?? ""
        #expect(kw.hasPrefix("`group` — a mission group"))
        let score = c.request("textDocument/hover", c.at(dir + "/b.thaksa", 1, 8))["result"]?["contents"]?["value"]?.stringValue ?? ""
        #expect(score.hasPrefix("**readiness** · score"))
    }

    @Test func definitionAndReferencesAcrossFiles() throws {
        let (c, dir, text) = try fixedClient()
        let (l, ch) = try #require(position(of: "DNam200", in: text))
        let def = c.request("textDocument/definition", c.at(dir + "/b.thaksa", l, ch))["result"]
        #expect(def?["uri"]?.stringValue == fileURI(dir + "/a.thaksa"))
        #expect(def?["range"]?["start"]?["line"]?.intValue == 3)
        #expect(def?["range"]?["start"]?["character"]?.intValue == 5)
        let (pl, pc) = try #require(position(of: "early {", in: text))
        let refs = c.request("textDocument/references",
                             #"{"textDocument":{"uri":\#(q(fileURI(dir + "/b.thaksa")))},"position":{"line":\#(pl),"character":\#(pc)},"context":{"includeDeclaration":true}}"#)
        #expect(refs["result"]?.arrayValue?.count == 2)
    }

    @Test func renameEditsEveryFileAndRejectsBadNames() throws {
        let (c, dir, text) = try fixedClient()
        let (l, ch) = try #require(position(of: "DLit100", in: text))
        let r = c.request("textDocument/rename", String(c.at(dir + "/b.thaksa", l, ch).dropLast()) + #","newName":"DLit101"}"#)
        let changes = try #require(r["result"]?["changes"])
        #expect(changes[fileURI(dir + "/a.thaksa")]?.arrayValue?.count == 1)
        #expect(changes[fileURI(dir + "/b.thaksa")]?.arrayValue?.first?["newText"]?.stringValue == "DLit101")
        let bad = c.request("textDocument/rename", String(c.at(dir + "/b.thaksa", l, ch).dropLast()) + #","newName":"1 bad"}"#)
        #expect(bad["error"]?["code"]?.intValue == -32602)
        let taken = c.request("textDocument/rename", String(c.at(dir + "/b.thaksa", l, ch).dropLast()) + #","newName":"DNam200"}"#)
        #expect(taken["error"]?["code"]?.intValue == -32803)
        // Nothing was written.
        #expect(try String(contentsOfFile: dir + "/a.thaksa", encoding: .utf8) == frameworkRules)
    }

    @Test func completionOffersItemsAfterRequireAndKeywordsFromTheSchema() throws {
        let (c, dir, _) = try fixedClient()
        let typing = "group E \"ผู้บริหาร\" {\n  phase early {\n    require D\n  }\n  \n}\nmethod m \"วิธี\" bucket \n"
        c.notify("textDocument/didChange", #"{"textDocument":{"uri":\#(q(fileURI(dir + "/b.thaksa"))),"version":2},"contentChanges":[{"text":\#(q(typing))}]}"#)
        let items = c.request("textDocument/completion", c.at(dir + "/b.thaksa", 2, 13))["result"]?["items"]?.arrayValue ?? []
        let item = items.first { $0["label"]?.stringValue == "DLit100" }
        #expect(item?["detail"]?.stringValue == "เข้าถึงและตระหนักรู้ดิจิทัล")
        #expect(!items.contains { $0["label"]?.stringValue == "early" })
        let keywords = c.request("textDocument/completion", c.at(dir + "/b.thaksa", 4, 2))["result"]?["items"]?.arrayValue ?? []
        #expect(Set(keywords.compactMap { $0["label"]?.stringValue }) == Set(Schema.allowed(in: "group")))
        let top = c.request("textDocument/completion", c.at(dir + "/b.thaksa", 7, 0))["result"]?["items"]?.arrayValue ?? []
        #expect(top.compactMap { $0["label"]?.stringValue } == Schema.topLevel)
        // After `bucket`: bucket names (none declared here), not items or keywords.
        let buckets = c.request("textDocument/completion", c.at(dir + "/b.thaksa", 6, 23))["result"]?["items"]?.arrayValue
        #expect(buckets?.isEmpty == true)
        // Inside a string: nothing.
        let inString = c.request("textDocument/completion", c.at(dir + "/b.thaksa", 0, 11))["result"]?["items"]?.arrayValue
        #expect(inString?.isEmpty == true)
    }

    @Test func documentSymbolsAndFormattingLikeFmt() throws {
        let (c, dir, text) = try fixedClient()
        let symbols = c.request("textDocument/documentSymbol", #"{"textDocument":{"uri":\#(q(fileURI(dir + "/b.thaksa")))}}"#)["result"]?.arrayValue ?? []
        #expect(symbols.compactMap { $0["name"]?.stringValue } == ["E", "readiness"])
        #expect(symbols.first?["children"]?.arrayValue?.first?["name"]?.stringValue == "phase early")
        let edits = c.request("textDocument/formatting", #"{"textDocument":{"uri":\#(q(fileURI(dir + "/b.thaksa")))},"options":{"tabSize":2,"insertSpaces":true}}"#)["result"]?.arrayValue ?? []
        #expect(edits.count == 1)
        #expect(edits.first?["newText"]?.stringValue == Formatter.format(text).text)
        // A file with syntax errors is not formatted: an error, not a broken edit.
        c.notify("textDocument/didChange", #"{"textDocument":{"uri":\#(q(fileURI(dir + "/b.thaksa"))),"version":2},"contentChanges":[{"text":"group {"}]}"#)
        let refused = c.request("textDocument/formatting", #"{"textDocument":{"uri":\#(q(fileURI(dir + "/b.thaksa")))},"options":{}}"#)
        #expect(refused["error"]?["code"]?.intValue == -32803)
    }

    @Test func quickFixesForSuggestionsAndLintIgnore() throws {
        let dir = try ruleFolder(["a.thaksa": frameworkRules, "b.thaksa": groupRules])
        let c = TestClient(root: dir)
        try c.open(dir + "/b.thaksa")
        let range = #"{"start":{"line":0,"character":0},"end":{"line":0,"character":0}}"#
        let actions = c.request("textDocument/codeAction", #"{"textDocument":{"uri":\#(q(fileURI(dir + "/b.thaksa")))},"range":\#(range),"context":{"diagnostics":[]}}"#)["result"]?.arrayValue ?? []
        let fix = try #require(actions.first { $0["title"]?.stringValue == "Change to `DLit100`" })
        let edit = fix["edit"]?["changes"]?[fileURI(dir + "/b.thaksa")]?.arrayValue?.first
        #expect(edit?["newText"]?.stringValue == "DLit100")
        let (l, ch) = try #require(position(of: "DLit10,", in: groupRules))
        #expect(edit?["range"]?["start"]?["character"]?.intValue == ch && edit?["range"]?["start"]?["line"]?.intValue == l)

        // Once check passes, lint warnings appear, each with a lint-ignore action.
        c.notify("textDocument/didChange", #"{"textDocument":{"uri":\#(q(fileURI(dir + "/b.thaksa"))),"version":2},"contentChanges":[{"text":\#(q(groupRules.replacingOccurrences(of: "DLit10,", with: "DLit100,")))}]}"#)
        let warnings = [dir + "/a.thaksa", dir + "/b.thaksa"].flatMap { c.diagnostics($0) ?? [] }.filter { $0["severity"]?.intValue == 2 }
        let warning = try #require(warnings.first { $0["code"]?.stringValue?.hasPrefix("L") == true })
        let code = warning["code"]?.stringValue ?? ""
        let path = [dir + "/a.thaksa", dir + "/b.thaksa"].first { c.diagnostics($0)?.contains(warning) == true } ?? ""
        if path.hasSuffix("a.thaksa") { try c.open(path) }
        let wl = warning["range"]?["start"]?["line"]?.intValue ?? 0
        let lineRange = #"{"start":{"line":\#(wl),"character":0},"end":{"line":\#(wl),"character":0}}"#
        let ignore = c.request("textDocument/codeAction", #"{"textDocument":{"uri":\#(q(fileURI(path)))},"range":\#(lineRange),"context":{"diagnostics":[]}}"#)["result"]?.arrayValue ?? []
        let add = try #require(ignore.first { $0["title"]?.stringValue?.hasPrefix("Accept with `# lint-ignore \(code)") == true })
        let text = add["edit"]?["changes"]?[fileURI(path)]?.arrayValue?.first?["newText"]?.stringValue ?? ""
        #expect(text.hasPrefix("# lint-ignore \(code)") && text.hasSuffix(": <reason>\n"))
    }
}
