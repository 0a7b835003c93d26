/// Passes over lists and scores (types, dependency order, cycles), bands, the IDP policy and targets.
extension Checker {
    mutating func checkComputed() {
        for keyword in ["list", "score"] {
            for (s, _) in statements[keyword] ?? [] {
                guard let n = name(s, 0) else { continue }
                define(n, .computed, computedStatements.count)
                computedStatements.append(s)
                rs.computed.append(ComputedDef(entity: entity(n, title(s, 1)), isList: keyword == "list", type: .error,
                                               code: Checker.placeholder))
                if keyword == "score", case .per(let p, _) = arg(s, 2) {
                    let slot = rs.computed.count - 1
                    let clause = familyClause(s)
                    familyVars[slot] = clause.map { ($0.variable.text, $0.part) }
                    rs.computed[slot].family = clause?.part ?? PartKind(rawValue: p.text) ?? .dimension
                }
            }
        }
        // Checked in dependency order (from the names each expression mentions), so checking one
        // value finds the ones it uses done and does not recurse; only a cycle nests.
        let uses = computedStatements.map { s in
            (formula(s).map(computedNames) ?? []) + (listFieldDecls(s).flatMap { computedNames($0.expr) })
        }
        let order = Checker.dependencyOrder(uses)
        checkChainDepth(order, uses)
        // Values in or after a cycle are left to declaration order, so a cycle is reported from
        // the first of its values that stands in the files.
        var position = [Int](repeating: 0, count: order.count), skipped = [Bool](repeating: false, count: order.count)
        for (k, i) in order.enumerated() { position[i] = k }
        for i in order {
            if uses[i].contains(where: { position[$0] >= position[i] || skipped[$0] }) { skipped[i] = true } else { _ = visit(i) }
        }
        for i in computedStatements.indices { _ = visit(i) }
        rs.listsWithFields = rs.computed.indices.filter { rs.computed[$0].isList && !rs.computed[$0].fields.isEmpty }
    }

    /// The computed values an expression names (a superset of what it reads: good for ordering).
    func computedNames(_ e: Expr) -> [Int] {
        var found: [Int] = []
        func walk(_ e: Expr) {
            switch e.kind {
            case .name(let n): if let sym = symbols[n], sym.kind == .computed { found.append(sym.index) }
            case .member(let x, _), .unary(_, let x): walk(x)
            case .binary(_, let a, let b), .first(let a, let b): walk(a); walk(b)
            case .ifThen(let a, let b, let c): walk(a); walk(b); walk(c)
            case .call(let fn, let args):
                if let sym = symbols[fn.text], sym.kind == .computed { found.append(sym.index) }   // a family's member
                args.forEach(walk)
            case .list(let args): args.forEach(walk)
            case .query(let source, let filter, let order): walk(source); filter.map(walk); order.forEach { walk($0.key) }
            default: break
            }
        }
        walk(e)
        return found
    }

    /// The expression after `=` of a list, score or progress score.
    func formula(_ s: Statement) -> Expr? {
        for a in s.args { if case .expr(let e) = a { return e } }
        return nil
    }

    func listFieldDecls(_ s: Statement) -> [FieldDecl] {
        if case .fields(let fs) = arg(s, 3) { return fs }
        return []
    }

    /// Depth-first post-order without recursion: each value after the values it uses (a cycle is
    /// cut where it closes; checking reports it).
    static func dependencyOrder(_ uses: [[Int]]) -> [Int] {
        var order: [Int] = []
        order.reserveCapacity(uses.count)
        var state = [UInt8](repeating: 0, count: uses.count)   // 0 new, 1 open, 2 done
        for root in uses.indices where state[root] == 0 {
            var stack = [(node: root, next: 0)]
            state[root] = 1
            while let top = stack.last {
                if top.next < uses[top.node].count {
                    stack[stack.count - 1].next += 1
                    let w = uses[top.node][top.next]
                    if state[w] == 0 { state[w] = 1; stack.append((w, 0)) }
                } else {
                    stack.removeLast()
                    state[top.node] = 2
                    order.append(top.node)
                }
            }
        }
        return order
    }

