import Foundation
import ThaksaCore

/// One problem as the editor shows it: a check diagnostic or an active lint finding.
struct Finding {
    var span: SourceSpan
    var severity: Severity
    var code: String
    var message: String
    /// "did you mean" replacement for the span.
    var suggestion: String?
    /// For lint findings: the `lint-ignore` spec that would accept it, e.g. `L004(DS100/E)`.
    var ignoreSpec: String?
    var related: SourceSpan?
}

/// A rule-set folder as `check` and `lint` see it, with the editor's unsaved buffers over the
/// disk files: the same loader, checker and linter as the CLI.
struct Analysis {
    let folder: String
    let loaded: LoadedRuleSet
    let index: RuleIndex
    let findings: [Finding]

    init(folder: String, overlay: [String: [UInt8]], lang: Language, cache: ParseCache) {
        self.folder = folder
        loaded = RuleSetLoader.load(folder, unsaved: Array(overlay.keys), read: { path in
            overlay[path] ?? FileManager.default.contents(atPath: path).map { [UInt8]($0) }
        }, parse: cache.parse)
        index = RuleIndex(files: loaded.files)
        var out: [Finding] = []
        for d in loaded.diagnostics.sorted {
            var message = d.message(lang)
            if let s = d.suggestion { message += "\n" + (lang == .th ? "หมายถึง `\(s)` หรือไม่?" : "did you mean `\(s)`?") }
            if let help = d.help(lang) { message += "\n" + help }
            out.append(Finding(span: d.span, severity: d.severity, code: d.code.rawValue, message: message,
                               suggestion: d.suggestion, related: d.related))
        }
        if !loaded.diagnostics.hasErrors && !loaded.unreadable {
            for f in Linter.lint(loaded).active {
                let suppressible = LintRules.rule(f.rule)?.suppressible ?? false
                let spec = f.subject.isEmpty ? f.rule : "\(f.rule)(\(f.subject))"
                out.append(Finding(span: f.span, severity: f.severity, code: f.rule, message: f.message(lang) + "\n" + f.help(lang),
                                   ignoreSpec: suppressible ? spec : nil, related: f.related))
            }
        }
        findings = out
    }

    func file(_ path: String) -> SyntaxFile? { loaded.files.first { $0.file.path == path } }
    func source(_ id: Int) -> SourceFile? { loaded.sources[id] }
}

/// The syntax trees of the last analysis, by path: a keystroke re-parses only the file it changed
/// (the checker and linter still run over the whole rule set, as they must).
final class ParseCache {
    var entries: [String: (file: SourceFile, syntax: SyntaxFile, diagnostics: DiagnosticSink)] = [:]
    /// Files parsed, not taken from the cache (tests count work instead of timing it).
    private(set) var parsed = 0

    func parse(_ file: SourceFile) -> (SyntaxFile, DiagnosticSink) {
        if let e = entries[file.path], e.file.id == file.id, e.file.bytes == file.bytes { return (e.syntax, e.diagnostics) }
        let (syntax, diagnostics) = Parser.parse(file)
        parsed += 1
        entries[file.path] = (file, syntax, diagnostics)
        return (syntax, diagnostics)
    }
}
