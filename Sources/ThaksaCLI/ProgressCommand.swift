import Foundation
import ThaksaCore

/// `thaksa progress BEFORE AFTER` (one result per person across two rounds) and
/// `thaksa summary AFTER --before BEFORE` / `progress --summary` (per group and unit, two-round targets).
struct ProgressCommand {
    let cli: CLI
    /// Started as `summary AFTER --before BEFORE`.
    let asSummary: Bool

    static let help = """
    Usage: thaksa progress BEFORE AFTER [--outcomes FILE] [--rules DIR] [--format jsonl|csv|text]
                          [--out FILE] [--summary] [--lang th|en]
           thaksa summary AFTER --before BEFORE [--outcomes FILE] [--rules DIR] [--format text|json] [--out FILE]

    Compares two assessment rounds (e.g. FY2564 and FY2565) person by person (same `id`): gaps
    closed, new and remaining, every numeric score before, after and its change, band and group
    before and after, the plan agreed in the BEFORE round (the `plan` column, else the draft IDP)
    with each item's IDP2 outcome from --outcomes, and the rule set's `progress` scores. People are
    listed in AFTER's order, then those only in BEFORE. Schema: docs/results.md.

    Options:
      --outcomes FILE    IDP2 outcomes, CSV or JSON Lines: id, item, outcome (เป็นไปตามแผน,
                         ไม่เป็นไปตามแผน, ให้ดำเนินการพัฒนาต่อ, ปรับแผนการพัฒนาใหม่ or as_planned,
                         not_as_planned, continue, revise), optional note, suggestion
      --rules DIR        rule-set folder (default: the shipped rules/ocsc-bma)
      --format F         jsonl (default), csv or text; with --summary: text (default) or json
      --summary          per group and unit: share who closed at least one gap, mean change of
                         each score, band movements, and the targets that need two rounds (๔.๒)
      --out FILE         write to FILE (whole or not at all); default stdout
      --lang th|en       language of messages and text output

    Exit codes: 0 ok, 1 bad rows, mismatched rounds or rule errors, 2 usage error, 3 unreadable input.

    """

    func run(_ raw: [String]) -> ExitCode {
        let args: Arguments
        let lang: Language
        let summary: Bool
        let format: String
        do {
            args = try Arguments(raw, valued: ["--rules", "--format", "--out", "--outcomes", "--before", "--lang", "--color"],
                                 switches: ["--help", "--summary"])
            lang = try cli.language(args)
            summary = asSummary || args.flags.contains("--summary")
            format = try args.choice("--format", summary ? ["text", "json"] : ["jsonl", "csv", "text"], default: summary ? "text" : "jsonl")
        } catch let e as Arguments.UsageError {
            return cli.usage(e.message, ProgressCommand.help)
        } catch { return .usage }
        if args.flags.contains("--help") { cli.stdout.write(ProgressCommand.help); return .ok }
        var files = args.positionals
        if asSummary {
            guard let before = args.options["--before"], files.count == 1 else {
                return cli.usage("give the AFTER round and `--before BEFORE`", ProgressCommand.help)
            }
            files = [before, files[0]]
        } else if args.options["--before"] != nil {
            return cli.usage("`--before` is for `thaksa summary`; give `progress BEFORE AFTER`", ProgressCommand.help)
        }
        guard files.count == 2 else { return cli.usage("give two rounds: BEFORE AFTER", ProgressCommand.help) }

        let (loaded, shown) = cli.ruleSet(args.options["--rules"])
        if let code = cli.reportRuleErrors(loaded, shown, lang, color: (try? cli.colour(args, cli.stderr)) ?? false) { return code }

        var inputs: [(path: String, display: String)] = []
        for p in files + (args.options["--outcomes"].map { [$0] } ?? []) {
            guard let input = cli.inputFile(p, lang) else { return .unreadable }
            inputs.append(input)
        }
        let runner = ProgressRunner(rules: loaded.ruleSet)
        let report: ProgressReport
        switch runner.run(before: inputs[0], after: inputs[1], outcomes: inputs.count > 2 ? inputs[2] : nil) {
        case .failure(let e):
            for item in e.items { cli.stderr.write((lang == .th ? "ข้อผิดพลาด: " : "error: ") + item.rendered(lang) + "\n") }
            cli.stderr.write(lang == .th ? "ไม่ได้เขียนผลลัพธ์\n" : "no results written\n")
            return .problems
        case .success(let r): report = r
        }
        for w in report.warnings { cli.stderr.write("warning: \(w)\n") }

        let out = args.options["--out"].map(cli.absolute)
        let file: AtomicFile
        do { file = try cli.output(out) } catch {
            cli.stderr.write("thaksa: " + cli.describe(error, lang) + "\n")
            return .unreadable
        }
        if summary {
            let s = ProgressSummary(rules: loaded.ruleSet, report: report)
            guard !s.overflow else {
                file.discard()
                cli.stderr.write(lang == .th ? "ข้อผิดพลาด: ตัวเลขในสรุปใหญ่เกินกว่าจะคำนวณได้ถูกต้อง ไม่ได้เขียนผลลัพธ์\n"
                                             : "error: a number in the summary is too large to compute exactly; no results written\n")
                return .problems
            }
            file.write(format == "json" ? s.json().serialized(pretty: true) + "\n" : s.text(lang))
        } else {
            let encoder = ProgressEncoder(rules: loaded.ruleSet, lang: lang)
            if format == "csv" { file.write(encoder.csvHeader) }
            for p in report.people {
                switch format {
                case "csv": file.write(encoder.csvRow(p))
                case "text": file.write(encoder.text(p))
                default: file.write(encoder.jsonLine(p))
                }
            }
        }
        do { try file.commit(stdout: cli.stdout) } catch {
            file.discard()
            cli.stderr.write("thaksa: " + cli.describe(error, lang) + "\n")
            return .unreadable
        }
        return .ok
    }
}
