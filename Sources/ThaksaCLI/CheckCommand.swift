import ThaksaCore

/// `thaksa check [PATH...]`: parses and checks rule sets; diagnostics on stderr (text) or stdout
/// (`--format json`, where they are the result); a one-line summary per clean rule set on stdout.
struct CheckCommand {
    let cli: CLI

    static let help = """
    Usage: thaksa check [PATH...] [--format text|json] [--lang th|en] [--color auto|always|never]

    Checks rule sets: syntax, names, types, cycles, bands. A PATH is a rule-set folder, a single
    .thaksa file, or a folder of rule-set folders (like `rules/`). Without PATH, the shipped
    OCSC/BMA rule set is checked.

    Options:
      --format text|json   text: diagnostics on stderr, a summary on stdout (default)
                           json: {"rule_sets": [...]} with every diagnostic, on stdout
      --lang th|en         message language (default: THAKSA_LANG or LANG)
      --color WHEN         colour diagnostics: auto (a terminal without NO_COLOR), always, never

    Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 usage error, 3 unreadable input.

    """

    func run(_ raw: [String]) -> ExitCode {
        let args: Arguments
        let lang: Language
        let format: String
        let color: Bool
        do {
            args = try Arguments(raw, valued: ["--format", "--lang", "--color"], switches: ["--help"])
            lang = try cli.language(args)
            format = try args.choice("--format", ["text", "json"], default: "text")
            color = try cli.colour(args, cli.stderr)
        } catch let e as Arguments.UsageError {
            return cli.usage(e.message, CheckCommand.help)
        } catch { return .usage }
        if args.flags.contains("--help") { cli.stdout.write(CheckCommand.help); return .ok }

        var worst = ExitCode.ok
        var reports: [JSONValue] = []
        for (loaded, shown) in cli.ruleSets(args.positionals) {
            let diags = loaded.diagnostics.sorted
            let renderer = DiagnosticRenderer(sources: loaded.sources, lang: lang, color: color)
            if loaded.unreadable { worst = .unreadable } else if loaded.diagnostics.hasErrors, worst == .ok { worst = .problems }
            if format == "json" {
                reports.append(.object([
                    ("path", .string(shown)),
                    ("ok", .bool(!loaded.diagnostics.hasErrors)),
                    ("summary", summaryJSON(loaded)),
                    ("diagnostics", .array(diags.map(renderer.json))),
                ]))
                continue
            }
            if !diags.isEmpty {
                cli.stderr.write(renderer.text(diags, dropped: loaded.diagnostics.dropped))
            }
            if !loaded.diagnostics.hasErrors { cli.stdout.write(summaryText(shown, loaded, lang)) }
        }
        if format == "json" { cli.stdout.write(JSONValue.object([("rule_sets", .array(reports))]).serialized(pretty: true) + "\n") }
        return worst
    }

    func counts(_ l: LoadedRuleSet) -> [(String, String, Int)] {
        let rs = l.ruleSet
        return [("files", "ไฟล์", l.files.count), ("items", "รายการ", rs.items.count), ("groups", "กลุ่ม", rs.groups.count),
                ("positions", "ตำแหน่ง", rs.positions.count), ("courses", "หลักสูตร", rs.tracks.reduce(0) { $0 + $1.courses.count }),
                ("scores", "คะแนน", rs.computed.filter { !$0.isList }.count), ("targets", "เป้าหมาย", rs.targets.count)]
    }

    func summaryText(_ path: String, _ l: LoadedRuleSet, _ lang: Language) -> String {
        let parts = counts(l).map { "\($0.2) \(lang == .th ? $0.1 : $0.0)" }.joined(separator: ", ")
        return (lang == .th ? "ผ่าน " : "ok ") + path + ": " + parts + "\n"
    }

    func summaryJSON(_ l: LoadedRuleSet) -> JSONValue {
        .object(counts(l).map { ($0.0, JSONValue.int($0.2)) })
    }
}