    /// C021 on every value at the top of a chain of more than `maxDependencyDepth` values, whatever
    /// order they are declared in.
    mutating func checkChainDepth(_ order: [Int], _ uses: [[Int]]) {
        var depth = [Int](repeating: 0, count: uses.count)
        var used = [Bool](repeating: false, count: uses.count)
        for i in order {
            depth[i] = 1 + (uses[i].map { depth[$0] }.max() ?? 0)
            for w in uses[i] { used[w] = true }
        }
        for i in uses.indices where depth[i] > Checker.maxDependencyDepth && !used[i] {
            guard let n = name(computedStatements[i], 0) else { continue }
            diagnostics.add(.dependencyTooDeep, n.span, [n.text, String(Checker.maxDependencyDepth)])
        }
    }

    /// The type of computed value `i`, checking it first if needed; nil on error or cycle.
    mutating func computedType(_ i: Int, _ use: SourceSpan) -> ValueType? {
        switch computedState[i] {
        case .done?: return rs.computed[i].type == .error ? nil : rs.computed[i].type
        case .visiting?:
            let start = computedStack.firstIndex(of: i) ?? 0
            let path = (computedStack[start...] + [i]).map { rs.computed[$0].entity.id }.joined(separator: " → ")
            diagnostics.add(.cycle, use, [rs.computed[i].entity.id, path])
            return nil
        case nil:
            // Checking follows dependencies depth first; a bounded depth keeps the stack small.
            guard computedStack.count < Checker.maxDependencyDepth else {
                diagnostics.add(.dependencyTooDeep, use, [rs.computed[computedStack[0]].entity.id, String(Checker.maxDependencyDepth)])
                return nil
            }
            return visit(i)
        }
    }

    static let maxDependencyDepth = 64

    @discardableResult
    mutating func visit(_ i: Int) -> ValueType? {
        if computedState[i] == .done { return rs.computed[i].type == .error ? nil : rs.computed[i].type }
        computedState[i] = .visiting
        computedStack.append(i)
        defer { computedStack.removeLast(); computedState[i] = .done; rs.evaluationOrder.append(i) }
        let s = computedStatements[i]
        guard let e = formula(s) else { return nil }
        var scope = Scope.person
        if let variable = familyVars[i] {
            guard let variable else { return nil }
            scope.family = variable
        }
        let (code, type) = compileExpr(e, &scope)
        if rs.computed[i].isList, type != .error {
            guard case .list = type else {
                diagnostics.add(.notACollection, e.span, ["list", type.arg])
                return nil
            }
        }
        if !rs.computed[i].isList, case .list = type {
            invalid(e.span, en: "a score needs a single value (a number, text or true/false), but this is a list; a list is declared with `list \(rs.computed[i].entity.id) = ...`",
                    th: "คะแนน (score) ต้องเป็นค่าเดียว (ตัวเลข ข้อความ หรือค่าจริง/เท็จ) แต่ค่านี้เป็นรายการชุด ถ้าต้องการรายการให้ประกาศด้วย `list \(rs.computed[i].entity.id) = ...`")
            return nil
        }
        rs.computed[i].code = code
        rs.computed[i].type = type
        if rs.computed[i].isList, case .list(let element) = type { compileFields(i, s, e, element) }
        return type == .error ? nil : type
    }

    // MARK: progress scores (two rounds)

    /// Progress names are declared before scores are checked, so a score that names one is told why it cannot.
    mutating func declareProgress() {
        for (s, _) in statements["progress"] ?? [] {
            guard let n = name(s, 0) else { continue }
            define(n, .progress, progressStatements.count)
            progressStatements.append(s)
            rs.progress.append(ComputedDef(entity: entity(n, title(s, 1)), isList: false, type: .error, code: Checker.placeholder))
        }
    }

    mutating func checkProgress() {
        for i in progressStatements.indices { _ = visitProgress(i) }
    }

