/// What names an expression may use, by where it stands.
struct Scope {
    var personFields: Bool
    var groupField: Bool
    var collections: Bool
    var computed: Bool
    var inTarget = false
    /// A `progress` score: the BEFORE round and the IDP2 outcomes are in scope.
    var twoRound = false
    /// Set when a target's measure reads a `progress` score.
    var usedTwoRound = false
    var elements: [ElementType] = []
    /// Per element in scope: the computed fields its list gives it (`with`), by name → (list slot, field).
    var listFields: [[String: (slot: Int, index: Int)]] = []
    /// Inside a score family: its `per` name and part.
    var family: (name: String, part: PartKind)?
    var accumulators: [AccumulatorDef] = []
    /// A band threshold: a declared value is the person's group's number.
    var groupValues = false

    mutating func enter(_ e: ElementType, fields: [String: (slot: Int, index: Int)] = [:]) {
        elements.append(e)
        listFields.append(fields)
    }

    mutating func leave() {
        elements.removeLast()
        listFields.removeLast()
    }

    static let positionCondition = Scope(personFields: true, groupField: false, collections: false, computed: false)
    static let person = Scope(personFields: true, groupField: true, collections: true, computed: true)
    static let target = Scope(personFields: false, groupField: false, collections: false, computed: false, inTarget: true)
    static let constant = Scope(personFields: false, groupField: false, collections: false, computed: false)
    static let progress = Scope(personFields: true, groupField: true, collections: true, computed: true, twoRound: true)
    static let threshold = Scope(personFields: false, groupField: false, collections: false, computed: false, groupValues: true)
}

/// Type checking and compilation of expressions to `Code`.
extension Checker {
    static let placeholder = Code.constant(.bool(false))

    /// Compiles `e`; reports and returns nil when it does not check or has the wrong type.
    mutating func compile(_ e: Expr, _ scope: inout Scope, expecting: ValueType? = nil) -> Code? {
        let (code, type) = compileExpr(e, &scope)
        if type == .error { return nil }
        if let want = expecting, !conforms(type, want) {
            diagnostics.add(.typeMismatch, e.span, [want.arg, type.arg])
            return nil
        }
        return code
    }

    func conforms(_ t: ValueType, _ want: ValueType) -> Bool {
        if t == want || t == .error { return true }
        if case .list = t, case .list = want { return true }
        return false
    }

    mutating func mismatch(_ e: Expr, _ want: ValueType, _ got: ValueType) -> (Code, ValueType) {
        if got != .error { diagnostics.add(.typeMismatch, e.span, [want.arg, got.arg]) }
        return (Checker.placeholder, .error)
    }

    mutating func compileExpr(_ e: Expr, _ scope: inout Scope) -> (Code, ValueType) {
        switch e.kind {
        case .missing: return (Checker.placeholder, .error)
        case .number(let n): return (.constant(.number(n)), .number)
        case .string(let s): return (.constant(.text(s)), .text)
        case .bool(let b): return (.constant(.bool(b)), .bool)
        case .name(let n): return compileName(n, e.span, &scope)
        case .member(let base, let field): return compileMember(base, field, &scope)
        case .unary(.neg, let x):
            let (c, t) = compileExpr(x, &scope)
            return t == .number ? (.neg(c), .number) : mismatch(x, .number, t)
        case .unary(.not, let x):
            let (c, t) = compileExpr(x, &scope)
            return t == .bool ? (.not(c), .bool) : mismatch(x, .bool, t)
        case .binary(let op, let l, let r): return compileBinary(op, l, r, e.span, &scope)
        case .ifThen(let c, let a, let b):
            let (cc, ct) = compileExpr(c, &scope)
            let (ac, at) = compileExpr(a, &scope)
            let (bc, bt) = compileExpr(b, &scope)
            if ct != .bool { return mismatch(c, .bool, ct) }
            if at == .error || bt == .error { return (Checker.placeholder, .error) }
            guard conforms(bt, at) else { return mismatch(b, at, bt) }
            return (.ifThen(cc, ac, bc), at)
        case .call(let fn, let args): return compileCall(fn, args, e.span, &scope)
        case .query(let source, let filter, let order): return compileQuery(source, filter, order, &scope)
        case .first(let n, let q):
            let (nc, nt) = compileExpr(n, &scope)
            let (qc, qt) = compileExpr(q, &scope)
            if nt != .number { return mismatch(n, .number, nt) }
            guard case .list = qt else { return qt == .error ? (Checker.placeholder, .error) : notCollection("first", q, qt) }
            return (.first(nc, qc), qt)
        case .list(let items):
            var codes: [Code] = []
            var elem: ScalarType?
            for item in items {
                let (c, t) = compileExpr(item, &scope)
                guard case .scalar(let s) = t else {
                    if t != .error { diagnostics.add(.typeMismatch, item.span, ["@a value", t.arg]) }
                    return (Checker.placeholder, .error)
                }
                if let prior = elem, prior != s { return mismatch(item, .scalar(prior), t) }
                elem = s
                codes.append(c)
            }
            return (.list(codes), .list(.value(elem ?? .text)))
        }
    }

