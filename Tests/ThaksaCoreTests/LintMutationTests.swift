import Foundation
import Testing
@testable import ThaksaCore

/// Mistakes policy officers make, each injected into a copy of the shipped rules (which lint clean
/// under `--strict`): lint must report exactly that mistake, under its rule, at the line that
/// causes it, and nothing else.
@Suite struct LintMutationTests {
    struct Mutation: CustomTestStringConvertible, Sendable {
        var name: String
        var file: String
        /// A whole line of the file as shipped, and what replaces it (may be several lines).
        var line: String
        var with: String
        var rule: String
        /// The file line the finding must point at (1-based, in the mutated file).
        var at: Int
        var testDescription: String { name }
    }

    static let mutations: [Mutation] = [
        Mutation(name: "phase years overlap", file: "ruleset.thaksa", line: "  years 2566 to 2568", with: "  years 2565 to 2568",
                 rule: "L015.overlap", at: 40),
        Mutation(name: "phases out of order", file: "ruleset.thaksa", line: "  years 2566 to 2568", with: "  years 2560 to 2563",
                 rule: "L015.order", at: 40),
        Mutation(name: "overlapping quarters", file: "learning.thaksa",
                 line: "quarter Q2 \"ไตรมาส ๒ (ม.ค.-มี.ค.)\" en \"Q2 (Jan-Mar)\" months 1 to 3",
                 with: "quarter Q2 \"ไตรมาส ๒ (ม.ค.-มี.ค.)\" en \"Q2 (Jan-Mar)\" months 12 to 3", rule: "L016", at: 37),
        Mutation(name: "position title differing by a space", file: "positions.thaksa",
                 line: "position \"ผู้อำนวยการเขต\" group M",
                 with: "position \"ผู้อำนวยการเขต\" group M\nposition \"ปลัดกรุง เทพมหานคร\" group M", rule: "L017", at: 34),
        Mutation(name: "basic item dropped from one group", file: "groups.thaksa", line: "    require KB1, KB2, KB3, KB4, KB5",
                 with: "    require KB1, KB2, KB4, KB5", rule: "L018", at: 105),
        Mutation(name: "a track lists a group of another track", file: "courses_service.thaksa", line: "  groups S",
                 with: "  groups S, E", rule: "L019", at: 20),
        Mutation(name: "target goal outside 0-100", file: "scoring.thaksa", line: "  goal >= 80", with: "  goal >= 800",
                 rule: "L020", at: 142),
        Mutation(name: "target year in no phase", file: "scoring.thaksa", line: "  year 2564", with: "  year 2546",
                 rule: "L021", at: 143),
        Mutation(name: "a หมวด ๑ course serves an ability of หมวด ๓", file: "courses_service.thaksa", line: "    serves DLit100",
                 with: "    serves DLit100, DTr100", rule: "L022", at: 141),
        Mutation(name: "a basic-knowledge course serves an ability", file: "courses_service.thaksa", line: "    serves KB5",
                 with: "    serves KB5, DLit100", rule: "L022.none", at: 267),
        Mutation(name: "coaching moved to the training bucket", file: "learning.thaksa",
                 line: "method mentoring_coaching \"การสอนงาน / โปรแกรมพี่เลี้ยง\" en \"Mentoring/ Coaching\" bucket b20",
                 with: "method mentoring_coaching \"การสอนงาน / โปรแกรมพี่เลี้ยง\" en \"Mentoring/ Coaching\" bucket b10",
                 rule: "L023", at: 29),
        Mutation(name: "a district-office prefix below the general one", file: "positions.thaksa",
                 line: "position \"นักวิชาการเงินและบัญชี\" group S when unit starts with \"สำนักงานเขต\"",
                 with: "position \"นักวิชาการเงินและบัญชี\" group S when unit starts with \"สำนักงานเขต\"\nposition \"นักวิชาการเงินและบัญชี\" group A when unit starts with \"สำนักงานเขตบางรัก\"",
                 rule: "L024", at: 78),
    ]

