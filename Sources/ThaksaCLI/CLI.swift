import Foundation
import ThaksaCore

/// Entry point of the `thaksa` command: dispatches to a command with injected streams and
/// environment, and returns the exit code. `main.swift` only wires up the process.
public struct CLI {
    public var environment: [String: String]
    public var stdout: TextOutput
    public var stderr: TextOutput
    /// Folder of the running executable, used to find the shipped rule set.
    public var executableDirectory: String?
    public var currentDirectory: String
    /// Where `-` as an INPUT reads from (tests point it at a file).
    public var stdinPath = "/dev/stdin"

    public init(environment: [String: String], stdout: TextOutput, stderr: TextOutput,
                executableDirectory: String?, currentDirectory: String) {
        self.environment = environment
        self.stdout = stdout
        self.stderr = stderr
        self.executableDirectory = executableDirectory
        self.currentDirectory = currentDirectory
    }

    public static let version = "0.1.0"

    static let commands: [(String, String)] = [
        ("score", "score self-assessments: gaps, scores, band and a draft IDP per person"),
        ("summary", "where the organisation stands: per group and unit, and against its targets"),
        ("progress", "compare two assessment rounds: gaps closed, score changes, IDP2 outcomes, target ๔.๒"),
        ("check", "check rule sets for errors (default: the shipped OCSC/BMA rule set)"),
        ("explain", "explain one person's result step by step, citing the rule lines"),
        ("test", "run a rule set's test files (tests/*.csv) with coverage"),
        ("lint", "look for likely mistakes in rule sets that check accepts (default: the shipped set)"),
        ("fmt", "format rule files in the canonical layout, or check that they are"),
        ("forms", "printable IDP1 forms (HTML), one A4 page per person; IDP2 with --outcomes"),
        ("report", "the organisation dashboard (HTML) with charts, optionally against an earlier round"),
        ("lsp", "run the language server for editors (over stdin/stdout)"),
        ("diff", "what a rule change changes, and whom it affects (with --population)"),
        ("help", "show help for a command"),
        ("version", "print the version"),
    ]

    public func run(_ args: [String]) -> Int32 {
        let code = dispatch(args)
        // Output that did not reach stdout (a full disk, a closed pipe) is a failure, never exit 0.
        if let e = stdout.writeError, code != ExitCode.unreadable.rawValue {
            var lang = Language.fromEnvironment(environment)
            for (k, a) in args.enumerated() {
                let value: String? = a.hasPrefix("--lang=") ? String(a.dropFirst(7)) : a == "--lang" && k + 1 < args.count ? args[k + 1] : nil
                if let v = value.flatMap(Language.init(rawValue:)) { lang = v }
            }
            stderr.write("thaksa: " + OutputError(writing: "stdout", e).message(lang) + "\n")
            return ExitCode.unreadable.rawValue
        }
        return code
    }

    /// Where output goes when a command writes a file (tests put in one that fails).
    var fileWriter = FileWriter.system

    func dispatch(_ args: [String]) -> Int32 {
        guard let command = args.first else {
            stderr.write(mainHelp)
            return ExitCode.usage.rawValue
        }
        let rest = Array(args.dropFirst())
        if rest.contains("--help") || rest.contains("-h"), let thai = HelpThai.text(command, rest, environment) {
            stdout.write(thai)
            return ExitCode.ok.rawValue
        }
        switch command {
        case "check": return CheckCommand(cli: self).run(rest).rawValue
        case "score": return ScoreCommand(cli: self, summaryOnly: false).run(rest).rawValue
        case "summary" where rest.contains("--before"): return ProgressCommand(cli: self, asSummary: true).run(rest).rawValue
        case "summary": return ScoreCommand(cli: self, summaryOnly: true).run(rest).rawValue
        case "progress": return ProgressCommand(cli: self, asSummary: false).run(rest).rawValue
        case "lint": return LintCommand(cli: self).run(rest).rawValue
        case "test": return TestCommand(cli: self).run(rest).rawValue
        case "explain": return ExplainCommand(cli: self).run(rest).rawValue
        case "fmt": return FmtCommand(cli: self).run(rest).rawValue
        case "forms": return FormsCommand(cli: self).run(rest).rawValue
        case "report": return ReportCommand(cli: self).run(rest).rawValue
        case "lsp": return LSPCommand(cli: self).run(rest).rawValue
        case "diff": return DiffCommand(cli: self).run(rest).rawValue
        case "version", "--version": stdout.write("thaksa \(CLI.version)\n"); return 0
        case "help", "--help", "-h":
            if let sub = rest.first, let text = HelpThai.text(sub, rest, environment) ?? CLI.help(for: sub) { stdout.write(text) } else { stdout.write(mainHelp) }
            return 0
        default:
            let hint = Suggestions.closest(to: command, in: CLI.commands.map(\.0)).map { " (did you mean `\($0)`?)" } ?? ""
            stderr.write("thaksa: unknown command `\(command)`\(hint)\n\n" + mainHelp)
            return ExitCode.usage.rawValue
        }
    }