    mutating func progressType(_ i: Int, _ use: SourceSpan) -> ValueType? {
        switch progressState[i] {
        case .done?: return rs.progress[i].type == .error ? nil : rs.progress[i].type
        case .visiting?:
            let start = progressStack.firstIndex(of: i) ?? 0
            let path = (progressStack[start...] + [i]).map { rs.progress[$0].entity.id }.joined(separator: " → ")
            diagnostics.add(.cycle, use, [rs.progress[i].entity.id, path])
            return nil
        case nil:
            guard progressStack.count < Checker.maxDependencyDepth else {
                diagnostics.add(.dependencyTooDeep, use, [rs.progress[progressStack[0]].entity.id, String(Checker.maxDependencyDepth)])
                return nil
            }
            return visitProgress(i)
        }
    }

    @discardableResult
    mutating func visitProgress(_ i: Int) -> ValueType? {
        if progressState[i] == .done { return rs.progress[i].type == .error ? nil : rs.progress[i].type }
        progressState[i] = .visiting
        progressStack.append(i)
        defer { progressStack.removeLast(); progressState[i] = .done; rs.progressOrder.append(i) }
        guard let e = formula(progressStatements[i]) else { return nil }
        var scope = Scope.progress
        let (code, type) = compileExpr(e, &scope)
        if case .list = type {
            diagnostics.add(.typeMismatch, e.span, ["@a number", type.arg])
            return nil
        }
        rs.progress[i].code = code
        rs.progress[i].type = type
        return type == .error ? nil : type
    }

    // MARK: bands

    mutating func checkBands() {
        for (s, _) in statements["band"] ?? [] {
            guard let n = name(s, 0), let sn = name(s, 3) else { continue }
            define(n, .entity(.band), rs.bands.count)
            var score = -1
            if let sym = symbols[sn.text], sym.kind == .computed, let part = familyPart(sym.index) {
                invalid(sn.span, en: "`\(sn.text)` is a family of scores (one per \(part.rawValue)); a band is on a single number score",
                        th: "`\(sn.text)` เป็นคะแนนรายส่วน (หนึ่งค่าต่อ \(part.rawValue)) ระดับ (band) ต้องตั้งบนคะแนนที่เป็นตัวเลขค่าเดียว")
            } else if let sym = symbols[sn.text], sym.kind == .computed {
                if rs.computed[sym.index].type == .number { score = sym.index }
                else if rs.computed[sym.index].type != .error {
                    diagnostics.add(.typeMismatch, sn.span, ["@a number", rs.computed[sym.index].type.arg])
                }
            } else if let sym = symbols[sn.text], case .entity(let k) = sym.kind {
                invalid(sn.span, en: "`\(sn.text)` is \(k.noun), not a score: a band is on a number score (e.g. `score \(sn.text.lowercased())_level = ...`)",
                        th: "`\(sn.text)` เป็น\(Messages.word(k.noun, .th)) ไม่ใช่คะแนน: ระดับ (band) ต้องตั้งบนคะแนนที่เป็นตัวเลข (เช่น `score \(sn.text.lowercased())_level = ...`)")
            } else {
                diagnostics.add(.undefinedName, sn.span, [sn.text],
                                suggestion: Suggestions.closest(to: sn.text, in: rs.computed.filter { !$0.isList }.map(\.entity.id)))
            }
            var cases: [BandCaseDef] = []
            var constants: [(CompareOp, Rational)?] = []
            var perGroup = false
            for c in children(s, "case") {
                guard let cn = name(c, 0) else { continue }
                define(cn, .entity(.bandCase), bandCaseCount)
                bandCaseCount += 1
                var def = BandCaseDef(entity: entity(cn, title(c, 1)), op: nil, threshold: nil)
                if case .compare(let op, let e) = c.args[2] {
                    var scope = Scope.threshold
                    def.op = op
                    def.threshold = compile(e, &scope, expecting: .number)
                    if case .constant(.number(let v))? = def.threshold { constants.append((op, v)) } else { constants.append(nil) }
                    if let t = def.threshold, Checker.readsGroupValue(t) { perGroup = true }
                } else {
                    constants.append(nil)
                }
                cases.append(def)
            }
            if cases.isEmpty { diagnostics.add(.missingProperty, n.span, ["band", n.text, "case"]) }
            if perGroup { analysePerGroupBand(n, cases) } else { analyseBand(n, cases, constants) }
            rs.bands.append(BandDef(entity: entity(n, title(s, 1)), score: score, cases: cases, caseOffset: bandCaseCount - cases.count))
        }
    }

