import Foundation
import Testing
@testable import ThaksaCLI
import ThaksaCore

/// `thaksa test`: what --update may change, one file or some cases at a time, the built-in rule
/// set's tests from any folder, JUnit totals.
@Suite struct TestCommandRunTests {
    let rules = TestCommandTests().rules

    func folder(_ files: [String: String]) throws -> String {
        let dir = try ruleFolder(["rules.thaksa": rules])
        try FileManager.default.createDirectory(atPath: dir + "/tests", withIntermediateDirectories: true)
        for (name, text) in files { try text.write(toFile: dir + "/tests/" + name, atomically: true, encoding: .utf8) }
        return dir
    }

    @Test("--update on a passing suite changes no byte: blank cells, short error fragments, 100.0, quoting, CRLF")
    func updateLeavesPassingCasesAlone() throws {
        let text = "\u{FEFF}case,note,id,group,has,has_not,expect_gaps,expect_readiness,expect_error\r\n"
            + "blank,\"not, checked\",P1,S,DLit100,DLit200,,,\r\n"
            + "full,,P2,S,DLit100;DLit200,,,100.0,\r\n"
            + "\"rejected\",,P3,Z,,,,,unknown group\r\n"
        let dir = try folder(["a.csv": text])
        let r = Run(["test", ".", "--update"], cwd: dir)
        #expect(r.code == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.isEmpty)
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/tests/a.csv")) == Data(text.utf8))
    }

    @Test("--update on the shipped suite (which passes) rewrites none of its hand-written files")
    func updateShippedSuiteIsANoOp() throws {
        let dir = try shippedCopy()
        let names = try FileManager.default.contentsOfDirectory(atPath: dir + "/tests").sorted()
        let before = try names.map { try Data(contentsOf: URL(fileURLWithPath: dir + "/tests/" + $0)) }
        let r = Run(["test", dir, "--update"], cwd: dir)
        #expect(r.code == 0)
        #expect(!r.stderr.contains("updated"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/tests").sorted() == names)
        #expect(try names.map { try Data(contentsOf: URL(fileURLWithPath: dir + "/tests/" + $0)) } == before)
    }

    @Test("--update rewrites only the failing cells of failing cases")
    func updateChangesOnlyFailingCells() throws {
        let text = "case,id,group,has,has_not,expect_gaps,expect_readiness\r\n"
            + "ok,P1,S,DLit100,DLit200,,50.0\r\n"
            + "wrong,P2,S,DLit100,DLit200,,66.7\r\n"
        let dir = try folder(["a.csv": text])
        let r = Run(["test", ".", "--update"], cwd: dir)
        #expect(r.code == 1)
        #expect(r.stderr == "updated tests/a.csv\n")
        #expect(try String(contentsOfFile: dir + "/tests/a.csv", encoding: .utf8) ==
                "case,id,group,has,has_not,expect_gaps,expect_readiness\r\nok,P1,S,DLit100,DLit200,,50.0\r\nwrong,P2,S,DLit100,DLit200,,50\r\n")
        #expect(Run(["test", "."], cwd: dir).code == 0)
    }

    @Test("--update under a full disk: exit 3, the fixture kept, no temporary file")
    func updateDiskFull() throws {
        let text = "case,id,group,has,has_not,expect_readiness\nwrong,P2,S,DLit100,DLit200,66.7\n"
        let dir = try folder(["a.csv": text])
        let r = Run(["test", ".", "--update"], cwd: dir, writer: .failing(after: 10))
        #expect(r.code == 3)
        #expect(r.stderr.contains("cannot write `tests/a.csv`: no space left on the device"))
        #expect(try String(contentsOfFile: dir + "/tests/a.csv", encoding: .utf8) == text)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/tests") == ["a.csv"])
    }

    @Test("a test file given alone runs against its rule set; --run picks cases by name")
    func oneFileAndSomeCases() throws {
        let dir = try folder(["a.csv": "case,id,group,has,expect_readiness\nfirst,P1,S,DLit100,50\nsecond,P2,S,DLit100,0\n",
                              "b.csv": "case,id,group,has,expect_readiness\nother,P3,S,,0\n"])
        let one = Run(["test", "tests/b.csv"], cwd: dir)
        #expect(one.code == 0, "\(one.stdout)\(one.stderr)")
        #expect(one.stdout == "1 passed, 0 failed\n")
        let some = Run(["test", ".", "--run", "^fir"], cwd: dir)
        #expect(some.code == 0)
        #expect(some.stdout == "1 passed, 0 failed, 2 skipped\n")
        #expect(Run(["test", ".", "--run", "sec"], cwd: dir).code == 1)
        #expect(Run(["test", ".", "--run", "("], cwd: dir).code == 2)
        // The shipped fixture named in the issue.
        let shipped = Run(["test", "rules/ocsc-bma/tests/answers.csv"], cwd: repositoryRoot)
        #expect(shipped.code == 0, "\(shipped.stdout)\(shipped.stderr)")
        #expect(shipped.stdout.hasSuffix(" passed, 0 failed\n"))
    }

    @Test("JUnit output has totals, skipped and time")
    func junit() throws {
        let dir = try folder(["a.csv": "case,id,group,has,expect_readiness\nfirst,P1,S,DLit100,50\nsecond,P2,S,DLit100,0\n"])
        let r = Run(["test", ".", "--format", "junit", "--run", "second"], cwd: dir)
        #expect(r.stdout.contains(#"<testsuites name="thaksa test" tests="2" failures="1" errors="0" skipped="1" time="0">"#))
        #expect(r.stdout.contains(#"<testsuite name="tests/a.csv" tests="2" failures="1" errors="0" skipped="1" time="0">"#))
        #expect(r.stdout.contains("<testcase classname=\"tests/a.csv\" name=\"first\" time=\"0\">\n      <skipped/>\n    </testcase>"))
        #expect(r.stdout.contains("<testcase classname=\"tests/a.csv\" name=\"second\" time=\"0\">\n      <failure"))
    }

    @Test("outside a checkout, `thaksa test` runs the built-in rule set's tests, like check and lint")
    func builtInTests() throws {
        let elsewhere = try ruleFolder([:])
        let r = Run(["test"], cwd: elsewhere)
        #expect(r.code == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.hasSuffix(" passed, 0 failed\n"))
        let count = Int(r.stdout.split(separator: "\n").last?.split(separator: " ").first ?? "") ?? 0
        let disk = Run(["test", repositoryRoot + "/rules/ocsc-bma"], cwd: repositoryRoot)
        #expect(disk.stdout.hasSuffix("\(count) passed, 0 failed\n"))
        #expect(count > 100)
        #expect(Run(["test", "--update"], cwd: elsewhere).code == 2)
        // Nothing unpacked is left behind.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()).filter { $0.hasPrefix("thaksa-tests-\(getpid())-") }
        #expect(leftovers.isEmpty)
    }
}
