import Foundation

/// What lint rules look at: the checked, compiled rule set, plus the syntax it came from, used only
/// to point a finding at the exact word (an audience mark, an `items` line) and to read `when`
/// conditions as written. Built once per lint run.
public struct LintContext: Sendable {
    public let loaded: LoadedRuleSet
    public var rules: RuleSet { loaded.ruleSet }
    /// Every statement at any depth, by keyword, in source order.
    let statementsByKeyword: [String: [Statement]]
    /// Every statement at any depth, by its span (compiled definitions keep their statement's span).
    let statementBySpan: [SourceSpan: Statement]

    public init(_ loaded: LoadedRuleSet) {
        self.loaded = loaded
        var byKeyword: [String: [Statement]] = [:]
        var bySpan: [SourceSpan: Statement] = [:]
        func walk(_ s: Statement) {
            byKeyword[s.keyword.text, default: []].append(s)
            bySpan[s.span] = s
            for c in s.block ?? [] { walk(c) }
        }
        for f in loaded.files { for s in f.statements { walk(s) } }
        statementsByKeyword = byKeyword
        statementBySpan = bySpan
    }

    // MARK: phases and requirements

    /// The current phase: the programme's, else the first declared.
    public var currentPhase: Int? { rules.effectivePhase }

    public func requirements(of group: Int, in phase: Int?) -> [RequirementDef] {
        guard let p = phase else { return [] }
        return rules.groups[group].phases[p] ?? []
    }

    public func currentRequirements(of group: Int) -> [RequirementDef] { requirements(of: group, in: currentPhase) }

    /// Items the group develops now: the current phase's and the next phase's requirements.
    public func developedItems(of group: Int) -> Set<Int> {
        var s = Set(currentRequirements(of: group).map(\.item))
        if let n = rules.nextPhase, n != currentPhase { s.formUnion(requirements(of: group, in: n).map(\.item)) }
        return s
    }

    /// Groups whose IDP draws on track `t` (a group's own `track`, else the first track naming it).
    public func groups(ofTrack t: Int) -> [Int] { rules.groups.indices.filter { rules.trackOf(group: $0) == t } }

    /// A competency is an item declared inside a dimension or a skill set.
    public func isCompetency(_ item: Int) -> Bool { rules.items[item].skillset != nil || rules.items[item].dimension != nil }

    public func phaseName(_ p: Int?) -> String { p.map { rules.phases[$0].id } ?? "-" }

    // MARK: syntax lookups

    func statement(at span: SourceSpan) -> Statement? { statementBySpan[span] }

    func statements(_ keyword: String) -> [Statement] { statementsByKeyword[keyword] ?? [] }

    static func child(_ s: Statement?, _ keyword: String) -> Statement? {
        s?.block?.first { $0.keyword.text == keyword }
    }

    /// Where group `group` is named in the `audience` of a topic, else the topic itself.
    func audienceMark(_ topic: TopicDef, group: Int) -> SourceSpan {
        let id = rules.groups[group].entity.id
        if let a = LintContext.child(statement(at: topic.span), "audience"), case .names(let names)? = a.args.first,
           let n = names.first(where: { $0.text == id }) {
            return n.span
        }
        return topic.span
    }

    /// The id of a course as written (the quoted row number), else the course statement.
    func courseIDSpan(_ c: CourseDef) -> SourceSpan {
        if let s = statement(at: c.span), case .string(let t)? = s.args.first { return t.span }
        return c.span
    }

    /// The quoted title of a position declaration, else the statement.
    func positionTitleSpan(_ p: PositionDef) -> SourceSpan {
        if let s = statement(at: p.span), case .string(let t)? = s.args.first { return t.span }
        return p.span
    }

    /// The `when` condition of a position as written, in a canonical form (spacing and
    /// parentheses do not matter); nil without one.
    func positionCondition(_ p: PositionDef) -> String? {
        guard p.condition != nil, let s = statement(at: p.span), s.args.count > 4, case .expr(let e) = s.args[4] else { return nil }
        return LintContext.canonical(e)
    }

    /// P when a position's condition is exactly `unit starts with "P"`; nil otherwise.
    func unitPrefix(_ p: PositionDef) -> String? {
        guard p.condition != nil, let s = statement(at: p.span), s.args.count > 4, case .expr(let e) = s.args[4],
              case .binary(.startsWith, let l, let r) = e.kind, case .name("unit") = l.kind, case .string(let prefix) = r.kind
        else { return nil }
        return prefix
    }

    /// Every name used in an expression anywhere in the rule files.
    func namesInExpressions() -> Set<String> {
        var out = Set<String>()
        func arg(_ a: Arg) {
            switch a {
            case .expr(let e), .compare(_, let e): LintContext.names(e, into: &out)
            default: break
            }
        }
        for list in statementsByKeyword.values { for s in list { s.args.forEach(arg) } }
        return out
    }

