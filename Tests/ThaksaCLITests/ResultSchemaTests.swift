import Foundation
import Testing
@testable import ThaksaCLI

/// Guards the documented result schema (docs/results.md): the output of `score` in every format,
/// and of `summary`, for a fixed input, against golden files. `UPDATE_GOLDEN=1` rewrites them.
@Suite struct ResultSchemaTests {
    static let dir = repositoryRoot + "/Tests/Fixtures/score"

    func golden(_ name: String, _ args: [String]) throws {
        let r = Run(args + ["--rules", "."], env: ["LANG": "C"], cwd: ResultSchemaTests.dir)
        #expect(r.code == 0, Comment(rawValue: r.stderr))
        let path = ResultSchemaTests.dir + "/" + name
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try r.stdout.write(toFile: path, atomically: true, encoding: .utf8)
        }
        // Bytes, not String(contentsOfFile:), which would drop the CSV's byte-order mark.
        let expected = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        #expect(r.stdout == expected, "\(name) differs from its golden file")
    }

    @Test func jsonLines() throws { try golden("people.jsonl", ["score", "people.csv"]) }
    @Test func csv() throws { try golden("people.out.csv", ["score", "people.csv", "--format", "csv"]) }
    @Test func text() throws { try golden("people.txt", ["score", "people.csv", "--format", "text"]) }
    @Test func compactJSONLines() throws { try golden("people.compact.jsonl", ["score", "people.csv", "--compact"]) }
    @Test func summaryJSON() throws { try golden("summary.json", ["summary", "people.csv", "--format", "json"]) }
    @Test func summaryText() throws { try golden("summary.txt", ["summary", "people.csv"]) }

    /// The keys of a result object, in order: adding or reordering one is a schema change.
    @Test func keysAreStable() throws {
        let line = try String(contentsOfFile: ResultSchemaTests.dir + "/people.jsonl", encoding: .utf8)
        let keys = ["id", "name", "position", "unit", "group", "group_reason", "required", "upcoming", "gaps",
                    "unanswered", "scores", "band", "bands", "idp", "idp_short"]
        var rest = Substring(line)
        for key in keys {
            let marker = "\"\(key)\":"
            guard let r = rest.range(of: marker) else { Issue.record("key `\(key)` missing or out of order"); return }
            rest = rest[r.upperBound...]
        }
    }
}
