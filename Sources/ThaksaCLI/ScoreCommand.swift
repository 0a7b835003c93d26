import Foundation
import ThaksaCore

/// `thaksa score` (per-person results) and `thaksa summary` (the organisation): both read the same
/// inputs through `ScoreRunner`; they differ in what they write.
struct ScoreCommand {
    let cli: CLI
    let summaryOnly: Bool

    static let help = """
    Usage: thaksa score INPUT... [--rules DIR] [--format jsonl|csv|text] [--compact] [--out FILE]
                       [--skip-invalid [--rejects FILE]] [--threads N] [--lang th|en]
                       [--column HEADER=TARGET]... [--allow-unmapped] [--show-columns]
                       [--encoding E] [--sheet NAME]

    Scores self-assessments (CSV as Excel or Google Forms export it, an .xlsx workbook, or JSON
    Lines; `-` reads standard input) against a rule set: for every person the group and why, required items, gaps, unanswered items, scores, band and
    a draft IDP, in input order. Without --rules the shipped OCSC/BMA rule set is used.

    Options:
      --rules DIR        rule-set folder (default: the shipped rules/ocsc-bma)
      --format F         jsonl (default; schema in docs/results.md), csv, or text
      --compact          jsonl in the lean form: codes and numbers only, titles once in a
                         header record on the first line (docs/results.md)
      --out FILE         write results to FILE (whole or not at all); default stdout
      --skip-invalid     score the good rows; write the bad ones with reasons to --rejects
      --rejects FILE     where rejected rows go (default: FILE.rejects.csv beside --out)
      --threads N        worker threads (default: the number of cores); output is the same for any N
      --lang th|en       language of messages and text output
      --digits thai|arabic  digits in the csv and text formats (default: arabic)
      --column H=T       read column H as T: an item code, id, name, position, unit, group,
                         workload_G, or ignore (repeatable)
      --allow-unmapped   let columns that match nothing, and files with too few item columns, pass
      --show-columns     print which column goes to which item, then stop (nothing is scored)
      --encoding E       utf-8, utf-16le, utf-16be or windows-874 (default: detected)
      --sheet NAME       the worksheet of an .xlsx workbook (default: the first)

    Columns are matched to items by code, `column` alias, or Thai or English title (also Google
    Forms grid headers `PREFIX [TITLE]`); timestamp, e-mail and score columns are ignored. A column
    that matches nothing is an error, as is a file whose columns map fewer items than any group
    requires.
    Bad rows (unknown group or position, invalid answer, duplicate or missing id, malformed CSV,
    invalid UTF-8) are reported with file, row and column. Without --skip-invalid nothing is written
    when any row is bad.
    Exit codes: 0 ok, 1 bad rows or rule errors, 2 usage error, 3 unreadable input.

    """

    static let summaryHelp = """
    Usage: thaksa summary INPUT... [--rules DIR] [--format text|json] [--out FILE] [--skip-invalid] [--lang th|en]
                         [--column HEADER=TARGET]... [--allow-unmapped] [--encoding E] [--sheet NAME]

    Where the organisation stands: per group and per unit the headcount, the share for which each
    yes/no score holds (e.g. assessed), the share with an IDP, the mean of each numeric score, band
    counts and the most common gaps; then each target of the rule set with its measured value and
    whether it is met. Inputs and their options are as for `thaksa score`; with --skip-invalid the
    summary says how many rows it excluded.
    With --before BEFORE [--outcomes FILE]: progress since an earlier round and the targets that
    need two rounds (see `thaksa progress --help`).
    Exit codes: 0 ok, 1 bad rows or rule errors, 2 usage error, 3 unreadable input.

    """

