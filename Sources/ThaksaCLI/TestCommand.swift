import Foundation
import ThaksaCore

/// `thaksa test [RULESET | TESTFILE...]`: runs each rule set's `tests/*.csv` against it.
struct TestCommand {
    let cli: CLI

    static let help = """
    Usage: thaksa test [RULESET | TESTFILE...] [--run PATTERN] [--format text|json|junit] [--coverage]
                       [--coverage-min N] [--update] [--lang th|en]

    Runs the test files of each rule set: every `tests/*.csv` in the rule-set folder. A test file is
    an assessment CSV (id, position, unit, group, workload_X, career_path, add, waive, item columns, or
    the lists `has` / `has_not`) with a `case` name, an optional `note`, and expectation columns:
    expect_group, expect_group_reason, expect_required, expect_upcoming, expect_gaps,
    expect_unanswered, expect_band, expect_idp, expect_idp_courses ("DG100: 2.1, 2.2; KB1: 1.6"),
    expect_<score> for any score, and expect_error (a fragment of the message of a row that must be
    rejected). Blank cells are not checked. Without RULESET, the shipped OCSC/BMA rule set is tested
    (the copy built into thaksa when no rules/ocsc-bma folder is found). A TESTFILE (a .csv in a
    rule set's tests/ folder) runs only that file against its rule set.

    Options:
      --run PATTERN      run only the cases whose name matches PATTERN (a regular expression);
                         the others are counted as skipped
      --format F         text (default), json, or junit (JUnit XML for CI systems)
      --coverage         report which requirements, position rules, scores, band cases, IDP picks
                         and course links the tests exercised, per file and line
      --coverage-min N   fail when coverage is below N percent
      --update           write the actual results into the cells that failed (review the diff);
                         passing cases and blank cells are left as they are
      --lang th|en       message language

    Exit codes: 0 all tests pass, 1 a test failed (or coverage is below the minimum),
    2 usage error, 3 unreadable input.

    """

