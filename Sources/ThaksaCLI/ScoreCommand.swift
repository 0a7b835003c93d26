import Foundation
import ThaksaCore

/// `thaksa score` (per-person results) and `thaksa summary` (the organisation): both read the same
/// inputs through `ScoreRunner`; they differ in what they write.
struct ScoreCommand {
    let cli: CLI
    let summaryOnly: Bool

    static let help = """
    Usage: thaksa score INPUT... [--rules DIR] [--format jsonl|csv|text] [--out FILE]
                       [--skip-invalid [--rejects FILE]] [--threads N] [--lang th|en]

    Scores self-assessments (CSV as Excel or Google Forms export it, or JSON Lines) against a rule
    set: for every person the group and why, required items, gaps, unanswered items, scores, band and
    a draft IDP, in input order. Without --rules the shipped OCSC/BMA rule set is used.

    Options:
      --rules DIR        rule-set folder (default: the shipped rules/ocsc-bma)
      --format F         jsonl (default; schema in docs/results.md), csv, or text
      --out FILE         write results to FILE (whole or not at all); default stdout
      --skip-invalid     score the good rows; write the bad ones with reasons to --rejects
      --rejects FILE     where rejected rows go (default: FILE.rejects.csv beside --out)
      --threads N        worker threads (default: the number of cores); output is the same for any N
      --lang th|en       language of messages and text output

    Bad rows (unknown group or position, invalid answer, duplicate or missing id, malformed CSV,
    invalid UTF-8) are reported with file, row and column. Without --skip-invalid nothing is written
    when any row is bad.
    Exit codes: 0 ok, 1 bad rows or rule errors, 2 usage error, 3 unreadable input.

    """

    static let summaryHelp = """
    Usage: thaksa summary INPUT... [--rules DIR] [--format text|json] [--out FILE] [--skip-invalid] [--lang th|en]

    Where the organisation stands: per group and per unit the headcount, the share for which each
    yes/no score holds (e.g. assessed), the share with an IDP, the mean of each numeric score, band
    counts and the most common gaps; then each target of the rule set with its measured value and
    whether it is met.
    Exit codes: 0 ok, 1 bad rows or rule errors, 2 usage error, 3 unreadable input.

    """

    func run(_ raw: [String]) -> ExitCode {
        let help = summaryOnly ? ScoreCommand.summaryHelp : ScoreCommand.help
        let args: Arguments
        let lang: Language
        let format: String
        var options = ScoreRunner.Options()
        do {
            args = try Arguments(raw, valued: ["--rules", "--format", "--out", "--rejects", "--threads", "--lang", "--color"],
                                 switches: ["--help", "--skip-invalid"])
            lang = try cli.language(args)
            format = try args.choice("--format", summaryOnly ? ["text", "json"] : ["jsonl", "csv", "text"],
                                     default: summaryOnly ? "text" : "jsonl")
            if let t = args.options["--threads"] {
                guard let n = Int(t), n >= 1, n <= 256 else { throw Arguments.UsageError(message: "`--threads` takes a whole number from 1 to 256") }
                options.threads = n
            }
        } catch let e as Arguments.UsageError {
            return cli.usage(e.message, help)
        } catch { return .usage }
        if args.flags.contains("--help") { cli.stdout.write(help); return .ok }
        guard !args.positionals.isEmpty else { return cli.usage("give at least one INPUT file", help) }
        let skipInvalid = args.flags.contains("--skip-invalid")
        let out = args.options["--out"].map(cli.absolute)
        var rejectsPath = args.options["--rejects"].map(cli.absolute)
        if skipInvalid, rejectsPath == nil {
            guard let out else { return cli.usage("`--skip-invalid` needs `--rejects FILE` (or `--out FILE`)", help) }
            rejectsPath = out + ".rejects.csv"
        }
        options.lang = lang
        options.format = summaryOnly ? .jsonl : ResultEncoder.Format(rawValue: format)!
        options.summarise = summaryOnly
        options.encode = !summaryOnly

        // Rules
        let (loaded, rulesShown) = cli.ruleSet(args.options["--rules"])
        if let code = cli.reportRuleErrors(loaded, rulesShown, lang, color: (try? cli.colour(args, cli.stderr)) ?? false) { return code }

        // Inputs
        var inputs: [(path: String, display: String)] = []
        for p in args.positionals {
            let abs = cli.absolute(p)
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: abs, isDirectory: &isDir), !isDir.boolValue,
                  FileManager.default.isReadableFile(atPath: abs) else {
                cli.stderr.write("thaksa: cannot read `\(p)`: no such file\n")
                return .unreadable
            }
            inputs.append((abs, cli.display(abs)))
        }

        let results: AtomicFile
        do { results = try cli.output(summaryOnly ? nil : out) } catch {
            cli.stderr.write("thaksa: " + cli.describe(error, lang) + "\n")
            return .unreadable
        }
        var rejects: [InputError] = []
        var firstErrors = 0
        let runner = ScoreRunner(rules: loaded.ruleSet, options: options)
        let outcome = runner.run(inputs: inputs, output: { bytes in if !summaryOnly { results.write(bytes) } }, failed: { errors, _ in
            for e in errors {
                cli.stderr.write((lang == .th ? "ข้อผิดพลาด: " : "error: ") + e.rendered(lang) + "\n")
                firstErrors += 1
            }
            if skipInvalid { rejects.append(contentsOf: errors) }
        })
        for w in outcome.warnings { cli.stderr.write("warning: \(w)\n") }
        if outcome.bad > 0 && !skipInvalid {
            results.discard()
            cli.stderr.write(lang == .th
                ? "\(outcome.bad) แถวมีข้อผิดพลาด ไม่ได้เขียนผลลัพธ์ (ใช้ --skip-invalid เพื่อประเมินเฉพาะแถวที่ถูกต้อง)\n"
                : "\(outcome.bad) bad row\(outcome.bad == 1 ? "" : "s"); no results written (use --skip-invalid to score the good rows)\n")
            return .problems
        }
        do {
            if skipInvalid, let rejectsPath, outcome.bad > 0 {
                let file = try cli.output(rejectsPath)
                file.write("\u{FEFF}file,row,column,column_name,error\r\n")
                for e in rejects {
                    file.write([e.file, String(e.row), String(e.column), e.columnName ?? "", e.message(lang)]
                        .map(ResultEncoder.csvField).joined(separator: ",") + "\r\n")
                }
                try file.commit(stdout: cli.stdout)
            }
            if summaryOnly {
                results.discard()
                let text = format == "json" ? outcome.summary.json().serialized(pretty: true) + "\n" : outcome.summary.text(lang)
                if let out {
                    let file = try cli.output(out)
                    file.write(text)
                    try file.commit(stdout: cli.stdout)
                } else { try Array(text.utf8).withUnsafeBytes { try cli.stdout.write(bytes: $0) } }
            } else {
                try results.commit(stdout: cli.stdout)
            }
        } catch {
            results.discard()
            cli.stderr.write("thaksa: " + cli.describe(error, lang) + "\n")
            return .unreadable
        }
        if skipInvalid, outcome.bad > 0 {
            cli.stderr.write(lang == .th ? "ประเมิน \(outcome.scored) คน ปฏิเสธ \(outcome.bad) แถว (ดู \(cli.display(rejectsPath!)))\n"
                                         : "scored \(outcome.scored), rejected \(outcome.bad) (see \(cli.display(rejectsPath!)))\n")
        }
        return .ok
    }
}
