import Foundation
import Testing
@testable import ThaksaCLI
import ThaksaCore

/// Runs the CLI in-process with captured streams.
struct Run {
    let code: Int32
    let stdout: String
    let stderr: String
    let stdoutBytes: [UInt8]

    /// `out` and `writer` put in faults: a stdout that fails, a disk that fills up.
    init(_ args: [String], env: [String: String] = [:], cwd: String = FileManager.default.currentDirectoryPath,
         stdout out: BufferOutput = BufferOutput(), writer: FileWriter = .system) {
        let err = BufferOutput()
        var cli = CLI(environment: env, stdout: out, stderr: err, executableDirectory: nil, currentDirectory: cwd)
        cli.fileWriter = writer
        code = cli.run(args)
        stdout = out.text
        stdoutBytes = out.bytes
        stderr = err.text
    }
}

/// The value of each target in a `summary --format json` run, by target name.
func targetValues(_ r: Run) throws -> [String: Double] {
    let json = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    let targets = try #require(json["targets"] as? [[String: Any]])
    var values: [String: Double] = [:]
    for t in targets { values[t["target"] as? String ?? ""] = (t["value"] as? NSNumber)?.doubleValue }
    return values
}

/// A temporary rule-set folder with the given files.
func ruleFolder(_ files: [String: String]) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("thaksa-cli-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    for (name, text) in files { try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8) }
    return dir
}

let cleanRules = """
kind ability "ความสามารถ"
scale have "มี/ไม่มี" { level 0 "ไม่มี" level 1 "มี" }
item DLit100 ability "เข้าถึงและตระหนักรู้ดิจิทัล"
phase early "ระยะเริ่มแรก"
group E "ผู้บริหารระดับสูง" { phase early { require DLit100 } }
score readiness = round(100 * count(required where held) / max(count(required), 1), 1)
"""

let brokenRules = """
kind ability "ความสามารถ"
scale have "มี/ไม่มี" { level 0 "ไม่มี" level 1 "มี" }
item DLit100 ability "เข้าถึงและตระหนักรู้ดิจิทัล"
phase early "ระยะเริ่มแรก"
group E "ผู้บริหารระดับสูง" { phase early { require DLit10 } }
"""

@Suite struct CheckCommandTests {
    @Test func cleanRuleSetExitsZeroWithSummaryOnStdout() throws {
        let dir = try ruleFolder(["a.thaksa": cleanRules])
        let r = Run(["check", dir], cwd: dir)
        #expect(r.code == 0)
        #expect(r.stderr == "")
        #expect(r.stdout == "ok .: 1 files, 1 items, 1 groups, 0 positions, 0 courses, 1 scores, 0 targets\n")
    }

