import Foundation
import Testing
@testable import ThaksaCLI
import ThaksaCore

let unformatted = """
kind a  "x"
kind b "y"
kind c "z"
kind d "w"
kind e "v"
kind f "u"
kind g "t"
kind h "s"
scale s "t" { level 1 "x" }   # trailing

"""

let canonical = """
kind a "x"
kind b "y"
kind c "z"
kind d "w"
kind e "v"
kind f "u"
kind g "t"
kind h "s"
scale s "t" {
  level 1 "x"
}  # trailing

"""

func contents(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

@Suite struct FmtCommandTests {
    @Test func printsOneFileFormattedOnStdout() throws {
        let dir = try ruleFolder(["a.thaksa": unformatted])
        let r = Run(["fmt", "a.thaksa"], cwd: dir)
        #expect(r.code == 0)
        #expect(r.stdout == canonical)
        #expect(r.stderr == "")
        #expect(contents(dir + "/a.thaksa") == unformatted)
    }

    @Test func checkPrintsAUnifiedDiffAndExitsOne() throws {
        let dir = try ruleFolder(["a.thaksa": unformatted, "b.thaksa": canonical])
        let r = Run(["fmt", "--check", "."], cwd: dir)
        #expect(r.code == 1)
        #expect(r.stderr == "")
        #expect(r.stdout == """
        --- a/a.thaksa
        +++ b/a.thaksa
        @@ -1,4 +1,4 @@
        -kind a  "x"
        +kind a "x"
         kind b "y"
         kind c "z"
         kind d "w"
        @@ -6,4 +6,6 @@
         kind f "u"
         kind g "t"
         kind h "s"
        -scale s "t" { level 1 "x" }   # trailing
        +scale s "t" {
        +  level 1 "x"
        +}  # trailing

        """)
        #expect(contents(dir + "/a.thaksa") == unformatted)
        let clean = Run(["fmt", "--check", "b.thaksa"], cwd: dir)
        #expect(clean.code == 0)
        #expect(clean.stdout == "")
    }

    /// `fmt` reads the folders `check` reads: a rule-set folder's own files, or each rule-set
    /// sub-folder of a folder without any; a deeper folder (fixtures, drafts) is not formatted.
    @Test func foldersAreReadAsCheckReadsThem() throws {
        let dir = try ruleFolder(["a.thaksa": canonical])
        try FileManager.default.createDirectory(atPath: dir + "/drafts", withIntermediateDirectories: true)
        try unformatted.write(toFile: dir + "/drafts/b.thaksa", atomically: true, encoding: .utf8)
        #expect(Run(["fmt", "--check", "."], cwd: dir).code == 0)
        let rules = try ruleFolder(["a.thaksa": cleanRules + "\n"])
        try FileManager.default.createDirectory(atPath: rules + "/drafts", withIntermediateDirectories: true)
        try "kind broken".write(toFile: rules + "/drafts/b.thaksa", atomically: true, encoding: .utf8)
        #expect(Run(["check", "."], cwd: rules).code == 0)
        // A folder of rule sets: each sub-folder with .thaksa files, for both commands.
        let parent = try ruleFolder([:])
        try FileManager.default.createDirectory(atPath: parent + "/one", withIntermediateDirectories: true)
        try unformatted.write(toFile: parent + "/one/x.thaksa", atomically: true, encoding: .utf8)
        let r = Run(["fmt", "--check", "."], cwd: parent)
        #expect(r.code == 1)
        #expect(r.stdout.contains("+++ b/one/x.thaksa"))
    }

    @Test func checkMarksAMissingFinalNewline() throws {
        let dir = try ruleFolder(["n.thaksa": "kind a \"x\""])
        let r = Run(["fmt", "--check", "n.thaksa"], cwd: dir)
        #expect(r.code == 1)
        #expect(r.stdout == "--- a/n.thaksa\n+++ b/n.thaksa\n@@ -1 +1 @@\n-kind a \"x\"\n\\ No newline at end of file\n+kind a \"x\"\n")
    }

    @Test func writeRewritesOnlyWhatChanged() throws {
        let dir = try ruleFolder(["a.thaksa": unformatted, "b.thaksa": canonical])
        try FileManager.default.createDirectory(atPath: dir + "/sub/deeper", withIntermediateDirectories: true)
        try unformatted.write(toFile: dir + "/sub/deeper/c.thaksa", atomically: true, encoding: .utf8)
        try "not rules".write(toFile: dir + "/sub/notes.txt", atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: dir + "/a.thaksa")
        let before = try FileManager.default.attributesOfItem(atPath: dir + "/b.thaksa")[.modificationDate] as? Date

        let r = Run(["fmt", "--write", "."], cwd: dir)
        #expect(r.code == 0)
        #expect(r.stdout == "formatted a.thaksa\n")   // a deeper folder is not a file of this rule set
        #expect(contents(dir + "/a.thaksa") == canonical)
        #expect(contents(dir + "/sub/deeper/c.thaksa") == unformatted)
        #expect(contents(dir + "/sub/notes.txt") == "not rules")
        let mode = try FileManager.default.attributesOfItem(atPath: dir + "/a.thaksa")[.posixPermissions] as? Int
        #expect(mode == 0o640)
        let after = try FileManager.default.attributesOfItem(atPath: dir + "/b.thaksa")[.modificationDate] as? Date
        #expect(before == after)
        // No temporary files left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["a.thaksa", "b.thaksa", "sub"])

        let again = Run(["fmt", "--check", "."], cwd: dir)
        #expect(again.code == 0)
        #expect(again.stdout == "")
        let noop = Run(["fmt", "--write", "."], cwd: dir)
        #expect(noop.code == 0)
        #expect(noop.stdout == "")
    }

    @Test func defaultsToTheRulesFolder() throws {
        let dir = try ruleFolder([:])
        try FileManager.default.createDirectory(atPath: dir + "/rules/set", withIntermediateDirectories: true)
        try unformatted.write(toFile: dir + "/rules/set/a.thaksa", atomically: true, encoding: .utf8)
        let r = Run(["fmt", "--check"], cwd: dir)
        #expect(r.code == 1)
        #expect(r.stdout.hasPrefix("--- a/rules/set/a.thaksa\n+++ b/rules/set/a.thaksa\n"))
        let none = Run(["fmt", "--check"], cwd: try ruleFolder([:]))
        #expect(none.code == 2)
        #expect(none.stderr.hasPrefix("thaksa: no PATH given and no `rules/` folder here"))
    }

    @Test func syntaxErrorsAreReportedAndNothingIsWritten() throws {
        let broken = "kind a \"x\"\nscale s \"t\" { level }\n"
        let dir = try ruleFolder(["a.thaksa": unformatted, "bad.thaksa": broken])
        let r = Run(["fmt", "--write", "."], cwd: dir)
        #expect(r.code == 1)
        #expect(r.stdout == "")
        #expect(r.stderr.contains("error[P001]"))
        #expect(r.stderr.contains("--> bad.thaksa:2:21"))
        #expect(contents(dir + "/bad.thaksa") == broken)
        #expect(contents(dir + "/a.thaksa") == unformatted)   // all or nothing

        let check = Run(["fmt", "--check", "."], cwd: dir)
        #expect(check.code == 1)
        #expect(check.stderr.contains("error[P001]"))
        #expect(check.stdout.hasPrefix("--- a/a.thaksa"))   // the other files are still checked

        let single = Run(["fmt", "bad.thaksa"], cwd: dir)
        #expect(single.code == 1)
        #expect(single.stdout == "")
        #expect(contents(dir + "/bad.thaksa") == broken)
    }

    @Test func missingOrEmptyInputExitsThree() throws {
        let dir = try ruleFolder(["a.thaksa": unformatted])
        let missing = Run(["fmt", "--write", "a.thaksa", "nope.thaksa"], cwd: dir)
        #expect(missing.code == 3)
        #expect(missing.stderr == "thaksa: cannot read `nope.thaksa`: no such file or folder\n")
        #expect(contents(dir + "/a.thaksa") == unformatted)
        let empty = try ruleFolder(["readme.txt": "x"])
        let none = Run(["fmt", "--check", "."], cwd: empty)
        #expect(none.code == 3)
        #expect(none.stderr == "thaksa: no .thaksa files in `.`\n")
    }

    @Test func usageErrorsExitTwo() throws {
        let dir = try ruleFolder(["a.thaksa": unformatted, "b.thaksa": canonical])
        #expect(Run(["fmt", "--check", "--write", "."], cwd: dir).code == 2)
        let many = Run(["fmt", "."], cwd: dir)
        #expect(many.code == 2)
        #expect(many.stderr.hasPrefix("thaksa: printing to stdout takes one file (found 2)"))
        #expect(Run(["fmt", "--chek", "."], cwd: dir).code == 2)
        #expect(Run(["fmt", "--write=yes", "."], cwd: dir).code == 2)
        #expect(contents(dir + "/a.thaksa") == unformatted)
    }

    @Test func help() {
        let r = Run(["fmt", "--help"])
        #expect(r.code == 0)
        #expect(r.stdout.hasPrefix("Usage: thaksa fmt [PATH...] [--check | --write]"))
        #expect(Run(["help", "fmt"]).stdout == r.stdout)
        #expect(Run(["--help"]).stdout.contains("  fmt      format rule files"))
    }

    @Test func theShippedRulesPassTheCheck() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let r = Run(["fmt", "--check", "rules"], cwd: root.path)
        #expect(r.stderr == "")
        #expect(r.code == 0, "\(r.stdout.prefix(2000))")
    }
}

@Suite struct UnifiedDiffTests {
    @Test func equalTextsGiveNoDiff() {
        #expect(UnifiedDiff.diff("a\nb\n", "a\nb\n", oldName: "x", newName: "y") == "")
        #expect(UnifiedDiff.diff("", "", oldName: "x", newName: "y") == "")
    }

    @Test func nearbyChangesShareAHunkAndFarOnesDoNot() {
        let old = (1...20).map { "l\($0)" }.joined(separator: "\n") + "\n"
        var lines = (1...20).map { "l\($0)" }
        lines[1] = "L2"; lines[7] = "L8"; lines.remove(at: 17)
        let new = lines.joined(separator: "\n") + "\n"
        #expect(UnifiedDiff.diff(old, new, oldName: "a/f", newName: "b/f") == """
        --- a/f
        +++ b/f
        @@ -1,11 +1,11 @@
         l1
        -l2
        +L2
         l3
         l4
         l5
         l6
         l7
        -l8
        +L8
         l9
         l10
         l11
        @@ -15,6 +15,5 @@
         l15
         l16
         l17
        -l18
         l19
         l20

        """)
    }

    @Test func fromAndToEmpty() {
        #expect(UnifiedDiff.diff("", "a\n", oldName: "x", newName: "y") == "--- x\n+++ y\n@@ -0,0 +1 @@\n+a\n")
        #expect(UnifiedDiff.diff("a\nb\n", "", oldName: "x", newName: "y") == "--- x\n+++ y\n@@ -1,2 +0,0 @@\n-a\n-b\n")
    }

    @Test func thaiLinesCompareWhole() {
        #expect(UnifiedDiff.diff("ก\nข\n", "ก\nค\n", oldName: "x", newName: "y") == "--- x\n+++ y\n@@ -1,2 +1,2 @@\n ก\n-ข\n+ค\n")
    }

    /// The edit script keeps a longest common subsequence and rebuilds both texts.
    @Test func editScriptIsMinimal() {
        var seed: UInt64 = 7
        func random(_ bound: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(bound))
        }
        for _ in 0..<300 {
            let a = (0..<random(12)).map { _ in UnifiedDiff.Line(text: ["a", "b", "c"][random(3)]) }
            let b = (0..<random(12)).map { _ in UnifiedDiff.Line(text: ["a", "b", "c"][random(3)]) }
            var lcs = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
            for i in stride(from: a.count - 1, through: 0, by: -1) {
                for j in stride(from: b.count - 1, through: 0, by: -1) {
                    lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
                }
            }
            let ops = UnifiedDiff.script(a, b)
            var oldSide: [UnifiedDiff.Line] = [], newSide: [UnifiedDiff.Line] = [], same = 0
            for op in ops {
                switch op {
                case .same(let i, let j): oldSide.append(a[i]); newSide.append(b[j]); #expect(a[i] == b[j]); same += 1
                case .delete(let i): oldSide.append(a[i])
                case .insert(let j): newSide.append(b[j])
                }
            }
            #expect(oldSide == a && newSide == b)
            #expect(same == lcs[0][0])
        }
    }

    @Test func longFilesWithFewChangesGiveSmallHunks() {
        let old = (1...20_000).map { "line \($0)" }
        var new = old
        new[10] = "changed"
        new.insert("added", at: 15_000)
        let d = UnifiedDiff.diff(old.joined(separator: "\n") + "\n", new.joined(separator: "\n") + "\n", oldName: "a", newName: "b")
        #expect(d.split(separator: "\n").count == 2 + 1 + 8 + 1 + 7)
        #expect(d.contains("@@ -8,7 +8,7 @@\n"))
        #expect(d.contains("@@ -14998,6 +14998,7 @@\n"))
    }
}