    static func names(_ e: Expr, into out: inout Set<String>) {
        switch e.kind {
        case .name(let n): out.insert(n)
        case .number, .string, .bool, .missing: break
        case .member(let b, _): names(b, into: &out)
        case .unary(_, let x): names(x, into: &out)
        case .binary(_, let l, let r), .first(let l, let r): names(l, into: &out); names(r, into: &out)
        case .ifThen(let c, let a, let b): names(c, into: &out); names(a, into: &out); names(b, into: &out)
        case .call(_, let args), .list(let args): for a in args { names(a, into: &out) }
        case .query(let source, let filter, let order):
            names(source, into: &out)
            if let f = filter { names(f, into: &out) }
            for k in order { names(k.key, into: &out) }
        }
    }

    /// An expression as text with one space between tokens and explicit grouping, so that two
    /// conditions written with different spacing or redundant parentheses compare equal.
    static func canonical(_ e: Expr) -> String {
        switch e.kind {
        case .number(let r): return r.description
        case .string(let s): return "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        case .bool(let b): return b ? "true" : "false"
        case .name(let n): return n
        case .missing: return "?"
        case .member(let b, let f): return canonical(b) + "." + f.text
        case .unary(let op, let x): return "(" + op.rawValue + " " + canonical(x) + ")"
        case .binary(let op, let l, let r): return "(" + canonical(l) + " " + op.rawValue + " " + canonical(r) + ")"
        case .ifThen(let c, let a, let b): return "(if " + canonical(c) + " then " + canonical(a) + " else " + canonical(b) + ")"
        case .call(let n, let args): return n.text + "(" + args.map(canonical).joined(separator: ", ") + ")"
        case .list(let items): return "[" + items.map(canonical).joined(separator: ", ") + "]"
        case .first(let n, let q): return "(first " + canonical(n) + " of " + canonical(q) + ")"
        case .query(let source, let filter, let order):
            var s = "(" + canonical(source)
            if let f = filter { s += " where " + canonical(f) }
            if !order.isEmpty {
                s += " order by " + order.map { canonical($0.key) + ($0.descending ? " descending" : "") }.joined(separator: ", ")
            }
            return s + ")"
        }
    }

    // MARK: compiled code

    /// The computed slots (lists and scores) a piece of compiled code reads.
    static func references(_ c: Code, into out: inout Set<Int>) {
        switch c {
        case .computed(let i), .personScore(let i), .previous(let i, _): out.insert(i)
        case .constant, .person, .element, .collection, .accumulator, .round, .progress, .personProgress, .personBand, .namedValue: break
        case .familyMember, .listField: break   // a field is read from elements of a list already referenced
        case .familyValue(let i, let x, _, _): out.insert(i); references(x, into: &out)
        case .entityField(let x, _, _), .neg(let x), .not(let x), .requirementTest(_, let x): references(x, into: &out)
        case .arithmetic(_, let a, let b, _), .compare(_, let a, let b, _), .and(let a, let b), .or(let a, let b),
             .member(let a, let b, _, _), .startsWith(let a, let b), .contains(let a, let b), .first(let a, let b):
            references(a, into: &out)
            references(b, into: &out)
        case .ifThen(let a, let b, let d):
            references(a, into: &out)
            references(b, into: &out)
            references(d, into: &out)
        case .call(_, let args, _), .list(let args): for a in args { references(a, into: &out) }
        case .aggregate(_, let source, _, let projection, _):
            references(source, into: &out)
            if let p = projection { references(p, into: &out) }
        case .query(let source, _, let filter, let order):
            references(source, into: &out)
            if let f = filter { references(f, into: &out) }
            for k in order { references(k.0, into: &out) }
        }
    }

    /// The value of a constant numeric expression (a band threshold such as `40 + 40`), or nil.
    static func constantNumber(_ c: Code) -> Rational? {
        switch c {
        case .constant(.number(let n)): return n
        case .neg(let x): return constantNumber(x).flatMap { -$0 }
        case .arithmetic(let op, let a, let b, _):
            guard let x = constantNumber(a), let y = constantNumber(b) else { return nil }
            return Rational.arithmetic(op, x, y)
        case .call(let fn, let args, _):
            let xs = args.map(constantNumber)
            guard !xs.contains(where: { $0 == nil }) else { return nil }
            let v = xs.map { $0! }
            switch fn {
            case .floor where v.count == 1: return v[0].floor()
            case .ceil where v.count == 1: return v[0].ceil()
            case .abs where v.count == 1: return v[0] < .zero ? -v[0] : v[0]
            case .min where v.count == 2: return Swift.min(v[0], v[1])
            case .max where v.count == 2: return Swift.max(v[0], v[1])
            case .round where v.count == 2:
                guard v[1].isInteger, v[1].num >= 0, v[1].num <= 18 else { return nil }
                return v[0].rounded(places: Int(v[1].num))
            case .round where v.count == 1: return v[0].rounded(places: 0)
            default: return nil
            }
        default: return nil
        }
    }
}
