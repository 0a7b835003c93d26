import Foundation
import ThaksaCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `thaksa fmt [PATH...] [--check] [--write]`: prints rule files in the canonical layout
/// (`Formatter`), shows how they differ from it, or rewrites them.
struct FmtCommand {
    let cli: CLI

    static let help = """
    Usage: thaksa fmt [PATH...] [--check | --write] [--lang th|en] [--color auto|always|never]

    Formats rule files in the canonical layout: one statement per line, 2 spaces per block level,
    one space between tokens, comments and single blank lines kept where they are. A PATH is a
    .thaksa file or a folder read as `check` reads it: a rule-set folder's own *.thaksa files, or,
    for a folder with none (like rules/), those of each sub-folder that has some; no deeper search.
    Files in sorted order. Without PATH, `rules/` in the current folder.

    Options:
      (none)        print the formatted text of one file on stdout
      --check       print a unified diff on stdout for each file that is not formatted;
                    exit 1 if there is one
      --write       rewrite the files that are not formatted, in place (each replaced at once)
      --lang th|en  message language (default: THAKSA_LANG or LANG)
      --color WHEN  colour diagnostics: auto (a terminal without NO_COLOR), always, never

    A file with syntax errors is not formatted: its diagnostics go to stderr and, with --write,
    no file is written.

    Exit codes: 0 formatted (or rewritten), 1 not formatted (--check) or syntax errors,
    2 usage error, 3 unreadable input.

    """

    struct Input {
        let path: String      // absolute
        let shown: String     // as displayed
    }

    func run(_ raw: [String]) -> ExitCode {
        let args: Arguments
        let lang: Language
        let color: Bool
        do {
            args = try Arguments(raw, valued: ["--lang", "--color"], switches: ["--help", "--check", "--write"])
            lang = try cli.language(args)
            color = try cli.colour(args, cli.stderr)
        } catch let e as Arguments.UsageError {
            return cli.usage(e.message, FmtCommand.help)
        } catch { return .usage }
        if args.flags.contains("--help") { cli.stdout.write(FmtCommand.help); return .ok }
        let check = args.flags.contains("--check"), write = args.flags.contains("--write")
        if check && write { return cli.usage("`--check` and `--write` cannot be used together", FmtCommand.help) }

        var roots = args.positionals
        if roots.isEmpty {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: cli.absolute("rules"), isDirectory: &isDir), isDir.boolValue else {
                return cli.usage("no PATH given and no `rules/` folder here", FmtCommand.help)
            }
            roots = ["rules"]
        }
        var inputs: [Input] = []
        var unreadable = false
        for root in roots {
            let path = URL(fileURLWithPath: cli.absolute(root)).standardizedFileURL.path
            guard let found = files(under: path, as: root) else { unreadable = true; continue }
            for f in found where !inputs.contains(where: { $0.path == f.path }) { inputs.append(f) }
        }
        if !check && !write && !unreadable && inputs.count != 1 {
            return cli.usage("printing to stdout takes one file (found \(inputs.count)); use --check or --write for more", FmtCommand.help)
        }

        var sources = SourceSet()
        var read: [(Input, SourceFile)] = []
        for input in inputs {
            guard let data = FileManager.default.contents(atPath: input.path) else {
                cli.stderr.write("thaksa: cannot read `\(input.shown)`\n")
                unreadable = true
                continue
            }
            read.append((input, sources.add(path: input.shown, bytes: Array(data))))
        }
        if unreadable { return .unreadable }

        let renderer = DiagnosticRenderer(sources: sources, lang: lang, color: color)
        var results: [(Input, SourceFile, String)] = []
        var refused = false
        for (input, file) in read {
            switch ThaksaCore.Formatter.format(file) {
            case .formatted(let text): results.append((input, file, text))
            case .refused(let r):
                refused = true
                if r.diagnostics.isEmpty { cli.stderr.write("thaksa: \(r.message)\n") }
                else { cli.stderr.write(renderer.text(r.diagnostics, dropped: r.dropped)) }
            }
        }

        if check {
            var differs = false
            for (input, file, text) in results {
                let old = String(decoding: file.bytes, as: UTF8.self)
                guard Array(text.utf8) != file.bytes else { continue }
                differs = true
                let name = input.shown.hasPrefix("/") ? input.shown : "/" + input.shown
                cli.stdout.write(UnifiedDiff.diff(old, text, oldName: "a" + name, newName: "b" + name))
            }
            return refused || differs ? .problems : .ok
        }
        if refused { return .problems }
        if write {
            var failed = false
            for (input, file, text) in results where Array(text.utf8) != file.bytes {
                do {
                    try replace(input.path, with: text)
                    cli.stdout.write("formatted \(input.shown)\n")
                } catch {
                    cli.stderr.write("thaksa: " + cli.describe(error, lang) + "\n")
                    failed = true
                }
            }
            return failed ? .unreadable : .ok
        }
        if let (_, _, text) = results.first { cli.stdout.write(text) }
        return .ok
    }

    /// The .thaksa files a PATH stands for, sorted; nil (after a message) when there are none.
    func files(under path: String, as given: String) -> [Input]? {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
            cli.stderr.write("thaksa: cannot read `\(given)`: no such file or folder\n")
            return nil
        }
        guard isDir.boolValue else { return [Input(path: path, shown: cli.display(path))] }
        // The same folders `check` reads (RuleSetPaths): a rule-set folder's own .thaksa files, or
        // for a folder of rule sets (like rules/) those of each sub-folder; no deeper search, so
        // test fixtures or drafts in other sub-folders are not formatted by accident.
        var found: [String] = []
        for dir in RuleSetPaths.expand(path) {
            for entry in (try? fm.contentsOfDirectory(atPath: dir)) ?? [] where !entry.hasPrefix(".") && entry.hasSuffix(".thaksa") {
                let full = dir.hasSuffix("/") ? dir + entry : dir + "/" + entry
                var sub: ObjCBool = false
                if fm.fileExists(atPath: full, isDirectory: &sub), !sub.boolValue { found.append(full) }
            }
        }
        guard !found.isEmpty else {
            cli.stderr.write("thaksa: no .thaksa files in `\(given)`\n")
            return nil
        }
        return found.sorted().map { Input(path: $0, shown: cli.display($0)) }
    }

    /// Replaces a file's contents at once (through a symbolic link to its target; the permissions are kept).
    func replace(_ path: String, with text: String) throws {
        let file = try cli.output(path)
        file.write(text)
        try file.commit(stdout: BufferOutput())
    }
}