    /// Exact reachability over the thresholds: the number line splits into the threshold points and
    /// the open stretches between them; a case is unreachable if every stretch it takes was taken
    /// above it, and a stretch no case takes is a gap.
    mutating func analyseBand(_ band: Name, _ cases: [BandCaseDef], _ constants: [(CompareOp, Rational)?]) {
        guard let (unreachable, gap) = bandFindings(cases, constants) else { return }
        for ci in unreachable { diagnostics.add(.unreachableBand, cases[ci].entity.span, [cases[ci].entity.id, ""]) }
        if let gap { diagnostics.add(Diagnostic(.bandGap, band.span, [band.text, gap, ""], severity: .warning)) }
    }

    /// The cases no value reaches and the first stretch of values no case takes (a phrase for
    /// Messages); nil when a threshold is not a plain number.
    func bandFindings(_ cases: [BandCaseDef], _ constants: [(CompareOp, Rational)?]) -> (unreachable: [Int], gap: String?)? {
        if cases.isEmpty { return nil }
        // A threshold that is not a plain number cannot be analysed; such bands are left alone.
        if zip(cases, constants).contains(where: { $0.op != nil && $1 == nil }) { return nil }
        var unreachable: [Int] = []
        var points = Array(Set(constants.compactMap { $0?.1 })).sorted()
        if points.isEmpty { points = [.zero] }
        var samples: [Rational] = [(points[0] - .one) ?? points[0]]
        for (k, p) in points.enumerated() {
            samples.append(p)
            if k + 1 < points.count, let sum = p + points[k + 1], let mid = sum / Rational(2) { samples.append(mid) }
        }
        samples.append((points[points.count - 1] + .one) ?? points[points.count - 1])
        var taken = Array(repeating: false, count: samples.count)
        for (ci, c) in cases.enumerated() {
            var reaches = false
            for (si, v) in samples.enumerated() where !taken[si] {
                let hit: Bool
                if c.op == nil { hit = true }
                else if let (op, t) = constants[ci] { hit = Evaluator.compare(op, v, t) }
                else { hit = false }
                if hit { taken[si] = true; reaches = true }
            }
            if !reaches { unreachable.append(ci) }
        }
        var gap: String?
        if let first = samples.indices.first(where: { !taken[$0] }) {
            var last = first
            while last + 1 < samples.count, !taken[last + 1] { last += 1 }
            // Samples alternate: below-all, point, between, point, ..., above-all.
            func isPoint(_ i: Int) -> Bool { i > 0 && i < samples.count - 1 && points.contains(samples[i]) }
            // The uncovered stretch, as a translatable phrase (Messages.phrases).
            let low: (String, String)? = first == 0 ? nil : isPoint(first) ? ("from", "\(samples[first])") : ("above", "\(samples[first - 1])")
            let high: (String, String)? = last == samples.count - 1 ? nil
                : isPoint(last) ? ("to", "\(samples[last])") : ("under", "\(samples[last + 1])")
            let desc: String
            switch (low, high) {
            case (nil, nil): desc = "@any:"
            case (nil, let h?): desc = h.0 == "to" ? "@upto:\(h.1)" : "@below:\(h.1)"
            case (let l?, nil): desc = l.0 == "from" ? "@from:\(l.1)" : "@aboveup:\(l.1)"
            case (let l?, let h?): desc = "@\(l.0)\(h.0):\(l.1):\(h.1)"
            }
            gap = desc
        }
        return (unreachable, gap)
    }

    // MARK: IDP

