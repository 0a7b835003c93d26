/// Checks parsed rule files and compiles them into a `RuleSet`. Named passes in a fixed order:
/// declare (names, duplicates) → framework (kinds, scales, items) → groups and positions →
/// learning (methods, tracks, courses) → computed values (types, cycles) → bands → IDP → targets → input column mapping.
/// Every pass appends to one diagnostic sink; a hole left by an earlier error is skipped silently.
public struct Checker {
    struct Symbol {
        var kind: SymbolKind
        var index: Int
        var span: SourceSpan
    }

    enum SymbolKind: Equatable {
        case entity(EntityKind)
        case computed
        /// A `progress` score (two-round context).
        case progress
        /// A declared number (`value`).
        case value

        /// What a name of this kind is, for "`x` is a …, but … is needed" (an `@` phrase of Messages).
        var noun: String {
            switch self {
            case .entity(let k): return "@" + k.noun
            case .computed: return "@a score"
            case .progress: return "@a progress score"
            case .value: return "@a named value"
            }
        }
    }

    var diagnostics = DiagnosticSink()
    var rs = RuleSet()
    var symbols: [String: Symbol] = [:]
    /// Statements by kind, in source order, gathered by the declare pass.
    var statements: [String: [(Statement, parent: Statement?)]] = [:]
    var computedStatements: [Statement] = []
    var computedState: [Int: VisitState] = [:]
    var computedStack: [Int] = []
    var progressStatements: [Statement] = []
    var progressState: [Int: VisitState] = [:]
    var progressStack: [Int] = []
    var bandCaseCount = 0
    /// Score families by slot: the `per` name and part (nil: the `per` clause is wrong, already reported).
    var familyVars: [Int: (name: String, part: PartKind)?] = [:]
    /// Skill set → the dimension it is declared in; the scale of items that name none.
    var skillsetDimension: [Int: Int] = [:]
    /// Declared names by kind, for "did you mean"; rebuilt after a new name is defined.
    var candidates: [EntityKind: [String]] = [:]
    var defaultScale: Int?
    /// Where each declared value is first read per item and per group (checked for gaps at the end).
    var valueReads: [Int: (perItem: SourceSpan?, perGroup: SourceSpan?)] = [:]
    /// Parts read by name (`information.area_weight`) per value, with the first place each is read.
    var valuePartReads: [Int: [ValuePart: SourceSpan]] = [:]

    enum VisitState { case visiting, done }

    /// Names compared for "did you mean" (tests bound how it grows).
    var suggestionWork = 0

    public static func check(_ files: [SyntaxFile]) -> (RuleSet, DiagnosticSink) {
        let c = run(files)
        return (c.rs, c.diagnostics)
    }

    static func run(_ files: [SyntaxFile]) -> Checker {
        var c = Checker()
        c.declare(files)
        c.checkFramework()
        c.checkValues()
        c.checkGroups()
        c.checkLearning()
        c.declareProgress()
        c.checkComputed()
        c.checkProgress()
        c.checkBands()
        c.checkIDP()
        c.checkTargets()
        c.resolveValues()
        c.checkProgramme()
        c.checkColumns()
        return c
    }

    // MARK: argument access

    func arg(_ s: Statement, _ i: Int) -> Arg { i < s.args.count ? s.args[i] : .absent }
    func name(_ s: Statement, _ i: Int) -> Name? { if case .name(let n) = arg(s, i) { return n }; return nil }
    func title(_ s: Statement, _ i: Int) -> LocalizedText? {
        if case .title(let t) = arg(s, i) { return LocalizedText(th: t.th.value, en: t.en?.value) }
        return nil
    }
    func string(_ s: Statement, _ i: Int) -> TextLit? { if case .string(let t) = arg(s, i) { return t }; return nil }
    func number(_ s: Statement, _ i: Int) -> NumberLit? { if case .number(let n) = arg(s, i) { return n }; return nil }
    func names(_ s: Statement, _ i: Int) -> [Name] { if case .names(let n) = arg(s, i) { return n }; return [] }
    func expr(_ s: Statement, _ i: Int) -> Expr? { if case .expr(let e) = arg(s, i) { return e }; return nil }
    func children(_ s: Statement, _ keyword: String) -> [Statement] {
        (s.block ?? []).filter { $0.keyword.text == keyword }
    }