    func run(_ raw: [String]) -> ExitCode {
        let args: Arguments
        let lang: Language
        let format: String
        var minimum: Rational?
        do {
            args = try Arguments(raw, valued: ["--format", "--coverage-min", "--lang", "--color", "--run"],
                                 switches: ["--help", "--coverage", "--update"])
            lang = try cli.language(args)
            format = try args.choice("--format", ["text", "json", "junit"], default: "text")
            if let m = args.options["--coverage-min"] {
                guard let v = Rational(parsing: m), v >= .zero, v <= .hundred else {
                    throw Arguments.UsageError(message: "`--coverage-min` takes a number from 0 to 100")
                }
                minimum = v
            }
        } catch let e as Arguments.UsageError {
            return cli.usage(e.message, TestCommand.help)
        } catch { return .usage }
        if args.flags.contains("--help") { cli.stdout.write(TestCommand.help); return .ok }

        var only: ((String) -> Bool)?
        if let pattern = args.options["--run"] {
            guard let regex = try? NSRegularExpression(pattern: pattern) else {
                return cli.usage("`--run` takes a regular expression; `\(pattern)` is not one", TestCommand.help)
            }
            only = { name in regex.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) != nil }
        }
        let update = args.flags.contains("--update")
        guard let suites = suites(args.positionals, update: update) else { return .usage }
        var worst = ExitCode.ok
        var json: [JSONValue] = []
        var junit = ""
        var totals = (tests: 0, failures: 0, skipped: 0)
        for suite in suites {
            defer { suite.cleanup() }
            let loaded = suite.loaded
            if let code = cli.reportRuleErrors(loaded, suite.shown, lang) { worst = code; continue }
            if suite.files.isEmpty {
                cli.stderr.write(lang == .th ? "คำเตือน: \(suite.shown): ไม่มีไฟล์ทดสอบ (tests/*.csv)\n"
                                             : "warning: \(suite.shown): no test files (tests/*.csv)\n")
            }
            let runner = FixtureRunner(loaded: loaded)
            let (report, rewritten) = runner.run(suite.files, update: update, only: only)
            for (path, bytes) in rewritten.sorted(by: { $0.key < $1.key }) {
                guard FileManager.default.contents(atPath: path).map({ [UInt8]($0) }) != bytes else { continue }
                do {
                    let f = try cli.output(path)
                    f.write(bytes)
                    try f.commit(stdout: cli.stdout)
                    cli.stderr.write("updated \(cli.display(path))\n")
                } catch { cli.stderr.write("thaksa: " + cli.describe(error, lang) + "\n"); worst = .unreadable }
            }
            totals.tests += report.cases.count + report.fileErrors.count + report.skipped
            totals.failures += report.failed
            totals.skipped += report.skipped
            let root = suite.shown
            let below = minimum.map { report.coverage.percent < $0 } ?? false
            if report.failed > 0 || below { if worst == .ok { worst = .problems } }
            let reporter = TestReporter(loaded: loaded, report: report, lang: lang, display: cli.display)
            switch format {
            case "json": json.append(reporter.json(root: root, minimum: minimum))
            case "junit": junit += reporter.junitSuites()
            default:
                cli.stdout.write(reporter.text(showCoverage: args.flags.contains("--coverage") || minimum != nil))
                if below, let m = minimum {
                    cli.stdout.write(lang == .th ? "ความครอบคลุม \(report.coverage.percent.formatted(places: 1))% ต่ำกว่าเกณฑ์ \(m)%\n"
                                                 : "coverage \(report.coverage.percent.formatted(places: 1))% is below the minimum \(m)%\n")
                }
            }
        }
        if format == "json" { cli.stdout.write(JSONValue.object([("rule_sets", .array(json))]).serialized(pretty: true) + "\n") }
        if format == "junit" {
            // time="0": output stays the same bytes for the same rules and tests.
            cli.stdout.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"thaksa test\" tests=\"\(totals.tests)\" "
                + "failures=\"\(totals.failures)\" errors=\"0\" skipped=\"\(totals.skipped)\" time=\"0\">\n" + junit + "</testsuites>\n")
        }
        return worst
    }

    /// One rule set and the test files to run against it.
    struct Suite {
        let loaded: LoadedRuleSet
        let shown: String
        let files: [(path: String, display: String)]
        /// Removes what was unpacked for the built-in rule set.
        var cleanup: () -> Void = {}
    }

    /// What the positionals name: rule-set folders (their tests/*.csv), single test files (run
    /// against the rule set whose tests/ folder holds them), or by default the shipped rule set.
    /// nil after a usage message.
    func suites(_ positionals: [String], update: Bool) -> [Suite]? {
        if positionals.isEmpty {
            if let shipped = ShippedRules.locate(environment: cli.environment, currentDirectory: cli.currentDirectory,
                                                 executableDirectory: cli.executableDirectory) {
                return suites([shipped], update: update)
            }
            guard !update else {
                _ = cli.usage("`--update` cannot change the rule set built into thaksa; give a RULESET folder", TestCommand.help)
                return nil
            }
            return [builtIn()]
        }
        var out: [Suite] = []
        for p in positionals.map(cli.absolute) {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: p, isDirectory: &isDir), !isDir.boolValue, p.lowercased().hasSuffix(".csv") {
                let dir = (p as NSString).deletingLastPathComponent
                let root = (dir as NSString).lastPathComponent == "tests" ? (dir as NSString).deletingLastPathComponent : dir
                out.append(Suite(loaded: RuleSetLoader.load(root, display: cli.display), shown: cli.display(root), files: [(p, cli.display(p))]))
                continue
            }
            for root in RuleSetPaths.expand(p) {
                let files = FixtureRunner.discover(root).map { ($0, cli.display($0)) }
                out.append(Suite(loaded: RuleSetLoader.load(root, display: cli.display), shown: cli.display(root), files: files))
            }
        }
        return out
    }

    /// The built-in copy of the shipped rule set with its test files, unpacked into a private
    /// temporary folder for the run (the reader takes paths).
    func builtIn() -> Suite {
        let loaded = RuleSetLoader.load(files: ShippedRules.embedded)
        let tmp = (cli.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp") + "/thaksa-tests-\(getpid())-\(UUID().uuidString.prefix(8))"
        var files: [(path: String, display: String)] = []
        if (try? FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])) != nil {
            for (name, bytes) in ShippedRules.embeddedTests where FileManager.default.createFile(atPath: tmp + "/" + name, contents: Data(bytes)) {
                files.append((tmp + "/" + name, ShippedRules.builtIn + "/tests/" + name))
            }
        }
        return Suite(loaded: loaded, shown: ShippedRules.builtIn, files: files.sorted { $0.path < $1.path },
                     cleanup: { try? FileManager.default.removeItem(atPath: tmp) })
    }
}

