import Foundation
import Testing
@testable import ThaksaCLI
import ThaksaCore

/// Passes `check`, one lint finding: item I2 is used nowhere (L001, line 4).
let lintOneFinding = """
kind ability "ความสามารถ"
scale have "มี/ไม่มี" { level 0 "ไม่มี" level 1 "มี" }
item I1 ability "หนึ่ง"
item I2 ability "สอง"
phase early "ระยะเริ่มแรก"
group A "วิชาการ" { phase early { require I1 } }

"""

let lintClean = lintOneFinding.replacingOccurrences(of: "require I1 }", with: "require I1, I2 }")

let lintSuppressed = lintOneFinding.replacingOccurrences(
    of: "item I2 ability \"สอง\"\n",
    with: "# lint-ignore L001: kept for the develop phase (001 L1346)\nitem I2 ability \"สอง\"\n")

let lintNoReason = lintOneFinding.replacingOccurrences(
    of: "item I2 ability \"สอง\"\n", with: "# lint-ignore L001\nitem I2 ability \"สอง\"\n")

@Suite struct LintCommandTests {
    @Test func textFindingsOnStdoutExitZeroWithoutStrict() throws {
        let dir = try ruleFolder(["a.thaksa": lintOneFinding])
        let r = Run(["lint", "."], cwd: dir)
        #expect(r.code == 0)
        #expect(r.stderr == "")
        #expect(r.stdout == """
        warning[L001]: item `I2` is required by no group and served by no course
         --> a.thaksa:4:6
          |
        4 | item I2 ability "สอง"
          |      ^^
          = help: require it in a group's phase block or link a course to it with `serves`; otherwise remove it

        .: 1 warning

        """)
    }

    @Test func strictMakesWarningsExitOne() throws {
        let dir = try ruleFolder(["a.thaksa": lintOneFinding])
        #expect(Run(["lint", ".", "--strict"], cwd: dir).code == 1)
        let clean = try ruleFolder(["a.thaksa": lintClean])
        let r = Run(["lint", ".", "--strict"], cwd: clean)
        #expect(r.code == 0)
        #expect(r.stdout == "ok .: no lint findings\n")
    }

    @Test func checkErrorsAreReportedAndNotLinted() throws {
        let dir = try ruleFolder(["groups.thaksa": brokenRules])
        let r = Run(["lint", "."], cwd: dir)
        #expect(r.code == 1)
        #expect(r.stdout == "")
        #expect(r.stderr.contains("error[C002]: unknown name `DLit10`"))
        #expect(r.stderr.hasSuffix("thaksa lint: . has errors; not linted\n"))
        let gh = Run(["lint", ".", "--format", "github"], cwd: dir)
        #expect(gh.code == 1)
        #expect(gh.stdout == "::error file=groups.thaksa,line=5,col=48,title=C002::unknown name `DLit10`\n")
    }

    @Test func githubFormat() throws {
        let dir = try ruleFolder(["a.thaksa": lintOneFinding])
        let r = Run(["lint", ".", "--format", "github"], cwd: dir)
        #expect(r.code == 0)
        #expect(r.stdout == "::warning file=a.thaksa,line=4,col=6,title=L001::item `I2` is required by no group and served by no course\n")
        #expect(Run(["lint", ".", "--format", "github", "--strict"], cwd: dir).code == 1)
    }

    @Test func githubEscapesPropertiesAndData() {
        #expect(LintRenderer.escapeProperty("a:b,c%") == "a%3Ab%2Cc%25")
        #expect(LintRenderer.escapeData("x\ny:z") == "x%0Ay:z")
    }

    @Test func jsonFormat() throws {
        let dir = try ruleFolder(["a.thaksa": lintOneFinding])
        let r = Run(["lint", ".", "--format", "json"], cwd: dir)
        #expect(r.code == 0)
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let set = (json["rule_sets"] as! [[String: Any]])[0]
        #expect(set["path"] as? String == ".")
        // "ok" says what the exit code says: warnings only pass, unless --strict.
        #expect(set["ok"] as? Bool == true)
        let strict = Run(["lint", ".", "--format", "json", "--strict"], cwd: dir)
        #expect(strict.code == 1)
        let strictSet = ((try JSONSerialization.jsonObject(with: Data(strict.stdout.utf8)) as! [String: Any])["rule_sets"] as! [[String: Any]])[0]
        #expect(strictSet["ok"] as? Bool == false)
        #expect((set["check"] as! [Any]).isEmpty)
        let f = (set["findings"] as! [[String: Any]])[0]
        #expect(f["rule"] as? String == "L001")
        #expect(f["severity"] as? String == "warning")
        #expect(f["subject"] as? String == "I2")
        #expect(f["file"] as? String == "a.thaksa")
        #expect(f["line"] as? Int == 4)
        #expect(f["column"] as? Int == 6)
        #expect(f["suppressed"] as? Bool == false)
        #expect(f["reason"] is NSNull)
        let summary = set["summary"] as! [String: Any]
        #expect(summary["warnings"] as? Int == 1)
        #expect(summary["errors"] as? Int == 0)
    }

    @Test func suppressionWithReasonHidesTheFinding() throws {
        let dir = try ruleFolder(["a.thaksa": lintSuppressed])
        let r = Run(["lint", ".", "--strict"], cwd: dir)
        #expect(r.code == 0)
        #expect(r.stdout == "ok .: no lint findings (1 suppressed)\n")
        let json = Run(["lint", ".", "--format", "json"], cwd: dir)
        let set = ((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any])["rule_sets"] as! [[String: Any]])[0]
        #expect((set["findings"] as! [Any]).isEmpty)
        #expect((set["summary"] as! [String: Any])["suppressed"] as? Int == 1)
        #expect(set["ok"] as? Bool == true)
    }

    @Test func suppressionWithoutReasonIsAFindingAndSuppressesNothing() throws {
        let dir = try ruleFolder(["a.thaksa": lintNoReason])
        let r = Run(["lint", ".", "--strict"], cwd: dir)
        #expect(r.code == 1)
        #expect(r.stdout.contains("warning[L000]: `lint-ignore L001` gives no reason\n --> a.thaksa:4:1"))
        #expect(r.stdout.contains("warning[L001]: item `I2`"))
        #expect(r.stdout.hasSuffix(".: 2 warnings\n"))
        #expect(Run(["lint", "."], cwd: dir).code == 0)
    }

    @Test func showSuppressedListsThemWithTheReason() throws {
        let dir = try ruleFolder(["a.thaksa": lintSuppressed])
        let r = Run(["lint", ".", "--show-suppressed"], cwd: dir)
        #expect(r.code == 0)
        #expect(r.stdout == """
        warning[L001] (suppressed): item `I2` is required by no group and served by no course
         --> a.thaksa:5:6
          |
        5 | item I2 ability "สอง"
          |      ^^
          = help: require it in a group's phase block or link a course to it with `serves`; otherwise remove it
          = suppressed (a.thaksa:4:1): kept for the develop phase (001 L1346)

        ok .: no lint findings (1 suppressed)

        """)
        let gh = Run(["lint", ".", "--show-suppressed", "--format", "github"], cwd: dir)
        #expect(gh.stdout == "::notice file=a.thaksa,line=5,col=6,title=L001 (suppressed)::item `I2` is required by no group and served by no course (suppressed: kept for the develop phase (001 L1346))\n")
        let json = Run(["lint", ".", "--show-suppressed", "--format", "json"], cwd: dir)
        let set = ((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any])["rule_sets"] as! [[String: Any]])[0]
        let f = (set["findings"] as! [[String: Any]])[0]
        #expect(f["suppressed"] as? Bool == true)
        #expect(f["reason"] as? String == "kept for the develop phase (001 L1346)")
        #expect(Run(["lint", ".", "--show-suppressed", "--strict"], cwd: dir).code == 0)
    }

    @Test func unusedSuppressionIsAFinding() throws {
        let dir = try ruleFolder(["a.thaksa": lintClean + "# lint-ignore L002: nothing here\nscore s = count(required)\n"])
        let r = Run(["lint", ".", "--format", "github", "--strict"], cwd: dir)
        #expect(r.code == 1)
        #expect(r.stdout == "::warning file=a.thaksa,line=7,col=1,title=L014::`lint-ignore L002` matches no finding on line 8\n")
    }

    @Test func thaiMessages() throws {
        let dir = try ruleFolder(["a.thaksa": lintOneFinding])
        let r = Run(["lint", ".", "--lang", "th"], cwd: dir)
        #expect(r.stdout.contains("คำเตือน[L001]: รายการ `I2` ไม่มีกลุ่มใดกำหนดให้ต้องมี และไม่มีหลักสูตรใดพัฒนา"))
        #expect(r.stdout.contains("= คำแนะนำ: "))
        #expect(r.stdout.hasSuffix(".: คำเตือน 1 รายการ\n"))
        let env = Run(["lint", "."], env: ["LANG": "th_TH.UTF-8"], cwd: dir)
        #expect(env.stdout.contains("คำเตือน[L001]"))
        let clean = try ruleFolder(["a.thaksa": lintSuppressed])
        #expect(Run(["lint", ".", "--lang", "th"], cwd: clean).stdout == "ผ่าน .: ไม่พบข้อสังเกต (ระงับไว้ 1 รายการ)\n")
    }

    @Test func helpRuleListAndUsage() throws {
        let help = Run(["lint", "--help"])
        #expect(help.code == 0)
        #expect(help.stdout.hasPrefix("Usage: thaksa lint"))
        #expect(Run(["help", "lint"]).stdout == help.stdout)
        #expect(Run(["--help"]).stdout.contains("  lint     "))
        let rules = Run(["lint", "--list-rules"])
        #expect(rules.code == 0)
        for r in LintRules.all { #expect(rules.stdout.contains("\(r.id)  warning  \(r.summary(.en))\n      fix: \(r.fix(.en))\n")) }
        #expect(Run(["lint", "--format", "xml"]).code == 2)
        #expect(Run(["lint", "--strickt"]).stderr.hasPrefix("thaksa: unknown option `--strickt`"))
        #expect(Run(["lint", "/nonexistent/rules"]).code == 3)
        #expect(Run(["lnt"]).stderr.contains("did you mean `lint`?"))
    }

    @Test func colourOnlyWhenAsked() throws {
        let dir = try ruleFolder(["a.thaksa": lintOneFinding])
        #expect(!Run(["lint", "."], cwd: dir).stdout.contains("\u{1B}["))
        #expect(Run(["lint", ".", "--color", "always"], cwd: dir).stdout.contains("\u{1B}["))
        #expect(!Run(["lint", ".", "--color", "always", "--format", "github"], cwd: dir).stdout.contains("\u{1B}["))
    }

    @Test func severalRuleSetsWorstExitWins() throws {
        let parent = try ruleFolder([:])
        for (name, text) in [("good", lintClean), ("warn", lintOneFinding)] {
            try FileManager.default.createDirectory(atPath: parent + "/" + name, withIntermediateDirectories: true)
            try text.write(toFile: parent + "/" + name + "/a.thaksa", atomically: true, encoding: .utf8)
        }
        let r = Run(["lint", "."], cwd: parent)
        #expect(r.code == 0)
        #expect(r.stdout.contains("ok good: no lint findings\n"))
        #expect(r.stdout.contains("warn: 1 warning\n"))
        #expect(Run(["lint", ".", "--strict"], cwd: parent).code == 1)
    }

    @Test func defaultsToTheShippedRuleSet() {
        let rules = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("rules/ocsc-bma").path
        let r = Run(["lint", "--format", "json"], env: ["THAKSA_RULES": rules])
        #expect(r.code == 0)
        let json = try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let set = (json?["rule_sets"] as? [[String: Any]])?.first
        #expect((set?["check"] as? [Any])?.isEmpty == true)
        // Every finding on the shipped set is a warning: lint never fails it without --strict.
        #expect(((set?["findings"] as? [[String: Any]]) ?? []).allSatisfy { $0["severity"] as? String == "warning" })
    }
}
