import ThaksaCore

/// `thaksa lint [PATH...]`: runs `check`, then the lint rules (`LintRules.all`) over each rule set
/// that has no errors. Findings are the result, so they go to stdout in every format; `check`'s
/// own diagnostics go to stderr in text format, as with `thaksa check`.
struct LintCommand {
    let cli: CLI

    static let help = """
    Usage: thaksa lint [PATH...] [--format text|json|github] [--lang th|en] [--strict]
                       [--show-suppressed] [--color auto|always|never] [--list-rules]

    Checks rule sets (as `thaksa check`), then looks for rules that are valid but probably wrong:
    unused items and lists, courses that serve nothing, required competencies without a course,
    requirement lists that disagree with sub-topic audience marks, band thresholds out of order,
    IDP counts a group cannot meet, shares that do not add up to 100, duplicate titles, ambiguous
    positions, phases or quarters that overlap, a basic item dropped from one group, a track and
    a group that disagree, target goals outside 0-100 and target years in no phase. A PATH is as for `check`; without PATH, the shipped OCSC/BMA rule set is linted.
    Rule sets with errors are not linted: the errors are reported and the exit code is 1.

    Accept a finding next to where it is found, with a reason, on the line above or at the end of
    the line:
      # lint-ignore L005: the source's group list and audience marks disagree (001 L745 vs L1051)
    `L005(DLit300/T)` narrows a suppression to one finding's subject (shown in JSON and with
    --show-suppressed). A suppression without a reason (L000) or that matches nothing (L014) is
    itself a finding.

    Options:
      --format text|json|github  text: findings and a summary line (default)
                                 json: {"rule_sets": [...]} with check diagnostics and findings
                                 github: `::warning file=PATH,line=L,col=C,title=L005::message` lines
      --lang th|en               message language (default: THAKSA_LANG or LANG)
      --strict                   warnings (unsuppressed findings, check warnings) also exit 1
      --show-suppressed          also list suppressed findings, marked as such, with their reason
      --color WHEN               colour text output: auto (a terminal without NO_COLOR), always, never
      --list-rules               list the rules: id, severity, summary, fix

    Exit codes: 0 no errors (warnings allowed unless --strict), 1 errors (or warnings with
    --strict), 2 usage error, 3 unreadable input.

    """

    func run(_ raw: [String]) -> ExitCode {
        let args: Arguments
        let lang: Language
        let format: String
        let color: Bool, colorErr: Bool
        do {
            args = try Arguments(raw, valued: ["--format", "--lang", "--color"],
                                 switches: ["--help", "--strict", "--show-suppressed", "--list-rules"])
            lang = try cli.language(args)
            format = try args.choice("--format", ["text", "json", "github"], default: "text")
            color = format == "text" ? try cli.colour(args, cli.stdout) : false
            colorErr = format == "text" ? try cli.colour(args, cli.stderr) : false
        } catch let e as Arguments.UsageError {
            return cli.usage(e.message, LintCommand.help)
        } catch { return .usage }
        if args.flags.contains("--help") { cli.stdout.write(LintCommand.help); return .ok }
        if args.flags.contains("--list-rules") {
            cli.stdout.write(LintRenderer(sources: SourceSet(), lang: lang).ruleList())
            return .ok
        }
        let strict = args.flags.contains("--strict"), showSuppressed = args.flags.contains("--show-suppressed")

        var worst = ExitCode.ok
        var reports: [JSONValue] = []
        for (loaded, shown) in cli.ruleSets(args.positionals) {
            let report = Linter.lint(loaded)
            let renderer = LintRenderer(sources: loaded.sources, lang: lang, color: color)
            if report.unreadable { worst = .unreadable }
            else if (report.checkFailed || (strict && report.warnings > 0)), worst == .ok { worst = .problems }
            switch format {
            case "json":
                reports.append(renderer.json(report, path: shown, showSuppressed: showSuppressed, strict: strict))
            case "github":
                cli.stdout.write(renderer.github(report, showSuppressed: showSuppressed))
            default:
                if !report.checkDiagnostics.isEmpty {
                    let diagnostics = DiagnosticRenderer(sources: loaded.sources, lang: lang, color: colorErr)
                    cli.stderr.write(diagnostics.text(report.checkDiagnostics, dropped: report.droppedCheckDiagnostics))
                }
                if report.checkFailed {
                    cli.stderr.write(lang == .th ? "thaksa lint: ไม่ได้ตรวจ \(shown) เพราะมีข้อผิดพลาด\n"
                                                 : "thaksa lint: \(shown) has errors; not linted\n")
                } else {
                    cli.stdout.write(renderer.text(report, path: shown, showSuppressed: showSuppressed))
                }
            }
        }
        if format == "json" { cli.stdout.write(JSONValue.object([("rule_sets", .array(reports))]).serialized(pretty: true) + "\n") }
        return worst
    }
}