    func run(_ raw: [String]) -> ExitCode {
        let help = summaryOnly ? ScoreCommand.summaryHelp : ScoreCommand.help
        let args: Arguments
        let lang: Language
        let format: String
        var options = ScoreRunner.Options()
        do {
            args = try Arguments(raw, valued: ["--rules", "--format", "--out", "--rejects", "--threads", "--lang", "--color", "--digits",
                                               "--column", "--encoding", "--sheet"],
                                 switches: ["--help", "--skip-invalid", "--allow-unmapped", "--show-columns", "--compact"])
            lang = try cli.language(args)
            options.digits = try cli.digits(args)
            format = try args.choice("--format", summaryOnly ? ["text", "json"] : ["jsonl", "csv", "text"],
                                     default: summaryOnly ? "text" : "jsonl")
            if let t = args.options["--threads"] {
                guard let n = Int(t), n >= 1, n <= 256 else { throw Arguments.UsageError(message: "`--threads` takes a whole number from 1 to 256") }
                options.threads = n
            }
            try ScoreCommand.readInputOptions(args, into: &options)
            if args.flags.contains("--compact") {
                guard !summaryOnly, format == "jsonl" else { throw Arguments.UsageError(message: "`--compact` is a form of `--format jsonl` results") }
                options.compact = true
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
        var spooled: String?
        defer { if let spooled { try? FileManager.default.removeItem(atPath: spooled) } }
        for p in args.positionals {
            if p == "-" {
                guard spooled == nil, let path = spoolStdin() else {
                    cli.stderr.write("thaksa: cannot read standard input\n")
                    return .unreadable
                }
                spooled = path
                inputs.append((path, "<stdin>"))
                continue
            }
            guard let input = cli.inputFile(p, lang) else { return .unreadable }
            inputs.append(input)
        }
        if args.flags.contains("--show-columns") {
            var worst = ExitCode.ok
            for input in inputs {
                let report = ColumnReport.make(path: input.path, display: input.display, rules: loaded.ruleSet, options: options)
                cli.stdout.write(report.text(lang))
                if !report.errors.isEmpty { worst = .problems }
            }
            return worst
        }

        let results: AtomicFile
        do { results = try cli.output(summaryOnly ? nil : out) } catch {
            cli.stderr.write("thaksa: " + cli.describe(error, lang) + "\n")
            return .unreadable
        }
        var rejects: [InputError] = []
        var printed = 0, unprinted = 0
        let runner = ScoreRunner(rules: loaded.ruleSet, options: options)
        let file: AtomicFile? = summaryOnly ? nil : results
        let sink: ScoreRunner.Output = { bytes, offset in file?.write(bytes, at: offset) }
        let outcome = runner.run(inputs: inputs, output: sink, failed: { errors, _ in
            for e in errors {
                guard printed < InputLimits.printedErrors else { unprinted += 1; continue }
                cli.stderr.write((lang == .th ? "ข้อผิดพลาด: " : "error: ") + e.rendered(lang) + "\n")
                printed += 1
            }
            if skipInvalid { rejects.append(contentsOf: errors) }
        })
        if unprinted > 0 {
            cli.stderr.write(lang == .th ? "และข้อผิดพลาดอีก \(unprinted) รายการที่ไม่ได้แสดง\(skipInvalid ? " (ดูทั้งหมดในไฟล์ rejects)" : "")\n"
                                         : "and \(unprinted) more error\(unprinted == 1 ? "" : "s") not shown\(skipInvalid ? " (all are in the rejects file)" : "")\n")
        }
        if outcome.bad > 0 && !skipInvalid {
            results.discard()
            if outcome.bad == outcome.badFiles {
                // Only whole files failed: --skip-invalid would not help, so do not suggest it.
                cli.stderr.write(lang == .th ? "ใช้ไฟล์ไม่ได้ \(outcome.badFiles) ไฟล์ (ดูข้อผิดพลาดด้านบน) ไม่ได้เขียนผลลัพธ์\n"
                                             : "\(outcome.badFiles) file\(outcome.badFiles == 1 ? "" : "s") cannot be used as \(outcome.badFiles == 1 ? "it is" : "they are") (see above); no results written\n")
                return .problems
            }
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
                var json = outcome.summary.json()
                var text = outcome.summary.text(lang, digits: options.digits)
                if skipInvalid, outcome.bad > 0 {
                    if case .object(let fields) = json { json = .object(fields + [("excluded_rows", .number(String(outcome.bad)))]) }
                    text += lang == .th ? "\nไม่นับ \(outcome.bad) แถวที่มีข้อผิดพลาด (ดู \(cli.display(rejectsPath!)))\n"
                                        : "\nExcluded: \(outcome.bad) row\(outcome.bad == 1 ? "" : "s") with errors (see \(cli.display(rejectsPath!)))\n"
                }
                if format == "json" { text = json.serialized(pretty: true) + "\n" }
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
        if skipInvalid, outcome.scored == 0 {
            cli.stderr.write(lang == .th ? "ไม่มีแถวใดประเมินได้ (ปฏิเสธ \(outcome.bad) แถว)\n" : "no row could be scored (\(outcome.bad) rejected)\n")
            return .problems
        }
        if skipInvalid, outcome.bad > 0 {
            cli.stderr.write(lang == .th ? "ประเมิน \(outcome.scored) คน ปฏิเสธ \(outcome.bad) แถว (ดู \(cli.display(rejectsPath!)))\n"
                                         : "scored \(outcome.scored), rejected \(outcome.bad) (see \(cli.display(rejectsPath!)))\n")
        }
        return .ok
    }

    /// `--encoding`, `--sheet`, `--column` and `--allow-unmapped`, shared by score and summary.
    static func readInputOptions(_ args: Arguments, into options: inout ScoreRunner.Options) throws {
        if let e = args.options["--encoding"] {
            guard let enc = TextEncoding(name: e) else {
                throw Arguments.UsageError(message: "`--encoding` takes utf-8, utf-16le, utf-16be or windows-874 (tis-620), not `\(e)`")
            }
            options.encoding = enc
        }
        options.sheet = args.options["--sheet"]
        for c in args.all["--column", default: []] {
            guard let eq = c.lastIndex(of: "="), eq != c.startIndex, c.index(after: eq) != c.endIndex else {
                throw Arguments.UsageError(message: "`--column` takes HEADER=TARGET (e.g. `--column \"ข้อ 1=DLit100\"`), not `\(c)`")
            }
            options.columns[String(c[..<eq])] = String(c[c.index(after: eq)...])
        }
        options.allowUnmapped = args.flags.contains("--allow-unmapped")
    }

    /// Copies standard input to a temporary file, so it can be read like any input (its kind
    /// and encoding are found from its first bytes). Memory stays one chunk.
    func spoolStdin() -> String? {
        guard let from = FileHandle(forReadingAtPath: cli.stdinPath) else { return nil }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("thaksa-stdin-\(UUID().uuidString)").path
        guard FileManager.default.createFile(atPath: path, contents: nil), let to = FileHandle(forWritingAtPath: path) else { return nil }
        do {
            while let chunk = try from.read(upToCount: 1 << 20), !chunk.isEmpty { try to.write(contentsOf: chunk) }
            try to.close()
            return path
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            return nil
        }
    }
}