    /// The single child statement `keyword`, reporting repeats.
    mutating func single(_ s: Statement, _ keyword: String) -> Statement? {
        let found = children(s, keyword)
        for extra in found.dropFirst() {
            let named = name(s, 0).map { " \($0.text)" } ?? ""
            diagnostics.add(.duplicateProperty, extra.keyword.span, [keyword, "`\(s.keyword.text)\(named)`"])
        }
        return found.first
    }

    func entity(_ n: Name, _ t: LocalizedText?) -> Entity {
        Entity(id: n.text, title: t ?? LocalizedText(th: n.text), span: n.span)
    }

    func integer(_ n: NumberLit) -> Int? {
        n.value.isInteger && n.value.num >= Int64(Int32.min) && n.value.num <= Int64(Int32.max) ? Int(n.value.num) : nil
    }

    mutating func invalid(_ span: SourceSpan, en: String, th: String) {
        diagnostics.add(.invalidValue, span, [en, th])
    }

    // MARK: declare

    mutating func declare(_ files: [SyntaxFile]) {
        for f in files {
            lineFinder[f.file.id] = f.file
            for s in f.statements { gather(s, parent: nil) }
        }
    }

    mutating func gather(_ s: Statement, parent: Statement?) {
        statements[s.keyword.text, default: []].append((s, parent))
        if s.keyword.text == "dimension" || s.keyword.text == "skillset" {
            for c in s.block ?? [] { gather(c, parent: s) }
        }
    }

    /// Registers a name in the single namespace of the rule set.
    mutating func define(_ n: Name, _ kind: SymbolKind, _ index: Int) {
        if let prior = symbols[n.text] {
            // Passes declare by kind, not in source order: report at whichever comes later.
            let (first, second) = prior.span < n.span ? (prior.span, n.span) : (n.span, prior.span)
            diagnostics.add(.duplicateName, second, [n.text, "@line:\(lineOf(first))"], related: first)
            return
        }
        if Collection(rawValue: n.text) != nil || n.text == "people" || PersonField(rawValue: n.text) != nil {
            invalid(n.span, en: "`\(n.text)` is a built-in name and cannot be declared",
                    th: "`\(n.text)` เป็นชื่อที่ระบบใช้ ประกาศซ้ำไม่ได้")
            return
        }
        symbols[n.text] = Symbol(kind: kind, index: index, span: n.span)
        if case .entity(let k) = kind { candidates[k] = nil }
    }

    var lineFinder: [Int: SourceFile] = [:]
    func lineOf(_ span: SourceSpan) -> Int { lineFinder[span.file]?.line(of: span.start) ?? 0 }

    /// Resolves a reference to an entity of one kind, with "did you mean" among that kind.
    mutating func resolve(_ n: Name, _ kind: EntityKind) -> Int? {
        guard let sym = symbols[n.text] else {
            var suggestion: String?
            if !diagnostics.isFull {
                if candidates[kind] == nil { candidates[kind] = symbols.filter { $0.value.kind == .entity(kind) }.map(\.key) }
                suggestion = Suggestions.closest(to: n.text, in: candidates[kind]!)
                suggestionWork += candidates[kind]!.count
            }
            diagnostics.add(.undefinedName, n.span, [n.text], suggestion: suggestion)
            return nil
        }
        guard sym.kind == .entity(kind) else {
            diagnostics.add(.wrongNameKind, n.span, [n.text, sym.kind.noun, "@" + kind.noun])
            return nil
        }
        return sym.index
    }

    mutating func singleton(_ keyword: String) -> Statement? {
        let all = statements[keyword] ?? []
        for extra in all.dropFirst() {
            diagnostics.add(.duplicateDeclaration, extra.0.keyword.span, [keyword, "@line:\(lineOf(all[0].0.span))"],
                            related: all[0].0.span)
        }
        return all.first?.0
    }
}