    mutating func needsTwoRounds(_ n: String, _ span: SourceSpan) -> (Code, ValueType) {
        diagnostics.add(.needsTwoRounds, span, [n])
        return (Checker.placeholder, .error)
    }

    mutating func notCollection(_ what: String, _ e: Expr, _ t: ValueType) -> (Code, ValueType) {
        diagnostics.add(.notACollection, e.span, [what, t.arg])
        return (Checker.placeholder, .error)
    }

    mutating func compileName(_ n: String, _ span: SourceSpan, _ scope: inout Scope) -> (Code, ValueType) {
        if let element = scope.elements.last {
            if let f = Field(rawValue: n), Field.fields(of: element).contains(f) {
                return (.element(element, f), f.type(in: element))
            }
            if element == .requirement || element == .item, let f = Field(rawValue: n), Field.roundItemFields.contains(f) {
                guard scope.twoRound else { return needsTwoRounds(n, span) }
                return (.element(element, f), f.type(in: element))
            }
            if let f = scope.listFields.last?[n] {
                return (.listField(f.slot, f.index), rs.computed[f.slot].fields[f.index].type)
            }
            if case .part(let p) = element, let sym = symbols[n], sym.kind == .computed, let fp = familyPart(sym.index) {
                // A family of this part by name: its value for the element (`sum(dimensions, readiness * 2)`).
                guard fp == p else { return familyOfAnotherPart(n, fp, p, span) }
                guard let t = computedType(sym.index, span) else { return (Checker.placeholder, .error) }
                return (.familyValue(sym.index, .element(element, p.field), person: false, span), t)
            }
            if element == .person, let sym = symbols[n], sym.kind == .computed {
                guard let t = computedType(sym.index, span) else { return (Checker.placeholder, .error) }
                if familyPart(sym.index) != nil { return bareFamily(n, span) }
                return (.personScore(sym.index), t)
            }
            if element == .person, let sym = symbols[n], sym.kind == .entity(.band) {
                return (.personBand(sym.index), .entity(.bandCase))   // the person's case of that band
            }
            if element == .person, let sym = symbols[n], sym.kind == .progress {
                guard let t = progressType(sym.index, span) else { return (Checker.placeholder, .error) }
                scope.usedTwoRound = true
                return (.personProgress(sym.index), t)
            }
        }
        if let f = scope.family, f.name == n {
            return (.familyMember, .entity(f.part.entityKind))
        }
        if let r = RoundName(rawValue: n), symbols[n] == nil {
            guard scope.twoRound else { return needsTwoRounds(n, span) }
            switch r {
            case .plan_before: return (.round(r), .list(.item))
            case .assessed_before: return (.round(r), .bool)
            case .group_before: return (.round(r), .entity(.group))
            }
        }
        if let o = IDPOutcome(key: n), symbols[n] == nil {
            guard scope.twoRound else { return needsTwoRounds(n, span) }
            return (.constant(.entity(o.rawValue)), .entity(.outcome))
        }
        if let sym = symbols[n], sym.kind == .progress {
            guard scope.twoRound else { return needsTwoRounds(n, span) }
            guard let t = progressType(sym.index, span) else { return (Checker.placeholder, .error) }
            return (.progress(sym.index), t)
        }
        if scope.personFields, let f = PersonField(rawValue: n), f != .group || scope.groupField {
            return (.person(f), f == .group ? .entity(.group) : .text)
        }
        if scope.collections, let c = Collection(rawValue: n) {
            return (.collection(c), .list(c.element))
        }
        if n == "people" {
            diagnostics.add(.peopleOutsideTarget, span)
            return (Checker.placeholder, .error)
        }
        if let sym = symbols[n] {
            switch sym.kind {
            case .computed:
                guard scope.computed else {
                    invalid(span, en: "scores and lists cannot be used here", th: "ใช้คะแนนหรือรายการคำนวณที่นี่ไม่ได้")
                    return (Checker.placeholder, .error)
                }
                guard let t = computedType(sym.index, span) else { return (Checker.placeholder, .error) }
                if familyPart(sym.index) != nil { return bareFamily(n, span) }
                return (.computed(sym.index), t)
            case .entity(let k):
                return (.constant(.entity(sym.index)), .entity(k))
            case .progress:
                return (Checker.placeholder, .error)   // handled above
            case .value:
                return compileValue(sym.index, n, span, scope)
            }
        }
        var suggestion: String?
        if !diagnostics.isFull {
            var names = Array(symbols.keys)
            if let el = scope.elements.last { names += Field.fields(of: el).map(\.rawValue) }
            if scope.collections { names += Collection.allCases.map(\.rawValue) }
            if scope.personFields { names += PersonField.allCases.map(\.rawValue) }
            suggestion = Suggestions.closest(to: n, in: names)
            suggestionWork += names.count
        }
        diagnostics.add(.undefinedName, span, [n], suggestion: suggestion)
        return (Checker.placeholder, .error)
    }