    @Test func errorsGoToStderrWithLocationAndSuggestion() throws {
        let dir = try ruleFolder(["groups.thaksa": brokenRules])
        let r = Run(["check", "."], cwd: dir)
        #expect(r.code == 1)
        #expect(r.stdout == "")
        #expect(r.stderr == """
        error[C002]: unknown name `DLit10`
         --> groups.thaksa:5:48
          |
        5 | group E "ผู้บริหารระดับสูง" { phase early { require DLit10 } }
          |                                                ^^^^^^ did you mean `DLit100`?

        1 error, 0 warnings

        """)
    }

    @Test func thaiMessages() throws {
        let dir = try ruleFolder(["groups.thaksa": brokenRules])
        let r = Run(["check", ".", "--lang", "th"], cwd: dir)
        #expect(r.stderr.contains("ข้อผิดพลาด[C002]: ไม่รู้จักชื่อ `DLit10`"))
        #expect(r.stderr.contains("หมายถึง `DLit100` หรือไม่?"))
        let env = Run(["check", "."], env: ["LANG": "th_TH.UTF-8"], cwd: dir)
        #expect(env.stderr.contains("ไม่รู้จักชื่อ"))
    }

    @Test func jsonFormatCarriesTheSameData() throws {
        let dir = try ruleFolder(["groups.thaksa": brokenRules])
        let r = Run(["check", ".", "--format", "json"], cwd: dir)
        #expect(r.code == 1)
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let sets = json["rule_sets"] as! [[String: Any]]
        let d = (sets[0]["diagnostics"] as! [[String: Any]])[0]
        #expect(d["code"] as? String == "C002")
        #expect(d["file"] as? String == "groups.thaksa")
        #expect(d["line"] as? Int == 5)
        #expect(d["column"] as? Int == 48)
        #expect(d["suggestion"] as? String == "DLit100")
    }

    @Test func colourOnlyWhenAsked() throws {
        let dir = try ruleFolder(["groups.thaksa": brokenRules])
        #expect(!Run(["check", "."], cwd: dir).stderr.contains("\u{1B}["))
        #expect(Run(["check", ".", "--color", "always"], cwd: dir).stderr.contains("\u{1B}["))
    }

    @Test func usageAndUnreadableExitCodes() throws {
        #expect(Run([]).code == 2)
        let unknown = Run(["chek"])
        #expect(unknown.code == 2)
        #expect(unknown.stderr.hasPrefix("thaksa: unknown command `chek` (did you mean `check`?)"))
        #expect(Run(["check", "--frmat", "json"]).code == 2)
        #expect(Run(["check", "--format", "xml"]).code == 2)
        let missing = Run(["check", "/nonexistent/rules"])
        #expect(missing.code == 3)
        #expect(missing.stderr.contains("cannot read `/nonexistent/rules`: no such file or folder"))
        let empty = try ruleFolder([:])
        #expect(Run(["check", empty]).code == 3)
    }

    @Test func everyCommandHasHelp() {
        let main = Run(["--help"])
        #expect(main.code == 0)
        #expect(main.stdout.contains("Exit codes: 0 ok, 1 problems found, 2 usage error, 3 unreadable input."))
        let check = Run(["check", "--help"])
        #expect(check.code == 0)
        #expect(check.stdout.hasPrefix("Usage: thaksa check"))
    }
}

/// A few runs of the real executable: process exit codes and stream separation.
@Suite struct BinaryTests {
    var binary: String? {
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for base in [dir, dir.deletingLastPathComponent(), dir.deletingLastPathComponent().deletingLastPathComponent()] {
            let candidate = base.appendingPathComponent("thaksa").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    func run(_ args: [String], cwd: String) throws -> (Int32, String, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try #require(binary))
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: cwd)
        p.environment = ["NO_COLOR": "1", "LANG": "C"]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    @Test func checkThroughTheProcess() throws {
        let bad = try ruleFolder(["groups.thaksa": brokenRules])
        let (code, out, err) = try run(["check", "."], cwd: bad)
        #expect(code == 1)
        #expect(out.isEmpty)
        #expect(err.contains("groups.thaksa:5:48"))
        let good = try ruleFolder(["a.thaksa": cleanRules])
        #expect(try run(["check", "."], cwd: good).0 == 0)
        #expect(try run(["nope"], cwd: good).0 == 2)
    }
}

@Suite struct BuiltInRulesTests {
    /// Far from any checkout, the shipped rule set still comes with the binary.
    @Test func shippedRulesWorkFromAnyFolder() throws {
        let elsewhere = try ruleFolder([:])
        let r = Run(["check"], cwd: elsewhere)
        #expect(r.code == 0)
        #expect(r.stdout == "ok <built-in>/ocsc-bma: 13 files, 69 items, 6 groups, 134 positions, 114 courses, 18 scores, 6 targets\n")
    }

    /// The built-in copy is the files in rules/ocsc-bma, byte for byte.
    @Test func builtInCopyMatchesTheRuleFiles() throws {
        for (path, text) in ShippedRules.embedded {
            let name = String(path.dropFirst(ShippedRules.builtIn.count + 1))
            let disk = try String(contentsOfFile: repositoryRoot + "/rules/ocsc-bma/" + name, encoding: .utf8)
            #expect(text == disk, "\(name)")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: repositoryRoot + "/rules/ocsc-bma").filter { $0.hasSuffix(".thaksa") }
        #expect(ShippedRules.embedded.count == files.count)
    }
}
