import Foundation
import Testing
@testable import ThaksaLSP
import ThaksaCore

/// Declared values in the editor: after `value` in a group, the declared values are offered.
@Suite struct ValueCompletionTests {
    @Test func valueNamesAfterValueInAGroup() throws {
        let rules = frameworkRules + "value area_weight \"น้ำหนักของด้าน\" default 1\n"
        let dir = try ruleFolder(["a.thaksa": rules, "b.thaksa": "group E \"ผู้บริหาร\" { }\n"])
        let c = TestClient(root: dir)
        try c.open(dir + "/b.thaksa")
        let typing = "group E \"ผู้บริหาร\" {\n  value a\n}\n"
        c.notify("textDocument/didChange", #"{"textDocument":{"uri":\#(q(fileURI(dir + "/b.thaksa"))),"version":2},"contentChanges":[{"text":\#(q(typing))}]}"#)
        let items = c.request("textDocument/completion", c.at(dir + "/b.thaksa", 1, 9))["result"]?["items"]?.arrayValue ?? []
        let labels = items.compactMap { $0["label"]?.stringValue }
        #expect(labels.contains("area_weight"))
        #expect(!labels.contains("ability"))
    }
}