    mutating func compileMember(_ base: Expr, _ field: Name, _ scope: inout Scope) -> (Code, ValueType) {
        let (bc, bt) = compileExpr(base, &scope)
        if bt == .error { return (Checker.placeholder, .error) }
        if let sym = symbols[field.text], sym.kind == .value { return compileValueOfPart(sym.index, bc, bt, field, scope) }
        if bt == .entity(.item), let f = Field(rawValue: field.text), Field.roundItemFields.contains(f) {
            guard scope.twoRound else { return needsTwoRounds(field.text, field.span) }
            return (.entityField(bc, .item, f), f.type(in: .item))
        }
        guard bt == .entity(.item), let f = Field(rawValue: field.text), Field.itemFields.contains(f) else {
            let fields = bt == .entity(.item) ? Field.itemFields.map(\.rawValue) : []
            diagnostics.add(.unknownField, field.span, [bt.arg, field.text, fields.isEmpty ? "-" : fields.joined(separator: ", ")],
                            suggestion: Suggestions.closest(to: field.text, in: fields))
            return (Checker.placeholder, .error)
        }
        return (.entityField(bc, .item, f), f.type(in: .item))
    }

    mutating func compileBinary(_ op: BinaryOp, _ l: Expr, _ r: Expr, _ span: SourceSpan, _ scope: inout Scope) -> (Code, ValueType) {
        let (lc, lt) = compileExpr(l, &scope)
        let (rc, rt) = compileExpr(r, &scope)
        if lt == .error || rt == .error { return (Checker.placeholder, .error) }
        switch op {
        case .add, .sub, .mul, .div:
            if lt != .number { return mismatch(l, .number, lt) }
            if rt != .number { return mismatch(r, .number, rt) }
            return (.arithmetic(op, lc, rc, span), .number)
        case .and, .or:
            if lt != .bool { return mismatch(l, .bool, lt) }
            if rt != .bool { return mismatch(r, .bool, rt) }
            return (op == .and ? .and(lc, rc) : .or(lc, rc), .bool)
        case .eq, .ne, .lt, .le, .gt, .ge:
            guard case .scalar(let s) = lt else { return mismatch(l, .number, lt) }
            if lt == .entity(.band), rt == .entity(.bandCase) { return bandNotCase(l, r) }
            guard lt == rt else { return mismatch(r, lt, rt) }
            if lt == .entity(.bandCase) {
                guard let (a, b) = resolveBands(lc, rc, r) else { return (Checker.placeholder, .error) }
                return (.compare(op, a, b, s), .bool)
            }
            if op != .eq && op != .ne && s == .bool { return mismatch(l, .number, lt) }
            return (.compare(op, lc, rc, s), .bool)
        case .in, .notIn:
            let element: ElementType
            switch rt {
            case .list(.value(let s)):
                guard lt == .scalar(s) else { return mismatch(l, .scalar(s), lt) }
                element = .value(s)
                if lt == .entity(.bandCase) {
                    guard let (a, b) = resolveBands(lc, rc, r) else { return (Checker.placeholder, .error) }
                    return (.member(a, b, element, negated: op == .notIn), .bool)
                }
            case .list(let e) where e == .requirement || e == .item:
                guard lt == .entity(.item) else { return mismatch(l, .entity(.item), lt) }
                element = e
            default:
                return notCollection(op.rawValue, r, rt)
            }
            return (.member(lc, rc, element, negated: op == .notIn), .bool)
        case .startsWith, .contains:
            if lt != .text { return mismatch(l, .text, lt) }
            if rt != .text { return mismatch(r, .text, rt) }
            return (op == .startsWith ? .startsWith(lc, rc) : .contains(lc, rc), .bool)
        }
    }

