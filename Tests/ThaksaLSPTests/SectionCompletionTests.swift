import Foundation
import Testing
@testable import ThaksaLSP
import ThaksaCore

/// A course-table `section` offers skill sets after `skillset` and dimensions after `dimension`.
@Suite struct SectionCompletionTests {
    static let framework = """
    kind ability "ความสามารถ"
    scale have "มี/ไม่มี" { level 0 "ไม่มี" level 1 "มี" }
    dimension area1 "การรู้สารสนเทศ" { skillset DLit "ความเข้าใจดิจิทัล" { item A1 ability "ค้นหาข้อมูล" } }

    """

    func labels(typing line: String) throws -> [String] {
        let dir = try ruleFolder(["a.thaksa": Self.framework, "b.thaksa": "track t \"เส้นทาง\" { }\n"])
        let c = TestClient(root: dir)
        try c.open(dir + "/b.thaksa")
        let typing = "track t \"เส้นทาง\" {\n\(line)\n}\n"
        c.notify("textDocument/didChange", #"{"textDocument":{"uri":\#(q(fileURI(dir + "/b.thaksa"))),"version":2},"contentChanges":[{"text":\#(q(typing))}]}"#)
        let items = c.request("textDocument/completion", c.at(dir + "/b.thaksa", 1, line.count))["result"]?["items"]?.arrayValue ?? []
        return items.compactMap { $0["label"]?.stringValue }
    }

    @Test func skillSetsAfterSkillset() throws {
        let labels = try labels(typing: "  section \"1\" \"หมวด\" skillset D")
        #expect(labels.contains("DLit"))
        #expect(!labels.contains("area1"))
    }

    @Test func dimensionsAfterDimension() throws {
        let labels = try labels(typing: "  section \"1\" \"หมวด\" skillset DLit dimension a")
        #expect(labels.contains("area1"))
        #expect(!labels.contains("DLit"))
    }
}
