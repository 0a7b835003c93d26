import Foundation
import ThaksaCore

/// Scoring for the HTML outputs (`forms`, `report`): the inputs named on the command line are read
/// with the rules; bad rows are reported with file, row and column and, without `--skip-invalid`,
/// stop the command before anything is written.
struct ReportInputs {
    let cli: CLI
    let rules: RuleSet
    let lang: Language
    let skipInvalid: Bool

    /// Paths checked to be readable files, or the exit code after the error is printed.
    func paths(_ given: [String]) -> Result<[(path: String, display: String)], ExitCode> {
        var out: [(path: String, display: String)] = []
        for p in given {
            guard let input = cli.inputFile(p, lang) else { return .failure(.unreadable) }
            out.append(input)
        }
        return .success(out)
    }

    /// Scores the inputs; `person` sees each good result in input order.
    func score(_ inputs: [(path: String, display: String)], person: (PersonResult) -> Void = { _ in }) -> Result<OrganisationSummary, ExitCode> {
        var options = ScoreRunner.Options()
        options.lang = lang
        options.encode = false
        options.summarise = true
        let outcome = ScoreRunner(rules: rules, options: options).run(inputs: inputs, output: { _, _ in }, failed: { errors, _ in
            for e in errors { cli.stderr.write((lang == .th ? "ข้อผิดพลาด: " : "error: ") + e.rendered(lang) + "\n") }
        }, person: person)
        if outcome.bad > 0 && !skipInvalid {
            cli.stderr.write(lang == .th
                ? "\(outcome.bad) แถวมีข้อผิดพลาด ไม่ได้เขียนไฟล์ (ใช้ --skip-invalid เพื่อใช้เฉพาะแถวที่ถูกต้อง)\n"
                : "\(outcome.bad) bad row\(outcome.bad == 1 ? "" : "s"); nothing written (use --skip-invalid to use the good rows)\n")
            return .failure(.problems)
        }
        if outcome.summary.overflow {
            cli.stderr.write(lang == .th ? "thaksa: ตัวเลขรวมใหญ่เกินกว่าจะคำนวณได้\n" : "thaksa: a total is too large to compute\n")
            return .failure(.problems)
        }
        return .success(outcome.summary)
    }

    /// Writes the HTML whole or not at all.
    func write(_ path: String, _ body: (AtomicFile) -> Void) -> ExitCode {
        do {
            let file = try cli.output(path)
            body(file)
            try file.commit(stdout: cli.stdout)
        } catch {
            cli.stderr.write("thaksa: " + cli.describe(error, lang) + "\n")
            return .unreadable
        }
        return .ok
    }
}

extension CLI {
    func digits(_ args: Arguments) throws -> Digits {
        Digits(rawValue: try args.choice("--digits", ["arabic", "thai"], default: "arabic")) ?? .arabic
    }
}

/// A failed step carries the exit code the command ends with (its message is already printed).
extension ExitCode: Error {}
