/// The result of linting one rule set.
public struct LintReport: Sendable {
    /// What `check` found, sorted; lint rules run only when none of these is an error.
    public var checkDiagnostics: [Diagnostic]
    public var droppedCheckDiagnostics: Int
    public var checkFailed: Bool
    public var unreadable: Bool
    /// Every finding, sorted by place, suppressed ones included (they carry their `suppression`).
    public var findings: [LintFinding]

    public var active: [LintFinding] { findings.filter { !$0.isSuppressed } }
    public var suppressed: [LintFinding] { findings.filter(\.isSuppressed) }
    public var checkErrors: Int { checkDiagnostics.filter { $0.severity == .error }.count }
    public var checkWarnings: Int { checkDiagnostics.filter { $0.severity == .warning }.count }
    /// Unsuppressed findings and check warnings: what `--strict` fails on.
    public var warnings: Int { active.count + checkWarnings }
}

/// Runs `check`'s result through the lint rules, in registry order, then applies the
/// `# lint-ignore` comments of the rule files.
public enum Linter {
    public static func lint(_ loaded: LoadedRuleSet, rules: [LintRule] = LintRules.all) -> LintReport {
        var report = LintReport(checkDiagnostics: loaded.diagnostics.sorted, droppedCheckDiagnostics: loaded.diagnostics.dropped,
                                checkFailed: loaded.diagnostics.hasErrors || loaded.unreadable,
                                unreadable: loaded.unreadable, findings: [])
        guard !report.checkFailed else { return report }
        let ctx = LintContext(loaded)
        var findings: [LintFinding] = []
        var seen = Set<LintFinding>()
        for rule in rules {
            for f in rule.find?(ctx) ?? [] where seen.insert(f).inserted { findings.append(f) }
        }
        findings += applySuppressions(loaded, &findings)
        report.findings = findings.sorted { ($0.span, $0.rule, $0.subject) < ($1.span, $1.rule, $1.subject) }
        return report
    }

    /// Marks suppressed findings; returns the findings about the suppression comments themselves.
    static func applySuppressions(_ loaded: LoadedRuleSet, _ findings: inout [LintFinding]) -> [LintFinding] {
        var out: [LintFinding] = []
        let suppressible = LintRules.all.filter(\.suppressible).map(\.id).joined(separator: ", ")
        for syntax in loaded.files {
            let file = syntax.file
            for s in SuppressionComment.parse(syntax) {
                for bad in s.invalid {
                    out.append(LintFinding(rule: "L000", variant: bad.variant, span: s.span, subject: bad.text,
                                           args: [bad.text, suppressible]))
                }
                if s.specs.isEmpty {
                    if s.invalid.isEmpty { out.append(LintFinding(rule: "L000", variant: "noRule", span: s.span, subject: "", args: [])) }
                    continue
                }
                let named = s.specs.map(\.text).joined(separator: ", ")
                guard s.hasReason else {
                    out.append(LintFinding(rule: "L000", variant: "noReason", span: s.span, subject: named, args: [named]))
                    continue
                }
                for spec in s.specs {
                    var used = false
                    if let line = s.targetLine {
                        for k in findings.indices where findings[k].suppression == nil && findings[k].span.file == file.id
                            && file.line(of: findings[k].span.start) == line && s.matches(findings[k], spec) {
                            findings[k].suppression = Suppression(reason: s.reason, span: s.span)
                            used = true
                        }
                    }
                    if !used {
                        out.append(LintFinding(rule: "L014", variant: s.targetLine == nil ? "noTarget" : nil, span: s.span,
                                               subject: spec.text, args: [spec.text, s.targetLine.map(String.init) ?? "-"]))
                    }
                }
            }
        }
        return out
    }
}