    /// The band a case belongs to (cases are numbered across all bands).
    func band(ofCase c: Int) -> Int? {
        rs.bands.firstIndex { c >= $0.caseOffset && c < $0.caseOffset + $0.cases.count }
    }

    /// A person's `band` compared with band cases: the cases name the band (a rule set may have
    /// several), and a case of another band than the one named is an error, never a silent no-match.
    mutating func resolveBands(_ lc: Code, _ rc: Code, _ r: Expr) -> (Code, Code)? {
        func cases(_ c: Code) -> [Int]? {
            if case .constant(.entity(let i)) = c { return [i] }
            if case .list(let items) = c {
                var out: [Int] = []
                for x in items { guard case .constant(.entity(let i)) = x else { return nil }; out.append(i) }
                return out
            }
            return nil
        }
        func side(_ c: Code, against other: Code) -> Code? {
            let named = cases(other).map { $0.compactMap { band(ofCase: $0) } } ?? []
            switch c {
            case .element(.person, .band):
                let distinct = Set(named)
                if distinct.count == 1, let b = distinct.first { return .personBand(b) }
                if rs.bands.count <= 1 { return c }
                invalid(r.span, en: "the rule set has \(rs.bands.count) bands: write the band's name instead of `band` (e.g. `\(rs.bands[rs.bands.count - 1].entity.id) = ...`), and compare it with that band's cases",
                        th: "ชุดกฎนี้มี \(rs.bands.count) ระดับ (band): ให้เขียนชื่อของระดับแทน `band` (เช่น `\(rs.bands[rs.bands.count - 1].entity.id) = ...`) และเทียบกับกรณีของระดับนั้น")
                return nil
            case .personBand(let b):
                if let wrong = named.first(where: { $0 != b }) {
                    let name = cases(other).flatMap { $0.first { band(ofCase: $0) == wrong } }.map { caseName($0) } ?? ""
                    invalid(r.span, en: "`\(name)` is a case of band `\(rs.bands[wrong].entity.id)`, not of band `\(rs.bands[b].entity.id)`",
                            th: "`\(name)` เป็นกรณีของระดับ `\(rs.bands[wrong].entity.id)` ไม่ใช่ของระดับ `\(rs.bands[b].entity.id)`")
                    return nil
                }
                return c
            default: return c
            }
        }
        guard let a = side(lc, against: rc), let b = side(rc, against: lc) else { return nil }
        return (a, b)
    }

    func caseName(_ c: Int) -> String {
        guard let b = band(ofCase: c) else { return "" }
        return rs.bands[b].cases[c - rs.bands[b].caseOffset].entity.id
    }

    mutating func bandNotCase(_ l: Expr, _ r: Expr) -> (Code, ValueType) {
        let name: String
        if case .name(let n) = l.kind { name = n } else { name = "band" }
        invalid(l.span, en: "`\(name)` is a band, and a person's case of it is known only inside `people` (e.g. `share(people, \(name) = ...)`)",
                th: "`\(name)` เป็นระดับ (band) กรณีของแต่ละคนรู้ได้เฉพาะภายใน `people` (เช่น `share(people, \(name) = ...)`)")
        return (Checker.placeholder, .error)
    }

