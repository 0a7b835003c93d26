import Foundation
import Testing
@testable import ThaksaCore

/// Rule files as an attacker would write them (links out of the folder, control characters in
/// values) and cost bounds counted in work, never in time.
@Suite struct TrustTests {
    func folder(_ files: [String: String]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("thaksa-trust-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/rules", withIntermediateDirectories: true)
        for (name, text) in files { try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8) }
        return dir
    }

    @Test("a top-level rule file linked from outside the rule-set folder is refused like an include")
    func topLevelSymlinkOutsideIsRefused() throws {
        let dir = try folder(["rules/a.thaksa": "kind ability \"ความสามารถ\"\n", "secret.txt": "root:x:0:0:SECRET\n",
                              "rules/inside.txt": "kind knowledge \"ความรู้\"\n"])
        try FileManager.default.createSymbolicLink(atPath: dir + "/rules/zz.thaksa", withDestinationPath: dir + "/secret.txt")
        try FileManager.default.createSymbolicLink(atPath: dir + "/rules/b.thaksa", withDestinationPath: "inside.txt")
        let loaded = RuleSetLoader.load(dir + "/rules")
        let text = DiagnosticRenderer(sources: loaded.sources).text(loaded.diagnostics.sorted)
        #expect(loaded.diagnostics.items.map(\.code) == [.includeOutsideRoot])
        #expect(text.contains("`zz.thaksa` is outside the rule-set folder"))
        #expect(!text.contains("SECRET"))
        // A link to a file inside the folder is read as usual.
        #expect(loaded.files.count == 2)
    }

    @Test("control characters in values cannot forge diagnostic lines or workflow commands")
    func controlCharactersAreEscaped() throws {
        let forged = "x\\nerror[C001]: forged\\n::error file=ci.yml::forged"
        let text = "include \"\(forged)\"\nkind ability \"ก\"\nitem X nokind \"ชื่อ\u{1B}]0;pwned\u{07}\"\n"
        let dir = try folder(["rules/evil\n::error::name.thaksa": text])
        let loaded = RuleSetLoader.load(dir + "/rules")
        #expect(loaded.diagnostics.items.map(\.code).contains(.includeNotFound))
        for lang in Language.allCases {
            let rendered = DiagnosticRenderer(sources: loaded.sources, lang: lang).text(loaded.diagnostics.sorted)
            let github = LintRenderer(sources: loaded.sources, lang: lang).github(Linter.lint(loaded), showSuppressed: false)
            for out in [rendered, github] {
                for line in out.split(separator: "\n") {
                    #expect(!line.hasPrefix("error[C001]: forged") && !line.hasPrefix("::error file=ci.yml") && !line.hasPrefix("::error::name"), "\(line)")
                }
                #expect(!out.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
            }
            #expect(rendered.contains("x\\nerror[C001]: forged\\n::error file=ci.yml::forged"))
        }
        // Rows of input files render the same way.
        let row = InputError(file: "a.csv", row: 2, en: "unknown group `A\nerror: forged`", th: "ไม่รู้จักกลุ่ม `A\nerror: forged`")
        #expect(row.rendered(.en) == "a.csv: row 2: unknown group `A\\nerror: forged`")
    }

    func chain(_ n: Int, reversed: Bool) -> [String] {
        // s0 uses s1, ..., s(n-1) is a constant: a chain of n values.
        var lines = (0..<n - 1).map { "score s\($0) = s\($0 + 1) + 1" } + ["score s\(n - 1) = 1"]
        if reversed { lines.reverse() }
        let loaded = RuleSetLoader.load(files: [(path: "chain.thaksa", text: lines.joined(separator: "\n") + "\n")])
        return loaded.diagnostics.items.map { "\($0.code.rawValue) \($0.args.first ?? "")" }
    }

    @Test("C021 (chain too deep) fires whatever order the chain is declared in")
    func chainDepthIndependentOfOrder() {
        #expect(chain(70, reversed: false) == ["C021 s0"])
        #expect(chain(70, reversed: true) == ["C021 s0"])
        #expect(chain(64, reversed: false) == [])
        #expect(chain(64, reversed: true) == [])
        #expect(chain(65, reversed: true) == ["C021 s0"])
    }

    func explainWork(_ n: Int) throws -> Int {
        let scores = (0..<n).map { "score x\($0) = count(required where held) + \($0)" }.joined(separator: "\n")
        let loaded = RuleSetLoader.load(files: [(path: "mini.thaksa", text: miniRules + "\n" + scores + "\n")])
        #expect(!loaded.diagnostics.hasErrors)
        var a = Assessment(id: "P1")
        a.position = "นักวิชาการเงินและบัญชี"
        a.unit = "สำนักการคลัง"
        let r = try Evaluator(rules: loaded.ruleSet).evaluate(a)
        let explainer = Explainer(loaded: loaded)
        let steps = explainer.explain(a, r)
        #expect(steps.contains { $0.en == "scores" && $0.children.count == n + 3 })
        return explainer.work
    }

    @Test("explain does work linear in the number of scores")
    func explainIsLinear() throws {
        let small = try explainWork(300), large = try explainWork(1200)
        // Linear: 4x the scores, about 4x the work; quadratic would be about 16x.
        #expect(large <= small * 5, "work \(small) → \(large)")
    }
}
