import Foundation
import ThaksaCore

/// `thaksa test [RULESET...]`: runs each rule set's `tests/*.csv` against it.
struct TestCommand {
    let cli: CLI

    static let help = """
    Usage: thaksa test [RULESET...] [--format text|json|junit] [--coverage] [--coverage-min N]
                       [--update] [--lang th|en]

    Runs the test files of each rule set: every `tests/*.csv` in the rule-set folder. A test file is
    an assessment CSV (id, position, unit, group, workload_X, career_path, add, waive, item columns, or
    the lists `has` / `has_not`) with a `case` name, an optional `note`, and expectation columns:
    expect_group, expect_group_reason, expect_required, expect_upcoming, expect_gaps,
    expect_unanswered, expect_band, expect_idp, expect_idp_courses ("DG100: 2.1, 2.2; KB1: 1.6"),
    expect_<score> for any score, and expect_error (a fragment of the message of a row that must be
    rejected). Blank cells are not checked. Without RULESET, the shipped OCSC/BMA rule set is tested.

    Options:
      --format F         text (default), json, or junit (JUnit XML for CI systems)
      --coverage         report which requirements, position rules, scores, band cases, IDP picks
                         and course links the tests exercised, per file and line
      --coverage-min N   fail when coverage is below N percent
      --update           write the actual results into the expectation columns (review the diff)
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
            args = try Arguments(raw, valued: ["--format", "--coverage-min", "--lang", "--color"],
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

        var roots = args.positionals.map(cli.absolute)
        if roots.isEmpty {
            guard let shipped = ShippedRules.locate(environment: cli.environment, currentDirectory: cli.currentDirectory,
                                                    executableDirectory: cli.executableDirectory) else {
                cli.stderr.write("thaksa: cannot find the shipped rule set (\(ShippedRules.relative)); give a RULESET folder\n")
                return .unreadable
            }
            roots = [cli.absolute(shipped)]
        }
        var worst = ExitCode.ok
        var json: [JSONValue] = []
        var junit = ""
        for root in roots.flatMap(RuleSetPaths.expand) {
            let loaded = RuleSetLoader.load(root, display: cli.display)
            if let code = cli.reportRuleErrors(loaded, cli.display(root), lang) { worst = code; continue }
            let files = FixtureRunner.discover(root).map { ($0, cli.display($0)) }
            if files.isEmpty { cli.stderr.write("warning: \(cli.display(root)): no test files (tests/*.csv)\n") }
            let runner = FixtureRunner(loaded: loaded)
            let (report, rewritten) = runner.run(files, update: args.flags.contains("--update"))
            for (path, text) in rewritten.sorted(by: { $0.key < $1.key }) {
                let old = try? String(contentsOfFile: path, encoding: .utf8)
                guard old != text else { continue }
                do {
                    let f = try cli.output(path)
                    f.write(text)
                    try f.commit(stdout: cli.stdout)
                    cli.stderr.write("updated \(cli.display(path))\n")
                } catch { cli.stderr.write("thaksa: " + cli.describe(error, lang) + "\n"); worst = .unreadable }
            }
            let below = minimum.map { report.coverage.percent < $0 } ?? false
            if report.failed > 0 || below { if worst == .ok { worst = .problems } }
            let reporter = TestReporter(loaded: loaded, report: report, lang: lang, display: cli.display)
            switch format {
            case "json": json.append(reporter.json(root: cli.display(root), minimum: minimum))
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
        if format == "junit" { cli.stdout.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n" + junit + "</testsuites>\n") }
        return worst
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
            out += "FAIL \(c.file):\(c.row)  \(c.name)\n"
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
        out += "\(report.passed) passed, \(report.failed) failed\n"
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
                        ("file_errors", .array(report.fileErrors.map { .string($0.rendered(lang)) })),
                        ("cases", .array(cases)),
                        ("coverage", .object([("percent", .number(c.percent.formatted(places: 1))), ("exercised", .int(c.hit.count)),
                                              ("total", .int(c.units.count)), ("minimum", minimum.map { .number($0.description) } ?? .null),
                                              ("not_exercised", .array(missed))]))])
    }

    func junitSuites() -> String {
        var byFile: [String: [FixtureRunner.CaseResult]] = [:]
        var order: [String] = []
        for c in report.cases {
            if byFile[c.file] == nil { order.append(c.file) }
            byFile[c.file, default: []].append(c)
        }
        var out = ""
        for file in order {
            let cases = byFile[file]!
            out += "  <testsuite name=\"\(xml(file))\" tests=\"\(cases.count)\" failures=\"\(cases.filter { !$0.passed }.count)\">\n"
            for c in cases {
                out += "    <testcase classname=\"\(xml(file))\" name=\"\(xml(c.name))\""
                if c.passed { out += "/>\n"; continue }
                let message = c.failures.map { "\($0.field): expected \($0.expected), actual \($0.actual)" }.joined(separator: "; ")
                out += ">\n      <failure message=\"\(xml(message))\">\(xml(file)):\(c.row)</failure>\n    </testcase>\n"
            }
            out += "  </testsuite>\n"
        }
        for e in report.fileErrors {
            out += "  <testsuite name=\"\(xml(e.file))\" tests=\"1\" failures=\"1\">\n    <testcase classname=\"\(xml(e.file))\" name=\"test file\">\n"
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