    mutating func compileQuery(_ source: Expr, _ filter: Expr?, _ order: [OrderKey], _ scope: inout Scope) -> (Code, ValueType) {
        let (sc, st) = compileExpr(source, &scope)
        guard case .list(let element) = st else {
            return st == .error ? (Checker.placeholder, .error) : notCollection("where", source, st)
        }
        scope.enter(element, fields: fieldsOf(source))
        defer { scope.leave() }
        var fc: Code?
        if let f = filter {
            let (c, t) = compileExpr(f, &scope)
            if t != .bool { return mismatch(f, .bool, t) }
            fc = Checker.fast(c, element)
        }
        var keys: [(Code, ScalarType, Bool)] = []
        for k in order {
            let (c, t) = compileExpr(k.key, &scope)
            guard case .scalar(let s) = t, s != .bool else { return mismatch(k.key, .number, t) }
            keys.append((c, s, k.descending))
        }
        return (.query(source: sc, element: element, filter: fc, order: keys), st)
    }

    mutating func compileCall(_ fn: Name, _ args: [Expr], _ span: SourceSpan, _ scope: inout Scope) -> (Code, ValueType) {
        if let sym = symbols[fn.text], sym.kind == .computed, familyPart(sym.index) != nil {
            return compileFamilyRead(fn, sym.index, args, span, &scope)
        }
        if let agg = AggregateKind(rawValue: fn.text), let first = args.first, isCollectionArgument(first, scope) {
            return compileAggregate(agg, fn, args, span, &scope)
        }
        if AggregateKind(rawValue: fn.text) != nil, Function(rawValue: fn.text) == nil {
            if args.isEmpty {
                diagnostics.add(.wrongArgumentCount, fn.span, [fn.text, "1-2", "0"])
                return (Checker.placeholder, .error)
            }
            let (_, t) = compileExpr(args[0], &scope)
            return t == .error ? (Checker.placeholder, .error) : notCollection(fn.text, args[0], t)
        }
        if fn.text == "previous" { return compilePrevious(fn, args, span, &scope) }
        guard let f = Function(rawValue: fn.text) else {
            let known = ["round", "floor", "ceil", "abs", "min", "max", "length", "input"] + ["count", "sum", "average", "all", "any", "share"]
            diagnostics.add(.unknownFunction, fn.span, [fn.text], suggestion: Suggestions.closest(to: fn.text, in: known))
            return (Checker.placeholder, .error)
        }
        if f == .input {
            // input("column"): the text of an input column the rules name (e.g. a duty qualifier).
            guard scope.personFields else {
                invalid(fn.span, en: "`input` reads a person's row and cannot be used here", th: "`input` อ่านข้อมูลของบุคคล ใช้ที่นี่ไม่ได้")
                return (Checker.placeholder, .error)
            }
            guard args.count == 1, case .string(let column) = args[0].kind, !column.isEmpty else {
                invalid(args.first?.span ?? fn.span, en: "`input` takes one column name, written in quotes", th: "`input` รับชื่อคอลัมน์หนึ่งชื่อในเครื่องหมายคำพูด")
                return (Checker.placeholder, .error)
            }
            let key = Assessments.normaliseHeader(column)
            rs.inputColumns.insert(key)
            return (.call(.input, [.constant(.text(key))], span), .text)
        }
        let arity: Int
        switch f {
        case .round, .min, .max: arity = 2
        case .floor, .ceil, .abs, .length: arity = 1
        case .input: arity = 1
        }
        guard args.count == arity else {
            diagnostics.add(.wrongArgumentCount, fn.span, [fn.text, String(arity), String(args.count)])
            return (Checker.placeholder, .error)
        }
        var codes: [Code] = []
        for (i, a) in args.enumerated() {
            let want: ValueType = f == .length ? .text : .number
            let (c, t) = compileExpr(a, &scope)
            if t != want { return mismatch(a, want, t) }
            if f == .round, i == 1 {
                guard case .number(let n) = a.kind, n.isInteger, n.num >= 0, n.num <= 10 else {
                    invalid(a.span, en: "the places of `round` are a whole number from 0 to 10, written out",
                            th: "จำนวนตำแหน่งของ `round` ต้องเป็นจำนวนเต็ม 0 ถึง 10 ที่เขียนไว้ตรง ๆ")
                    return (Checker.placeholder, .error)
                }
            }
            codes.append(c)
        }
        return (.call(f, codes, span), .number)
    }