    static func help(for command: String) -> String? {
        switch command {
        case "check": return CheckCommand.help
        case "score": return ScoreCommand.help
        case "summary": return ScoreCommand.summaryHelp
        case "progress": return ProgressCommand.help
        case "lint": return LintCommand.help
        case "test": return TestCommand.help
        case "explain": return ExplainCommand.help
        case "fmt": return FmtCommand.help
        case "forms": return FormsCommand.help(.en)
        case "report": return ReportCommand.help(.en)
        case "lsp": return LSPCommand.help
        case "diff": return DiffCommand.help
        default: return nil
        }
    }

    /// The overview in the language of the environment (THAKSA_LANG, LANG).
    var mainHelp: String { Language.fromEnvironment(environment) == .th ? CLI.mainHelpThai : CLI.mainHelp }

    static let commandsThai: [String: String] = [
        "score": "ประเมินผลแบบประเมินตนเอง: จุดที่ต้องพัฒนา คะแนน ระดับ และร่างแผน IDP รายคน",
        "summary": "ภาพรวมองค์กร: ตามกลุ่มภารกิจและหน่วยงาน และเทียบกับเป้าหมาย",
        "progress": "เทียบการประเมินสองรอบรายคน: จุดที่ต้องพัฒนาที่ปิดได้ ผล IDP2 และเป้าหมาย ๔.๒",
        "check": "ตรวจชุดกฎหาข้อผิดพลาด (ค่าเริ่มต้น: ชุดกฎ OCSC/BMA ที่มากับโปรแกรม)",
        "explain": "อธิบายผลของคนหนึ่งทีละขั้น พร้อมบรรทัดของกฎที่ใช้",
        "test": "รันไฟล์ทดสอบของชุดกฎ (tests/*.csv) พร้อมความครอบคลุม",
        "lint": "หาจุดที่น่าจะผิดในชุดกฎที่ผ่านการตรวจแล้ว",
        "fmt": "จัดรูปแบบไฟล์กฎ หรือตรวจว่าจัดแล้ว",
        "forms": "แบบฟอร์ม IDP1 (HTML) สำหรับพิมพ์ หนึ่งหน้า A4 ต่อคน; IDP2 เมื่อระบุ --outcomes",
        "report": "รายงานภาพรวมองค์กร (HTML) พร้อมแผนภูมิ เทียบกับรอบก่อนได้",
        "lsp": "ตัวช่วยแก้ไขกฎสำหรับโปรแกรมแก้ไข (language server ผ่าน stdin/stdout)",
        "diff": "การเปลี่ยนกฎเปลี่ยนอะไร และกระทบใคร (ใส่ --population)",
        "help": "แสดงวิธีใช้ของคำสั่ง",
        "version": "แสดงรุ่นของโปรแกรม",
    ]

    static var mainHelpThai: String {
        var s = """
        thaksa — กฎของกรอบสมรรถนะดิจิทัล การประเมินจุดที่ต้องพัฒนา และแผนพัฒนารายบุคคล

        วิธีใช้: thaksa <คำสั่ง> [ตัวเลือก]

        คำสั่ง:

        """
        for (c, d) in commands { s += "  " + c.padding(9) + (commandsThai[c] ?? d) + "\n" }
        s += """

        ดูตัวเลือกของแต่ละคำสั่งด้วย `thaksa <คำสั่ง> --help`

        รหัสออก: 0 สำเร็จ, 1 พบปัญหา, 2 ใช้คำสั่งผิด, 3 อ่านข้อมูลไม่ได้
        ตัวแปรแวดล้อม: NO_COLOR ปิดสี; THAKSA_LANG=th|en (หรือ LANG) เลือกภาษาของข้อความ

        """
        return s
    }

    static var mainHelp: String {
        var s = """
        thaksa — rules for digital-skill frameworks, gap scoring and development plans

        Usage: thaksa <command> [options]

        Commands:

        """
        for (c, d) in commands { s += "  " + c.padding(9) + d + "\n" }
        s += """

        Run `thaksa <command> --help` for a command's options.

        Exit codes: 0 ok, 1 problems found, 2 usage error, 3 unreadable input.
        Environment: NO_COLOR disables colour; THAKSA_LANG=th|en (or LANG) picks the message language.

        """
        return s
    }

    // MARK: shared helpers

