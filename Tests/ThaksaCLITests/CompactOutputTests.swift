import Foundation
import Testing
import ThaksaCore

/// `score --compact` says the same as the full JSON Lines, in codes: checked record by record on the
/// shipped sample (which has people with added and waived items).
@Suite struct CompactOutputTests {
    static func records(_ text: String) -> [[(String, JSONValue)]] {
        text.split(separator: "\n").map { line in
            guard case .success(.object(let fields)) = JSONParser.parse(Array(line.utf8)) else { return [] }
            return fields
        }
    }

    static func value(_ fields: [(String, JSONValue)], _ key: String) -> JSONValue? { fields.first { $0.0 == key }?.1 }

    static func strings(_ v: JSONValue?) -> [String] {
        guard case .array(let xs)? = v else { return [] }
        return xs.map { x in
            if case .string(let s) = x { return s }
            if case .object(let f) = x, case .string(let s)? = value(f, "item") ?? value(f, "id") { return s }
            return "?"
        }
    }

    @Test func compactMatchesFullOnTheShippedSample() throws {
        let sample = repositoryRoot + "/rules/ocsc-bma/sample/staff.csv"
        let full = Run(["score", sample, "--lang", "th"]), compact = Run(["score", sample, "--compact", "--lang", "th"])
        #expect(full.code == 0 && compact.code == 0, Comment(rawValue: full.stderr + compact.stderr))
        let f = Self.records(full.stdout), c = Self.records(compact.stdout)
        try #require(c.count == f.count + 1 && f.count > 60)
        let header = c[0]
        #expect(Self.value(header, "compact") == .int(1))
        #expect(Self.value(header, "lang") == .string("th"))
        guard case .object(let groups)? = Self.value(header, "groups") else { Issue.record("no groups"); return }
        var adjusted = 0
        for (full, lean) in zip(f, c.dropFirst()) {
            for key in ["id", "group", "group_reason", "unanswered", "scores", "bands", "idp_short"] {
                #expect(Self.value(full, key) == Self.value(lean, key), "\(key)")
            }
            #expect(Self.strings(Self.value(full, "gaps")) == Self.strings(Self.value(lean, "gaps")))
            // required/upcoming: written when they differ from the group's lists in the header.
            guard case .string(let g)? = Self.value(full, "group"), case .object(let lists)? = groups.first(where: { $0.0 == g })?.1 else {
                Issue.record("group missing from the header"); continue
            }
            for key in ["required", "upcoming"] {
                let given = Self.value(lean, key) ?? Self.value(lists, key)
                #expect(Self.value(full, key) == given, "\(key)")
            }
            if Self.value(lean, "required") != nil { adjusted += 1 }
            guard case .array(let fullIDP)? = Self.value(full, "idp"), case .array(let leanIDP)? = Self.value(lean, "idp") else { continue }
            #expect(fullIDP.count == leanIDP.count)
            for case (.object(let a), .object(let b)) in zip(fullIDP, leanIDP) {
                #expect(Self.value(a, "item") == Self.value(b, "item"))
                #expect(Self.strings(Self.value(a, "courses")) == Self.strings(Self.value(b, "courses")))
                #expect(Self.value(a, "methods") == Self.value(b, "methods"))
                #expect(Self.value(a, "quarter") == Self.value(b, "quarter"))
            }
        }
        #expect(adjusted > 0, "the sample has people with added or waived items")
    }

    @Test func compactIsOnlyForJSONLines() {
        let sample = repositoryRoot + "/rules/ocsc-bma/sample/staff.csv"
        #expect(Run(["score", sample, "--compact", "--format", "csv"]).code == 2)
        #expect(Run(["summary", sample, "--compact"]).code == 2)
    }

    @Test func helpNamesTheOptionInBothLanguages() {
        #expect(Run(["score", "--help", "--lang", "en"]).stdout.contains("--compact"))
        #expect(Run(["score", "--help", "--lang", "th"]).stdout.contains("--compact          jsonl แบบย่อ"))
    }
}