    /// A copy of the shipped rule files with the first matching line replaced (the first
    /// occurrence, or the one after `after` lines when several match).
    static func mutated(_ m: Mutation) throws -> (LoadedRuleSet, Bool) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("thaksa-mutation-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var replaced = false
        for name in try FileManager.default.contentsOfDirectory(atPath: shippedRuleSet.path) where name.hasSuffix(".thaksa") {
            var text = try String(contentsOfFile: shippedRuleSet.path + "/" + name, encoding: .utf8)
            if name == m.file {
                var lines = text.components(separatedBy: "\n")
                // The occurrence nearest the expected line (a line such as `goal >= 80` recurs).
                let hits = lines.indices.filter { lines[$0] == m.line }
                if let k = hits.min(by: { abs($0 + 1 - m.at) < abs($1 + 1 - m.at) }) { lines[k] = m.with; replaced = true }
                text = lines.joined(separator: "\n")
            }
            try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
        }
        return (RuleSetLoader.load(dir), replaced)
    }

    @Test func theShippedRulesAreClean() {
        let report = Linter.lint(RuleSetLoader.load(shippedRuleSet.path))
        #expect(report.active.isEmpty, Comment(rawValue: report.active.map { "\($0.key) \($0.subject)" }.joined(separator: "; ")))
    }

    @Test(arguments: mutations) func eachInjectedMistakeIsFoundAtItsLine(_ m: Mutation) throws {
        let (loaded, replaced) = try LintMutationTests.mutated(m)
        #expect(replaced, "the line to mutate is no longer in \(m.file)")
        #expect(!loaded.diagnostics.hasErrors)
        let report = Linter.lint(loaded)
        let found = report.active.map { f -> String in
            let file = loaded.sources[f.span.file]
            let name = file.map { URL(fileURLWithPath: $0.path).lastPathComponent } ?? "?"
            return "\(f.key) \(name):\(file?.location(of: f.span.start).line ?? 0)"
        }
        #expect(found == ["\(m.rule) \(m.file):\(m.at)"])
    }

    /// Each rule's mutation, its English and Thai message, and how the mutated line is indented.
    static let wordings: [(rule: String, indent: String, en: String, th: String)] = [
        ("L020", "  ", "target `assessed_with_idp` has goal 800, outside 0-100",
         "เป้าหมาย `assessed_with_idp` มีค่าเป้าหมาย 800 อยู่นอกช่วง 0-100"),
        ("L022", "    ", "course \"1.17\" of track `service` serves `DTr100` of `DTr`, but it is listed under section \"1\", which is for `DLit`",
         "หลักสูตร \"1.17\" ของเส้นทาง `service` เชื่อมกับ `DTr100` ของ `DTr` แต่อยู่ในหมวด \"1\" ซึ่งเป็นหมวดของ `DLit`"),
    ]

    /// The existing suppression mechanism covers the new rules, and the messages exist in Thai.
    @Test(arguments: wordings.indices) func suppressedWithAReasonAndWordedInThai(_ k: Int) throws {
        let w = LintMutationTests.wordings[k]
        var m = LintMutationTests.mutations.first { $0.rule == w.rule }!
        let (plain, _) = try LintMutationTests.mutated(m)
        let finding = try #require(Linter.lint(plain).active.first)
        #expect(finding.message(.th) == w.th)
        #expect(finding.message(.en) == w.en)
        m.with = w.indent + "# lint-ignore \(w.rule): testing the suppression\n" + m.with
        let (loaded, _) = try LintMutationTests.mutated(m)
        let report = Linter.lint(loaded)
        #expect(report.active.isEmpty)
        #expect(report.findings.contains { $0.rule == w.rule && $0.suppression?.reason == "testing the suppression" })
    }

    /// L023 judges every shipped method by the 70:20:10 model's lists except E-Learning, which the
    /// sources put in both 70 and 10; the shipped buckets agree with the model.
    @Test func theModelJudgesTheShippedMethods() {
        let rs = RuleSetLoader.load(shippedRuleSet.path).ruleSet
        var parts: [String: Int] = [:]
        for m in rs.methods {
            guard let p = LearningModel.part(of: [m.entity.title.th, m.entity.title.en ?? ""]) else { continue }
            parts[m.entity.id] = p.share
            #expect(m.bucket.map { rs.buckets[$0].share } == Rational(p.share), "\(m.entity.id)")
        }
        #expect(parts == ["self_learning": 70, "on_the_job_training": 70, "project_assignment": 70, "job_rotation": 70,
                          "job_shadowing": 70, "mentoring_coaching": 20, "consulting": 20, "meeting_seminar": 10,
                          "classroom_training": 10])
    }
}