/// Renders a fixture report as text, JSON or JUnit XML.
struct TestReporter {
    let loaded: LoadedRuleSet
    let report: FixtureRunner.Report
    let lang: Language
    let display: (String) -> String

    func location(_ span: SourceSpan?) -> String? {
        guard let span, let f = loaded.sources[span.file] else { return nil }
        let l = f.location(of: span.start)
        return "\(f.path):\(l.line)"
    }

    func text(showCoverage: Bool) -> String {
        let th = lang == .th
        var out = ""
        for e in report.fileErrors { out += (th ? "ข้อผิดพลาด: " : "error: ") + e.rendered(lang) + "\n" }
        for c in report.cases where !c.passed {
            out += (th ? "ไม่ผ่าน " : "FAIL ") + "\(c.file):\(c.row)  \(c.name)\n"
            for f in c.failures {
                if f.field == "error" && f.expected.isEmpty {
                    out += (th ? "  ถูกปฏิเสธโดยไม่คาดคิด: " : "  rejected unexpectedly: ") + f.actual + "\n"
                    continue
                }
                out += "  \(f.field):\n    " + (th ? "คาดว่า " : "expected ") + (f.expected.isEmpty ? "-" : f.expected) + "\n    "
                out += (th ? "ได้จริง " : "actual   ") + (f.actual.isEmpty ? "-" : f.actual) + "\n"
                if let at = location(f.rule) { out += "    " + (th ? "กฎที่ให้ค่านี้: " : "decided by: ") + at + "\n" }
            }
        }
        if showCoverage { out += coverageText() }
        out += th ? "ผ่าน \(report.passed) ไม่ผ่าน \(report.failed)" + (report.skipped > 0 ? " ข้าม \(report.skipped)" : "") + "\n"
                  : "\(report.passed) passed, \(report.failed) failed" + (report.skipped > 0 ? ", \(report.skipped) skipped" : "") + "\n"
        return out
    }

    func coverageText() -> String {
        let c = report.coverage
        // Missed units by line; a course line names its missed links, as one course can serve several items.
        var byFile: [Int: (total: Int, hit: Int, missed: [(line: Int, text: String)])] = [:]
        for (i, u) in c.units.enumerated() {
            let line = loaded.sources[u.span.file]?.line(of: u.span.start) ?? 0
            var entry = byFile[u.span.file] ?? (0, 0, [])
            entry.total += 1
            let text = u.kind == "course link" ? "\(line) (\(u.label))" : String(line)
            if c.hit.contains(i) { entry.hit += 1 } else if !entry.missed.contains(where: { $0.text == text }) { entry.missed.append((line, text)) }
            byFile[u.span.file] = entry
        }
        var out = (lang == .th ? "ความครอบคลุม" : "coverage") + " \(c.percent.formatted(places: 1))% (\(c.hit.count)/\(c.units.count))\n"
        for file in byFile.keys.sorted() {
            guard let e = byFile[file], let f = loaded.sources[file] else { continue }
            let pct = Rational(Int64(e.hit * 100), Int64(max(1, e.total)))!.formatted(places: 1)
            out += "  \(f.path): \(pct)% (\(e.hit)/\(e.total))"
            if !e.missed.isEmpty {
                let lines = e.missed.sorted { ($0.line, $0.text) < ($1.line, $1.text) }.prefix(20).map(\.text).joined(separator: ", ")
                out += (lang == .th ? " ไม่ครอบคลุมบรรทัด " : "; not exercised: lines ") + lines + (e.missed.count > 20 ? ", …" : "")
            }
            out += "\n"
        }
        return out
    }

