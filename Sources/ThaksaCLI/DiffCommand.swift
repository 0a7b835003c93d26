import Foundation
import ThaksaCore

/// `thaksa diff`: what changed in the meaning of a rule set, and whom it affects.
struct DiffCommand {
    let cli: CLI

    static let help = """
    Usage: thaksa diff OLD NEW [--population INPUT...] [--format text|json|markdown|github]
                       [--lang th|en] [--fail-on-impact N] [--threads N]
           thaksa diff --git REV DIR [--population INPUT...] [...]

    Compares two rule sets by meaning, not text (a `thaksa fmt` run or a comment is no change):
    items, requirements per group and phase, positions, courses, methods and buckets, score
    formulas, band thresholds, the IDP policy and targets, each with its file and line in OLD and NEW.
    With --population, scores the same people under both and reports whose group, required items,
    gaps, band, IDP items or scores change, by group and unit, per change where it can be
    attributed, target values before and after, and people rejected under one rule set only.

    Options:
      --git REV          take OLD from git revision REV of the folder DIR (e.g. origin/main)
      --population F     assessment file(s) (CSV or JSON Lines); more files may follow NEW
      --format F         text (default), json, markdown (a pull-request comment), github (annotations)
      --fail-on-impact N exit 1 when more than N people change
      --threads N        worker threads (default: the number of cores); output is the same for any N
      --lang th|en       language of the report

    Exit codes: 0 ok, 1 rule errors or --fail-on-impact exceeded, 2 usage error, 3 unreadable input.

    """

    func run(_ raw: [String]) -> ExitCode {
        let args: Arguments
        let lang: Language
        let format: String
        var threads = ProcessInfo.processInfo.activeProcessorCount
        var limit: Int?
        do {
            args = try Arguments(raw, valued: ["--git", "--population", "--format", "--lang", "--fail-on-impact", "--threads", "--color"],
                                 switches: ["--help"])
            lang = try cli.language(args)
            format = try args.choice("--format", ["text", "json", "markdown", "github"], default: "text")
            if let t = args.options["--threads"] {
                guard let n = Int(t), n >= 1, n <= 256 else { throw Arguments.UsageError(message: "`--threads` takes a whole number from 1 to 256") }
                threads = n
            }
            if let v = args.options["--fail-on-impact"] {
                guard let n = Int(v), n >= 0 else { throw Arguments.UsageError(message: "`--fail-on-impact` takes a whole number from 0 up") }
                limit = n
            }
        } catch let e as Arguments.UsageError {
            return cli.usage(e.message, DiffCommand.help)
        } catch { return .usage }
        if args.flags.contains("--help") { cli.stdout.write(DiffCommand.help); return .ok }
        let revision = args.options["--git"]
        let folders = revision == nil ? 2 : 1
        guard args.positionals.count >= folders else {
            return cli.usage(revision == nil ? "give the OLD and NEW rule-set folders" : "give the rule-set folder DIR", DiffCommand.help)
        }
        var population = args.positionals.dropFirst(folders).map { $0 }
        if let p = args.options["--population"] { population.insert(p, at: 0) } else if !population.isEmpty {
            return cli.usage("unexpected `\(population[0])` (population files follow `--population`)", DiffCommand.help)
        }
        let color = (try? cli.colour(args, cli.stderr)) ?? false

        // Rule sets
        let newPath = cli.absolute(args.positionals[folders - 1])
        let new = RuleSetLoader.load(newPath, display: cli.display)
        let old: LoadedRuleSet
        let oldLabel: String
        if let revision {
            switch GitRuleSource.load(revision: revision, folder: newPath, display: cli.display) {
            case .success(let l): old = l
            case .failure(let f):
                cli.stderr.write("thaksa: " + f.message(lang) + "\n")
                return .unreadable
            }
            oldLabel = "\(revision):\(cli.display(newPath))"
        } else {
            let p = cli.absolute(args.positionals[0])
            old = RuleSetLoader.load(p, display: cli.display)
            oldLabel = cli.display(p)
        }
        if let code = cli.reportRuleErrors(old, oldLabel, lang, color: color) { return code }
        if let code = cli.reportRuleErrors(new, cli.display(newPath), lang, color: color) { return code }

        let changes = RuleSetDiffer.diff(old: old, new: new)
        var report = DiffReport(oldLabel: oldLabel, newLabel: cli.display(newPath), old: old.ruleSet, new: new.ruleSet, changes: changes)

        // Population
        if !population.isEmpty {
            var inputs: [(path: String, display: String)] = []
            for p in population {
                guard let input = cli.inputFile(p, lang) else { return .unreadable }
                inputs.append(input)
            }
            switch ImpactRunner(old: old.ruleSet, new: new.ruleSet, changes: changes, threads: threads).run(inputs: inputs) {
            case .success(let impact): report.impact = impact
            case .failure(let e):
                cli.stderr.write((lang == .th ? "ข้อผิดพลาด: " : "error: ") + e.rendered(lang) + "\n")
                return .unreadable
            }
        }

        switch format {
        case "json": cli.stdout.write(DiffJSON.render(report))
        case "markdown": cli.stdout.write(DiffTextRenderer(report, lang: lang, style: .markdown).render())
        case "github": cli.stdout.write(DiffAnnotations.render(report, lang: lang))
        default: cli.stdout.write(DiffTextRenderer(report, lang: lang, style: .text).render())
        }
        if let limit, report.peopleChanged > limit {
            cli.stderr.write(lang == .th ? "thaksa: \(report.peopleChanged) คนเปลี่ยน มากกว่า --fail-on-impact \(limit)\n"
                                         : "thaksa: \(report.peopleChanged) people change, more than --fail-on-impact \(limit)\n")
            return .problems
        }
        return .ok
    }
}