    /// `previous(score)`: the value a score had for this person in the BEFORE round.
    mutating func compilePrevious(_ fn: Name, _ args: [Expr], _ span: SourceSpan, _ scope: inout Scope) -> (Code, ValueType) {
        guard scope.twoRound else { return needsTwoRounds("previous", fn.span) }
        guard args.count == 1 else {
            diagnostics.add(.wrongArgumentCount, fn.span, [fn.text, "1", String(args.count)])
            return (Checker.placeholder, .error)
        }
        guard case .name(let n) = args[0].kind, let sym = symbols[n], sym.kind == .computed,
              computedStatements[sym.index].keyword.text == "score", familyPart(sym.index) == nil else {
            invalid(args[0].span, en: "`previous` takes the name of a `score`", th: "`previous` รับชื่อของคะแนน (`score`)")
            return (Checker.placeholder, .error)
        }
        guard let t = computedType(sym.index, args[0].span) else { return (Checker.placeholder, .error) }
        return (.previous(sym.index, span), t)
    }

    /// Whether the first argument of `min`/`max` is a collection (aggregate) rather than a number.
    func isCollectionArgument(_ e: Expr, _ scope: Scope) -> Bool {
        switch e.kind {
        case .query, .first, .list: return true
        case .name(let n):
            if n == "people" { return scope.inTarget }
            if n == RoundName.plan_before.rawValue, symbols[n] == nil { return scope.twoRound }
            if scope.collections, Collection(rawValue: n) != nil { return true }
            if let sym = symbols[n], sym.kind == .computed { return computedStatements[sym.index].keyword.text == "list" }
            return false
        default: return false
        }
    }

    /// A test on requirements, compiled to flat operations where it can be (see RequirementPredicate).
    static func fast(_ c: Code, _ element: ElementType) -> Code {
        guard element == .requirement, let p = RequirementPredicate(c) else { return c }
        return .requirementTest(p, c)
    }

    func peopleSource(_ e: Expr) -> (filter: Expr?, order: [OrderKey])? {
        if case .name("people") = e.kind { return (nil, []) }
        if case .query(let src, let f, let o) = e.kind, case .name("people") = src.kind { return (f, o) }
        return nil
    }

    mutating func compileAggregate(_ agg: AggregateKind, _ fn: Name, _ args: [Expr], _ span: SourceSpan, _ scope: inout Scope) -> (Code, ValueType) {
        let needsProjection = agg != .count
        guard args.count == (needsProjection ? 2 : 1) else {
            diagnostics.add(.wrongArgumentCount, fn.span, [fn.text, needsProjection ? "2" : "1", String(args.count)])
            return (Checker.placeholder, .error)
        }
        let projectionType: ValueType = (agg == .all || agg == .any || agg == .share) ? .bool : .number
        if scope.inTarget, scope.elements.isEmpty, let (filter, order) = peopleSource(args[0]) {
            if let o = order.first { invalid(o.key.span, en: "people have no order here", th: "ไม่ต้องเรียงลำดับบุคคลในการรวมค่านี้") }
            scope.enter(.person)
            defer { scope.leave() }
            var fc: Code?, pc: Code?
            if let f = filter { fc = compile(f, &scope, expecting: .bool); if fc == nil { return (Checker.placeholder, .error) } }
            if needsProjection { pc = compile(args[1], &scope, expecting: projectionType); if pc == nil { return (Checker.placeholder, .error) } }
            scope.accumulators.append(AccumulatorDef(kind: agg, filter: fc, projection: pc))
            return (.accumulator(scope.accumulators.count - 1), agg == .all || agg == .any ? .bool : .number)
        }
        let (sc, st) = compileExpr(args[0], &scope)
        guard case .list(let element) = st else {
            return st == .error ? (Checker.placeholder, .error) : notCollection(fn.text, args[0], st)
        }
        var pc: Code?
        if needsProjection {
            scope.enter(element, fields: fieldsOf(args[0]))
            pc = compile(args[1], &scope, expecting: projectionType).map { Checker.fast($0, element) }
            scope.leave()
            if pc == nil { return (Checker.placeholder, .error) }
        }
        return (.aggregate(agg, source: sc, element: element, projection: pc, span: span),
                agg == .all || agg == .any ? .bool : .number)
    }
}
