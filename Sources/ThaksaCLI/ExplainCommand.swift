import Foundation
import ThaksaCore

/// `thaksa explain INPUT --id ID`: why the rules decided what they did for one person.
struct ExplainCommand {
    let cli: CLI

    static let help = """
    Usage: thaksa explain INPUT --id ID [--rules DIR] [--format text|json] [--lang th|en]
                         [--column HEADER=TARGET]... [--allow-unmapped] [--encoding E] [--sheet NAME]

    Explains one person's result, read by id from an assessment file (CSV, .xlsx or JSON Lines, read
    as `thaksa score` reads them, with the same input options): why this
    group, why each item is required and how it was answered, each gap, each score with its formula
    and the numbers put in, the band, and each IDP item with its courses and methods. Every step
    names the rule-file line that decided it. Written for the person and their supervisor.

    Options:
      --id ID            the person's id (required)
      --rules DIR        rule-set folder (default: the shipped rules/ocsc-bma)
      --format text|json text (default) or JSON for tools
      --lang th|en       language (default: THAKSA_LANG or LANG)

    Exit codes: 0 explained, 1 the person's row is invalid or not found, 2 usage error, 3 unreadable input.

    """

    func run(_ raw: [String]) -> ExitCode {
        let args: Arguments
        let lang: Language
        let format: String
        var options = ScoreRunner.Options()
        do {
            args = try Arguments(raw, valued: ["--id", "--rules", "--format", "--lang", "--color", "--column", "--encoding", "--sheet"],
                                 switches: ["--help", "--allow-unmapped"])
            lang = try cli.language(args)
            format = try args.choice("--format", ["text", "json"], default: "text")
            try ScoreCommand.readInputOptions(args, into: &options)
        } catch let e as Arguments.UsageError {
            return cli.usage(e.message, ExplainCommand.help)
        } catch { return .usage }
        if args.flags.contains("--help") { cli.stdout.write(ExplainCommand.help); return .ok }
        guard args.positionals.count == 1, let id = args.options["--id"], !id.isEmpty else {
            return cli.usage("give one INPUT file and `--id ID`", ExplainCommand.help)
        }
        let (loaded, rulesShown) = cli.ruleSet(args.options["--rules"])
        if let code = cli.reportRuleErrors(loaded, rulesShown, lang) { return code }
        let input = cli.absolute(args.positionals[0])
        let shown = cli.display(input)
        switch AssessmentFinder.find(id: id, path: input, display: shown, rules: loaded.ruleSet, options: options) {
        case .unreadable:
            cli.stderr.write("thaksa: cannot read `\(args.positionals[0])`\n")
            return .unreadable
        case .notFound:
            cli.stderr.write(lang == .th ? "thaksa: ไม่พบรหัส `\(id)` ใน \(shown)\n" : "thaksa: no person with id `\(id)` in \(shown)\n")
            return .problems
        case .invalid(let errors):
            for e in errors { cli.stderr.write((lang == .th ? "ข้อผิดพลาด: " : "error: ") + e.rendered(lang) + "\n") }
            return .problems
        case .found(let a, let row):
            let result: PersonResult
            do { result = try Evaluator(rules: loaded.ruleSet).evaluate(a) } catch {
                let e = InputError(file: shown, row: row, en: error.message(.en), th: error.message(.th))
                cli.stderr.write((lang == .th ? "ข้อผิดพลาด: " : "error: ") + e.rendered(lang) + "\n")
                return .problems
            }
            let steps = Explainer(loaded: loaded).explain(a, result)
            if format == "json" {
                cli.stdout.write(JSONValue.object([("id", .string(a.id)), ("input", .string("\(shown):\(row)")),
                                                   ("steps", .array(steps.map { json($0, loaded, lang) }))]).serialized(pretty: true) + "\n")
            } else {
                var out = (lang == .th ? "คำอธิบายผลของ " : "Why the rules decided this for ") + a.id + (a.name.isEmpty ? "" : " " + a.name)
                out += " (\(shown), " + (lang == .th ? "แถว" : "row") + " \(row))\n"
                for s in steps { render(s, loaded, lang, indent: 0, into: &out) }
                cli.stdout.write(out)
            }
            return .ok
        }
    }

    func location(_ span: SourceSpan?, _ loaded: LoadedRuleSet) -> String? {
        guard let span, let f = loaded.sources[span.file] else { return nil }
        return "\(f.path):\(f.location(of: span.start).line)"
    }

    func render(_ s: ExplanationStep, _ loaded: LoadedRuleSet, _ lang: Language, indent: Int, into out: inout String) {
        out += String(repeating: "  ", count: indent) + (indent == 0 ? "• " : "- ") + (lang == .th ? s.th : s.en)
        if let at = location(s.at, loaded) { out += "  [\(at)]" }
        out += "\n"
        for c in s.children { render(c, loaded, lang, indent: indent + 1, into: &out) }
    }

    func json(_ s: ExplanationStep, _ loaded: LoadedRuleSet, _ lang: Language) -> JSONValue {
        .object([("text", .string(lang == .th ? s.th : s.en)), ("at", location(s.at, loaded).map(JSONValue.string) ?? .null),
                 ("steps", .array(s.children.map { json($0, loaded, lang) }))])
    }
}