    mutating func checkIDP() {
        guard let s = singleton("idp") else { return }
        var def = IDPDef(title: title(s, 0), minItems: 0, maxItems: 3, picks: [], pickSpans: [], coursesPerItem: 3,
                         methods: .all, schedule: [], span: s.span)
        if let it = single(s, "items"), case .range(let a, let b) = it.args[0] {
            if let lo = integer(a), let hi = integer(b), lo >= 0, hi >= lo, hi <= 100 { def.minItems = lo; def.maxItems = hi }
            else { invalid(a.span.to(b.span), en: "the item count is a range of whole numbers from 0 to 100, smallest first",
                           th: "จำนวนรายการต้องเป็นช่วงจำนวนเต็ม 0 ถึง 100 โดยค่าน้อยอยู่ก่อน") }
        }
        for p in children(s, "pick") {
            guard let e = expr(p, 0) else { continue }
            var scope = Scope.person
            let (code, type) = compileExpr(e, &scope)
            if type == .error { continue }
            guard type == .list(.requirement) else {
                if case .list(let element) = type {   // "a list is needed, but this is a list" said nothing
                    invalid(e.span, en: "an IDP pick takes requirements (`required`, `upcoming` or a list made from them, e.g. `required where answered`), but each element of this list is \(element.noun)",
                            th: "การเลือกรายการ IDP (pick) ต้องเป็นข้อกำหนด (`required`, `upcoming` หรือรายการที่สร้างจากสองอย่างนี้ เช่น `required where answered`) แต่สมาชิกของรายการนี้แต่ละตัวเป็น\(Messages.word(element.noun, .th))")
                } else {
                    diagnostics.add(.typeMismatch, e.span, ["@a list", type.arg])
                }
                continue
            }
            def.picks.append(code)
            def.pickSpans.append(e.span)
            def.pickFields.append(fieldsOf(e).values.sorted { $0.index < $1.index }.map { rs.computed[$0.slot].fields[$0.index] })
        }
        if let c = single(s, "courses"), let n = number(c, 0) {
            if let v = integer(n), v >= 0, v <= 100 { def.coursesPerItem = v }
            else { invalid(n.span, en: "courses per item is a whole number from 0 to 100", th: "จำนวนหลักสูตรต่อรายการต้องเป็นจำนวนเต็ม 0 ถึง 100") }
        }
        if let m = single(s, "methods"), case .word(let w, let span) = m.args[0] {
            def.methods = MethodChoice(rawValue: w) ?? .all
            if def.methods == .onePerBucket && rs.buckets.isEmpty {
                invalid(span, en: "`methods one per bucket` needs the 70:20:10 buckets, but the rule set declares no `bucket`; use `methods all` or declare the buckets and put each method in one",
                        th: "`methods one per bucket` ต้องมีสัดส่วนการเรียนรู้ (bucket แบบ ๗๐ : ๒๐ : ๑๐) แต่ชุดกฎนี้ไม่ได้ประกาศ `bucket` ไว้ ให้ใช้ `methods all` หรือประกาศ bucket และระบุ bucket ของแต่ละวิธีการพัฒนา")
            }
        }
        if let sc = single(s, "schedule") { def.schedule = names(sc, 0).compactMap { resolve($0, .quarter) } }
        rs.idp = def
    }

    // MARK: targets

    mutating func checkTargets() {
        for (s, _) in statements["target"] ?? [] {
            guard let n = name(s, 0) else { continue }
            define(n, .entity(.target), rs.targets.count)
            var scope = Scope.target
            var measure: Code?
            if let m = single(s, "measure"), let me = expr(m, 0) {
                guard let c = compile(me, &scope, expecting: .number) else { continue }
                measure = c
            }
            var goalOp = CompareOp.ge
            var goal = Code.constant(.number(.zero))
            if let g = single(s, "goal"), case .compare(let op, let ge) = g.args[0] {
                var constant = Scope.constant
                goalOp = op
                goal = compile(ge, &constant, expecting: .number) ?? goal
            } else {
                diagnostics.add(.missingProperty, n.span, ["target", n.text, "goal"])
            }
            let year = single(s, "year").flatMap { number($0, 0) }.flatMap { integer($0) }
            rs.targets.append(TargetDef(entity: entity(n, title(s, 1)), measure: measure, accumulators: scope.accumulators,
                                        goalOp: goalOp, goal: goal, year: year,
                                        note: single(s, "note").flatMap { string($0, 0)?.value }, twoRound: scope.usedTwoRound))
        }
    }
}
