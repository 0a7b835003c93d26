import Foundation
import Testing
@testable import ThaksaLSP
import ThaksaCore

/// The issue's finish line on the shipped rule set: open groups.thaksa, hover DLit100, mistype
/// it, see the error with "did you mean" and a one-click fix.
@Suite struct ShippedRulesTests {
    static let folder = repositoryRoot + "/rules/ocsc-bma"
    static let groups = folder + "/groups.thaksa"

    @Test func hoverMistypeAndFixInGroupsFile() throws {
        let c = TestClient(root: repositoryRoot, lang: "th")
        let text = try String(contentsOfFile: ShippedRulesTests.groups, encoding: .utf8)
        c.open(ShippedRulesTests.groups, text: text)
        // The shipped set passes check and lint --strict: nothing to show in any file.
        let published = c.notifications.filter { $0["method"]?.stringValue == "textDocument/publishDiagnostics" }
        #expect(published.allSatisfy { $0["params"]?["diagnostics"]?.arrayValue?.isEmpty == true })

        let (l, ch) = try #require(position(of: "DLit100", in: text))
        let hover = c.request("textDocument/hover", c.at(ShippedRulesTests.groups, l, ch + 2))["result"]?["contents"]?["value"]?.stringValue ?? ""
        #expect(hover.contains("**DLit100**"))
        #expect(hover.contains("\n\nเข้าถึงและตระหนักรู้ดิจิทัล\n"))
        #expect(hover.contains("กลุ่มที่กำหนด: "))

        // In a lint-ignore comment, a rule id explains itself.
        let (il, ic) = try #require(position(of: "lint-ignore L004(DS100/E)", in: text, offset: 13))
        let rule = c.request("textDocument/hover", c.at(ShippedRulesTests.groups, il, ic))["result"]?["contents"]?["value"]?.stringValue ?? ""
        #expect(rule.hasPrefix("**L004** — " + LintMessages.summary("L004", .th)))

        let definition = c.request("textDocument/definition", c.at(ShippedRulesTests.groups, l, ch))["result"]
        #expect(definition?["uri"]?.stringValue == fileURI(ShippedRulesTests.folder + "/framework.thaksa"))

        // Mistype: delete the last "0" of DLit100 (incremental, at a UTF-16 position).
        c.notify("textDocument/didChange", #"""
        {"textDocument":{"uri":\#(q(fileURI(ShippedRulesTests.groups))),"version":2},
         "contentChanges":[{"range":{"start":{"line":\#(l),"character":\#(ch + 6)},"end":{"line":\#(l),"character":\#(ch + 7)}},"text":""}]}
        """#)
        let diags = c.diagnostics(ShippedRulesTests.groups) ?? []
        let error = try #require(diags.first { $0["severity"]?.intValue == 1 })
        #expect(error["message"]?.stringValue?.contains("หมายถึง `DLit100` หรือไม่?") == true)
        let range = #"{"start":{"line":\#(l),"character":\#(ch)},"end":{"line":\#(l),"character":\#(ch)}}"#
        let actions = c.request("textDocument/codeAction", #"{"textDocument":{"uri":\#(q(fileURI(ShippedRulesTests.groups)))},"range":\#(range),"context":{"diagnostics":[]}}"#)["result"]?.arrayValue ?? []
        #expect(actions.contains { $0["title"]?.stringValue == "เปลี่ยนเป็น `DLit100`" })
    }
}
