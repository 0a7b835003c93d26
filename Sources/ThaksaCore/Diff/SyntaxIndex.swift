/// The syntax behind a checked rule set: finds the statement a definition came from (by its span)
/// and prints expressions canonically, so the differ compares meaning, not layout or comments.
struct SyntaxIndex {
    /// Every statement of every file, with its context keyword, sorted by span.
    private var statements: [(span: SourceSpan, statement: Statement)] = []
    private let printer = FormatPrinter(file: nil, tokens: [])

    init(_ files: [SyntaxFile]) {
        func walk(_ list: [Statement]) {
            for s in list {
                statements.append((s.span, s))
                if let b = s.block { walk(b) }
            }
        }
        for f in files { walk(f.statements) }
        statements.sort { $0.span < $1.span }
    }

    /// The innermost statement whose span holds `span`.
    func statement(at span: SourceSpan) -> Statement? {
        var best: Statement?
        for (s, st) in statements where s.file == span.file && s.start <= span.start && span.end <= s.end {
            if best == nil || (s.end - s.start) <= (best!.span.end - best!.span.start) { best = st }
        }
        return best
    }

    /// The first statement with this keyword (`programme`, `assignment`, `ruleset`: one per rule set).
    func first(_ keyword: String) -> SourceSpan? {
        statements.first { $0.statement.keyword.text == keyword }?.span
    }

    /// The first expression argument of the statement at `span` (a formula, condition or threshold).
    func expression(at span: SourceSpan) -> String? {
        guard let st = statement(at: span) else { return nil }
        for a in st.args {
            switch a {
            case .expr(let e): return text(e)
            case .compare(let op, let e): return op.rawValue + " " + text(e)
            default: continue
            }
        }
        return nil
    }

    /// The `per …` of a score family or the `with …` fields of a list at `span`, printed canonically.
    func clause(at span: SourceSpan) -> String? {
        guard let st = statement(at: span) else { return nil }
        for a in st.args {
            switch a {
            case .per, .fields:
                var out: [FormatToken] = []
                printer.arg(a, slot: nil, into: &out)
                return FormatRenderer.line(out)
            default: continue
            }
        }
        return nil
    }

    /// A child statement `keyword` of the statement at `span`, printed canonically without its keyword.
    func child(_ keyword: String, of span: SourceSpan) -> String? {
        guard let st = statement(at: span), let c = st.block?.first(where: { $0.keyword.text == keyword }) else { return nil }
        return expression(at: c.span) ?? canonical(c).dropFirst(keyword.count).trimmingPrefixSpaces()
    }

    /// A statement's header in canonical spelling (numbers by value, no comments, single spaces).
    func canonical(_ st: Statement) -> String {
        var head = printer.statement(Statement(keyword: st.keyword, args: st.args, block: nil, span: .none), context: "").header
        if head.last?.kind == .lbrace { head.removeLast() }
        return FormatRenderer.line(head)
    }

    func text(_ e: Expr) -> String {
        var out: [FormatToken] = []
        printer.expr(e, min: FormatPrinter.Level.query, into: &out)
        return FormatRenderer.line(out)
    }
}

extension Substring {
    func trimmingPrefixSpaces() -> String { String(drop { $0 == " " }) }
}
