import Foundation

/// Renders lint findings as text for people (like `DiagnosticRenderer`: location, the source line, a
/// caret underline counted in grapheme clusters), as JSON, or as GitHub Actions workflow commands.
public struct LintRenderer: Sendable {
    public var sources: SourceSet
    public var lang: Language
    public var color: Bool

    public init(sources: SourceSet, lang: Language = .en, color: Bool = false) {
        self.sources = sources
        self.lang = lang
        self.color = color
    }

    /// Colour, locations and source excerpts are the diagnostic renderer's: one look for both.
    private var base: DiagnosticRenderer { DiagnosticRenderer(sources: sources, lang: lang, color: color) }
    private func paint(_ s: String, _ code: String) -> String { base.paint(s, code) }
    private func word(_ en: String) -> String { LintMessages.word(en, lang) }
    public func location(_ span: SourceSpan) -> String { base.location(span) }

    // MARK: text

    public func text(_ f: LintFinding) -> String {
        let sevColor = f.severity == .error ? "1;31" : f.severity == .warning ? "1;33" : "1;36"
        let mark = f.isSuppressed ? " (\(word("suppressed")))" : ""
        var out = paint("\(word(f.severity.rawValue))[\(f.rule)]", sevColor) + mark + ": " + paint(f.message(lang), "1") + "\n"
        out += base.excerpt(f.span, caretColor: sevColor) ?? ""
        out += "  = \(word("help")): \(f.help(lang))\n"
        if let rel = f.related, sources[rel.file] != nil { out += "  = \(word("see")): \(location(rel))\n" }
        if let s = f.suppression { out += "  = \(word("suppressed")) (\(location(s.span))): \(s.reason.escapingControls())\n" }
        return out
    }

    /// The findings to show, then one summary line for the rule set at `path`.
    public func text(_ report: LintReport, path: String, showSuppressed: Bool) -> String {
        let shown = report.findings.filter { showSuppressed || !$0.isSuppressed }
        var out = shown.map { text($0) }.joined(separator: "\n")
        if !shown.isEmpty { out += "\n" }
        return out + summary(report, path: path) + "\n"
    }

    public func summary(_ report: LintReport, path: String) -> String {
        let n = report.active.count, m = report.suppressed.count
        if lang == .th {
            let s = m > 0 ? " (ระงับไว้ \(m) รายการ)" : ""
            return n == 0 ? "ผ่าน \(path): ไม่พบข้อสังเกต\(s)" : "\(path): คำเตือน \(n) รายการ\(s)"
        }
        let s = m > 0 ? " (\(m) suppressed)" : ""
        return n == 0 ? "ok \(path): no lint findings\(s)" : "\(path): \(n) warning\(n == 1 ? "" : "s")\(s)"
    }

    // MARK: JSON

    public func json(_ f: LintFinding) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("rule", .string(f.rule)),
            ("severity", .string(f.severity.rawValue)),
            ("message", .string(f.message(lang))),
            ("subject", .string(f.subject)),
        ]
        if let file = sources[f.span.file] {
            let a = file.location(of: f.span.start), b = file.location(of: f.span.end)
            fields += [("file", .string(file.path)), ("line", .int(a.line)), ("column", .int(a.column)),
                       ("end_line", .int(b.line)), ("end_column", .int(b.column))]
        }
        fields.append(("help", .string(f.help(lang))))
        fields.append(("related", f.related.flatMap { sources[$0.file] != nil ? JSONValue.string(location($0)) : nil } ?? .null))
        fields.append(("suppressed", .bool(f.isSuppressed)))
        fields.append(("reason", f.suppression.map { .string($0.reason) } ?? .null))
        return .object(fields)
    }

    /// `ok` is what the exit code says: false on errors, or on warnings only with `strict`.
    public func json(_ report: LintReport, path: String, showSuppressed: Bool, strict: Bool = false) -> JSONValue {
        let diagnostics = DiagnosticRenderer(sources: sources, lang: lang)
        return .object([
            ("path", .string(path)),
            ("ok", .bool(!report.unreadable && !report.checkFailed && !(strict && report.warnings > 0))),
            ("check", .array(report.checkDiagnostics.map(diagnostics.json))),
            ("findings", .array(report.findings.filter { showSuppressed || !$0.isSuppressed }.map(json))),
            ("summary", .object([("errors", .int(report.checkErrors)), ("warnings", .int(report.warnings)),
                                 ("suppressed", .int(report.suppressed.count))])),
        ])
    }

    // MARK: GitHub Actions

    /// `::warning file=PATH,line=L,col=C,title=L005::message`; a suppressed finding is a notice.
    public func github(_ f: LintFinding) -> String {
        var message = f.message(lang)
        if let s = f.suppression { message += " (\(word("suppressed")): \(s.reason.escapingControls()))" }
        let level = f.isSuppressed ? "notice" : f.severity == .error ? "error" : f.severity == .warning ? "warning" : "notice"
        return command(level, f.span, title: f.rule + (f.isSuppressed ? " (suppressed)" : ""), message)
    }

    public func github(_ d: Diagnostic) -> String {
        command(d.severity == .error ? "error" : d.severity == .warning ? "warning" : "notice", d.span,
                title: d.code.rawValue, d.message(lang))
    }

    public func github(_ report: LintReport, showSuppressed: Bool) -> String {
        let lines = report.checkDiagnostics.map(github) + report.findings.filter { showSuppressed || !$0.isSuppressed }.map(github)
        return lines.map { $0 + "\n" }.joined()
    }

    func command(_ level: String, _ span: SourceSpan, title: String, _ message: String) -> String {
        var props: [String] = []
        if let file = sources[span.file] {
            let loc = file.location(of: span.start)
            props = ["file=" + Self.escapeProperty(file.path), "line=\(loc.line)", "col=\(loc.column)"]
        }
        props.append("title=" + Self.escapeProperty(title))
        return "::\(level) \(props.joined(separator: ","))::\(Self.escapeData(message))"
    }

    public static func escapeData(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    public static func escapeProperty(_ s: String) -> String {
        escapeData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }

    // MARK: rule list

    /// The registry: id, severity, summary and fix of every rule, in order.
    public func ruleList() -> String {
        LintRules.all.map { r in
            "\(r.id)  \(word(r.severity.rawValue))  \(r.summary(lang))\n      \(word("fix")): \(r.fix(lang))\n"
        }.joined()
    }
}