    func json(root: String, minimum: Rational?) -> JSONValue {
        let cases = report.cases.map { c -> JSONValue in
            .object([("file", .string(c.file)), ("row", .int(c.row)), ("case", .string(c.name)), ("passed", .bool(c.passed)),
                     ("failures", .array(c.failures.map { f in
                         .object([("field", .string(f.field)), ("expected", .string(f.expected)), ("actual", .string(f.actual)),
                                  ("rule", location(f.rule).map(JSONValue.string) ?? .null)])
                     }))])
        }
        let c = report.coverage
        let missed = c.units.indices.filter { !c.hit.contains($0) }.map { i -> JSONValue in
            .object([("kind", .string(c.units[i].kind)), ("what", .string(c.units[i].label)),
                     ("at", location(c.units[i].span).map(JSONValue.string) ?? .null)])
        }
        return .object([("rule_set", .string(root)), ("passed", .int(report.passed)), ("failed", .int(report.failed)),
                        ("skipped", .int(report.skipped)),
                        ("file_errors", .array(report.fileErrors.map { .string($0.rendered(lang)) })),
                        ("cases", .array(cases)),
                        ("coverage", .object([("percent", .number(c.percent.formatted(places: 1))), ("exercised", .int(c.hit.count)),
                                              ("total", .int(c.units.count)), ("minimum", minimum.map { .number($0.description) } ?? .null),
                                              ("not_exercised", .array(missed))]))])
    }

    func junitSuites() -> String {
        var byFile: [String: [(FixtureRunner.CaseResult, skipped: Bool)]] = [:]
        var order: [String] = []
        for (c, skipped) in report.cases.map({ ($0, false) }) + report.skippedCases.map({ ($0, true) }) {
            if byFile[c.file] == nil { order.append(c.file) }
            byFile[c.file, default: []].append((c, skipped))
        }
        var out = ""
        for file in order {
            let cases = (byFile[file] ?? []).sorted { $0.0.row < $1.0.row }
            out += "  <testsuite name=\"\(xml(file))\" tests=\"\(cases.count)\" failures=\"\(cases.filter { !$0.0.passed }.count)\" "
                + "errors=\"0\" skipped=\"\(cases.filter(\.skipped).count)\" time=\"0\">\n"
            for (c, skipped) in cases {
                out += "    <testcase classname=\"\(xml(file))\" name=\"\(xml(c.name))\" time=\"0\""
                if skipped { out += ">\n      <skipped/>\n    </testcase>\n"; continue }
                if c.passed { out += "/>\n"; continue }
                let message = c.failures.map { "\($0.field): expected \($0.expected), actual \($0.actual)" }.joined(separator: "; ")
                out += ">\n      <failure message=\"\(xml(message))\">\(xml(file)):\(c.row)</failure>\n    </testcase>\n"
            }
            out += "  </testsuite>\n"
        }
        for e in report.fileErrors {
            out += "  <testsuite name=\"\(xml(e.file))\" tests=\"1\" failures=\"1\" errors=\"0\" skipped=\"0\" time=\"0\">\n"
            out += "    <testcase classname=\"\(xml(e.file))\" name=\"test file\" time=\"0\">\n"
            out += "      <failure message=\"\(xml(e.rendered(lang)))\"/>\n    </testcase>\n  </testsuite>\n"
        }
        return out
    }

    func xml(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n": out += "&#10;"
            default: out.append(ch)
            }
        }
        return out
    }
}