    /// The rule sets named on the command line (folders, files, or folders of rule sets), or the
    /// shipped one when none is named.
    func ruleSets(_ positionals: [String]) -> [(loaded: LoadedRuleSet, shown: String)] {
        if positionals.isEmpty { return [shippedRuleSet()] }
        return positionals.map(absolute).flatMap(RuleSetPaths.expand).map { (RuleSetLoader.load($0, display: display), display($0)) }
    }

    /// `--rules DIR` when given, else the shipped rule set.
    func ruleSet(_ given: String?) -> (loaded: LoadedRuleSet, shown: String) {
        guard let given else { return shippedRuleSet() }
        let path = absolute(given)
        return (RuleSetLoader.load(path, display: display), display(path))
    }

    /// The shipped OCSC/BMA rule set: on disk when found (policy staff's edits apply at once), else
    /// the copy built into the binary, so `thaksa` works from any folder.
    func shippedRuleSet() -> (loaded: LoadedRuleSet, shown: String) {
        if let path = ShippedRules.locate(environment: environment, currentDirectory: currentDirectory,
                                          executableDirectory: executableDirectory) {
            let abs = absolute(path)
            return (RuleSetLoader.load(abs, display: display), display(abs))
        }
        return (RuleSetLoader.load(files: ShippedRules.embedded), ShippedRules.builtIn)
    }

    /// Prints the errors of a rule set that cannot be used; returns the exit code, or nil if usable.
    func reportRuleErrors(_ loaded: LoadedRuleSet, _ shown: String, _ lang: Language, color: Bool = false) -> ExitCode? {
        guard loaded.unreadable || loaded.diagnostics.hasErrors else { return nil }
        let diags = loaded.diagnostics.sorted.filter { $0.severity == .error }
        stderr.write(DiagnosticRenderer(sources: loaded.sources, lang: lang, color: color).text(diags, dropped: loaded.diagnostics.dropped))
        return loaded.unreadable ? .unreadable : .problems
    }

    /// An input file named on the command line, made absolute; nil, with the message written, when
    /// it is not a readable file.
    func inputFile(_ p: String, _ lang: Language) -> (path: String, display: String)? {
        let abs = absolute(p)
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: abs, isDirectory: &isDir), !isDir.boolValue,
              FileManager.default.isReadableFile(atPath: abs) else {
            stderr.write(lang == .th ? "thaksa: อ่าน `\(p)` ไม่ได้: ไม่มีไฟล์นี้\n" : "thaksa: cannot read `\(p)`: no such file\n")
            return nil
        }
        return (abs, display(abs))
    }

    /// Where a command's output goes: FILE whole or not at all, or stdout when nil.
    func output(_ target: String?) throws -> AtomicFile {
        let tmp = environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        return try AtomicFile(target: target, shown: target.map(display), writer: fileWriter,
                              temporaryDirectory: tmp.count > 1 && tmp.hasSuffix("/") ? String(tmp.dropLast()) : tmp)
    }

    /// A failed write as a message: an `OutputError` in the chosen language, else the system's words.
    func describe(_ error: Error, _ lang: Language) -> String {
        (error as? OutputError)?.message(lang) ?? "\(error)"
    }

    func usage(_ message: String, _ help: String) -> ExitCode {
        stderr.write("thaksa: \(message)\n\n\(help)")
        return .usage
    }

    func language(_ args: Arguments) throws -> Language {
        let v = try args.choice("--lang", ["th", "en"], default: Language.fromEnvironment(environment).rawValue)
        return Language(rawValue: v) ?? .en
    }

    func colour(_ args: Arguments, _ out: TextOutput) throws -> Bool {
        switch try args.choice("--color", ["auto", "always", "never"], default: "auto") {
        case "always": return true
        case "never": return false
        default: return out.isTerminal && (environment["NO_COLOR"] ?? "").isEmpty
        }
    }

    /// Shows paths relative to the working directory when they are inside it.
    func display(_ absolute: String) -> String {
        let cwd = URL(fileURLWithPath: currentDirectory).standardizedFileURL.path
        if absolute == cwd { return "." }
        let prefix = cwd.hasSuffix("/") ? cwd : cwd + "/"
        return absolute.hasPrefix(prefix) ? String(absolute.dropFirst(prefix.count)) : absolute
    }

    /// An absolute, standardized path (no `.`, `..` or doubled `/`).
    func absolute(_ path: String) -> String {
        let joined = path.hasPrefix("/") ? path : (currentDirectory.hasSuffix("/") ? currentDirectory : currentDirectory + "/") + path
        return URL(fileURLWithPath: joined).standardizedFileURL.path
    }
}

extension String {
    func padding(_ width: Int) -> String { padded(width) }
}
