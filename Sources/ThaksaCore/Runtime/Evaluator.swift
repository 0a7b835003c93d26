/// Runs a compiled rule set on one person's assessment. Pure and deterministic: the same rules and
/// assessment give the same result. Total: every loop runs over a finite collection and the
/// checker rejects cycles, so evaluation always ends.
public struct Evaluator: Sendable {
    public let rules: RuleSet
    /// The compiled plan (EvaluationPlan); nil: the interpreter alone (`planned: false`, for comparison).
    let plan: EvaluationPlan?
    /// The group codes, when they are few and distinct: compared in turn, which beats hashing them.
    let groupIDs: [String]
    /// Per position declaration: the index in `unitConditionCodes` of its `when` condition when that
    /// reads nothing but the person's unit (`unit starts with "สำนักงานเขต"`), else nil. A worker
    /// works such conditions out once per unit it meets (`Scratch.units`).
    let unitConditions: [Int?]
    let unitConditionCodes: [Code]

    public init(rules: RuleSet, planned: Bool = true) {
        self.rules = rules
        let ids = rules.groups.map(\.entity.id)
        groupIDs = ids.count <= 16 && Set(ids).count == ids.count ? ids : []
        var codes: [Code] = []
        unitConditions = rules.positions.map { p in
            guard let c = p.condition, Evaluator.readsOnlyUnit(c) else { return nil }
            codes.append(c)
            return codes.count - 1
        }
        unitConditionCodes = codes
        // Lists with `with` fields carry values per element (gaps, IDP items) that only the
        // interpreter computes: such rule sets are interpreted.
        if planned && rules.listsWithFields.isEmpty {
            let interpreter = Evaluator(rules: rules, planned: false)
            plan = EvaluationPlan(rules) { g in try? interpreter.buildRequirements(Assessment(id: ""), [g]) }
        } else { plan = nil }
    }

    /// Buffers of one worker, reused from person to person (see `evaluate(_:scratch:)`).
    public struct Scratch {
        var plan = EvaluationPlan.Scratch()
        /// Position titles this worker has looked up (a file has few distinct ones; bounded all the same).
        var positions = BytesTable<PositionEntry>(limit: 4096)
        /// Per unit: the values of `unitConditionCodes` for a person of that unit.
        var units = BytesTable<[Bool]>(limit: 4096)
        /// How many times the unit conditions were worked out (for tests: once per distinct unit).
        var unitLookups = 0
        /// How many times a group's requirements were copied into a result (for tests: only when the group changes).
        var templateCopies = 0
        public init() {}
    }

    /// A position title's declarations, and the decision they make when none has a `when` condition.
    struct PositionEntry {
        /// `perUnit`: every condition among the title's declarations reads only the unit.
        enum Decision { case perPerson, perUnit, none, group(Int, declaration: Int) }
        var match: PositionMatch
        var decision: Decision
    }

    /// The entry of the person's title, from the worker's table or worked out and kept there.
    func positionEntry(_ a: Assessment, _ scratch: inout Scratch) -> PositionEntry {
        if let e = scratch.positions.get(a.position) { return e }
        let match = rules.matchPosition(a.position)
        var entry = PositionEntry(match: match, decision: .perPerson)
        switch match {
        case .none: entry.decision = .none
        case .ordered(let decls), .bare(let decls):
            // Without conditions the title alone decides; a title whose rules disagree is decided
            // per person, so that each gets the error.
            if decls.allSatisfy({ rules.positions[$0].condition == nil }) {
                do {
                    let d = try decidePosition(a, match)
                    entry.decision = d.map { .group(rules.positions[$0].group, declaration: $0) } ?? .none
                } catch {}
            } else if decls.allSatisfy({ rules.positions[$0].condition == nil || unitConditions[$0] != nil }) {
                entry.decision = .perUnit
            }
        }
        scratch.positions.set(a.position, entry)
        return entry
    }

    public func evaluate(_ a: Assessment, tracer: Tracer? = nil) throws(EvaluationError) -> PersonResult {
        var scratch = Scratch()
        return try evaluate(a, tracer: tracer, scratch: &scratch)
    }

    /// As `evaluate(_:)`; a worker scoring many people passes the same scratch each time.
    public func evaluate(_ a: Assessment, tracer: Tracer? = nil, scratch: inout Scratch) throws(EvaluationError) -> PersonResult {
        var result = PersonResult()
        _ = try evaluateReportingPath(a, into: &result, tracer: tracer, scratch: &scratch)
        return result
    }

    /// As `evaluate(_:)`, overwriting `result`: a worker keeps one result and one scratch and passes
    /// them for every person, so that the arrays of the result are reused, not allocated again
    /// (as long as nothing else holds on to them). After an error `result` is unspecified.
    public func evaluate(_ a: Assessment, into result: inout PersonResult, scratch: inout Scratch) throws(EvaluationError) {
        _ = try evaluateReportingPath(a, into: &result, tracer: nil, scratch: &scratch)
    }

    /// Fills `result`; returns whether the compiled plan produced it (false: the interpreter did).
    func evaluateReportingPath(_ a: Assessment, into result: inout PersonResult, tracer: Tracer?,
                               scratch: inout Scratch) throws(EvaluationError) -> Bool {
        let (group, reason, position) = try resolveGroup(a, &scratch)
        tracer?.group(group, reason: reason, position: position)
        // An approved combined assignment: every group the column names (the first decides the track).
        var groups: [Int] = []
        if reason == .column, !a.combinedWith.isEmpty {
            groups = [group]
            for code in a.combinedWith { groups.append(try groupCode(code)) }
        }
        if tracer == nil, groups.count <= 1, a.add.isEmpty, a.waive.isEmpty, let g = plan?.groups[group] ?? nil {
            // The group's requirements, with this person's answers. The result's array is reused:
            // when it already holds this group's requirements (the previous person's group) only
            // the answers are written, else the group's list is copied in first.
            if !(result.templateIntact && result.template === g) {
                result.requirements.removeAll(keepingCapacity: true)
                result.requirements.append(contentsOf: g.requirements)
                if result.template !== g { result.template = g }
                scratch.templateCopies += 1
            }
            // The plan's held and answered tests, in the same pass (bits gathered in words, as
            // `EvaluationPlan.mask`; the plan takes at most 256 requirements).
            var held = EvaluationPlan.Mask(), answered = EvaluationPlan.Mask()
            a.answers.levels.withUnsafeBufferPointer { levels in
                result.requirements.withUnsafeMutableBufferPointer { rs in
                    var h: UInt64 = 0, an: UInt64 = 0
                    for k in rs.indices {
                        let item = rs[k].item
                        let x = item < levels.count ? Int(levels[item]) : -1
                        if x >= 0 {
                            rs[k].answer = x
                            an |= 1 << UInt64(k & 63)
                            if x >= rs[k].level { h |= 1 << UInt64(k & 63) }
                        } else { rs[k].answer = nil }
                        if k & 63 == 63 { held[k >> 6] = h; answered[k >> 6] = an; h = 0; an = 0 }
                    }
                    if rs.count & 63 != 0 { held[rs.count >> 6] = h; answered[rs.count >> 6] = an }
                }
            }
            result.templateIntact = true   // after the answers: writing them cleared it
            scratch.plan.held = held
            scratch.plan.answered = answered
            result.requiredCount = g.requiredCount
        } else {
            result.requiredCount = try buildRequirements(a, groups.isEmpty ? [group] : groups, into: &result.requirements)
        }
        // The compiled plan takes one-group people; a combined assignment goes through the interpreter.
        // `plan?.` (not `if let plan`): binding the plan copied it, every array of it retained, for every person.
        if tracer == nil, groups.count <= 1, plan != nil {
            let person = EvaluationPlan.Person(group: group, track: plan?.tracks[group] ?? nil,
                                               planned: a.add.isEmpty && a.waive.isEmpty)
            if try plan?.evaluate(person, rules, a, reason: reason, position: position, into: &result, scratch: &scratch.plan) == true {
                return true
            }
        }
        let requirements = result.requirements, requiredCount = result.requiredCount
        var m = Machine(rules: rules, person: a, group: group, requirements: requirements, requiredCount: requiredCount,
                        track: rules.trackOf(group: group))
        if groups.count > 1 { m.groups = groups }
        for slot in rules.evaluationOrder {
            m.values[slot] = try m.compute(slot)
            tracer?.computed(slot, m.values[slot])
        }
        var fieldValues: [Int: [[Value]]] = [:]
        for slot in rules.listsWithFields { m.currentSlot = slot; fieldValues[slot] = try m.fieldValues(slot) }
        var bands: [Int?] = []
        for (b, band) in rules.bands.enumerated() {
            var chosen: Int?
            if band.score >= 0 {
                let v = m.values[band.score].number
                for (ci, c) in band.cases.enumerated() {
                    if let op = c.op {
                        guard let t = c.threshold else { continue }
                        if Evaluator.compare(op, v, try m.eval(t).number) { chosen = ci; break }
                    } else { chosen = ci; break }
                }
            }
            bands.append(chosen)
            tracer?.band(b, case: chosen)
        }
        let idp = try m.planIDP(tracer)
        result = PersonResult(id: a.id, group: group, groupReason: reason, name: a.name, unit: a.unit, position: a.position, positionRule: position, requirements: requirements,
                              requiredCount: requiredCount, values: m.values, bands: bands, idp: idp, track: m.track,
                              fieldValues: fieldValues)
        if groups.count > 1 { result.groups = groups; result.approvedBy = a.approvedBy }
        return false
    }

    static func compare(_ op: CompareOp, _ a: Rational, _ b: Rational) -> Bool {
        switch op {
        case .eq: return a == b
        case .ne: return a != b
        case .lt: return a < b
        case .le: return a <= b
        case .gt: return a > b
        case .ge: return a >= b
        }
    }

    // MARK: group

    func groupCode(_ code: String) throws(EvaluationError) -> Int {
        if !groupIDs.isEmpty { for (g, id) in groupIDs.enumerated() where id == code { return g } }
        else if let g = rules.groupByID[code] { return g }
        throw EvaluationError(.unknownGroup, [code, rules.groups.map(\.entity.id).joined(separator: ", ")])
    }

    func resolveGroup(_ a: Assessment, _ scratch: inout Scratch) throws(EvaluationError) -> (Int, GroupReason, Int?) {
        var tie: [Int]?
        var positionKnown = false
        // An approved combined assignment is a decision people made: it comes before any other step.
        if !a.combinedWith.isEmpty, let g = a.group { return (try groupCode(g), .column, nil) }
        for step in rules.assignmentOrder {
            switch step {
            case .column:
                if let g = a.group, !g.isEmpty { return (try groupCode(g), .column, nil) }
            case .workload:
                guard !a.workload.isEmpty else { continue }
                var best: Rational?
                var winners: [Int] = []
                for (code, share) in a.workload {
                    let g = try groupCode(code)
                    if best == nil || share > best! { best = share; winners = [g] }
                    else if share == best!, !winners.contains(g) { winners.append(g) }
                }
                if winners.count == 1 { return (winners[0], .workload, nil) }
                tie = winners
            case .career_path:
                // The career path settles an equal workload split (001 L534-536); it does not
                // override the position of someone whose work is in one group.
                guard let tied = tie, let cp = a.careerPath, !cp.isEmpty else { continue }
                let g = try groupCode(cp)
                if tied.contains(g) { return (g, .career_path, nil) }
            case .position:
                // An equal workload split is a decision for people (career path), not a guess from the title.
                if tie != nil { break }
                let entry = positionEntry(a, &scratch)
                if case .none = entry.match { continue }
                positionKnown = true
                switch entry.decision {
                case .none: break
                case .group(let g, let d): return (g, .position, d)
                case .perPerson:
                    if let d = try decidePosition(a, entry.match) { return (rules.positions[d].group, .position, d) }
                case .perUnit:
                    let held = try unitConditionValues(a, &scratch)
                    if let d = try decidePosition(a, entry.match, unitConditions: held) { return (rules.positions[d].group, .position, d) }
                }
            }
        }
        let ids = { (gs: [Int]) in gs.map { self.rules.groups[$0].entity.id }.joined(separator: ", ") }
        if let tie {
            var e = EvaluationError(.noGroup, ["the workload is split equally between \(ids(tie)) and no career path among them is given",
                                               "สัดส่วนงานเท่ากันระหว่าง \(ids(tie)) และไม่ได้ระบุเส้นทางความก้าวหน้าในกลุ่มเหล่านี้"])
            e.field = "workload"
            throw e
        }
        if positionKnown {
            throw EvaluationError(.noGroup, ["no rule for position `\(a.position)` matches unit `\(a.unit)`",
                                             "ไม่มีกฎของตำแหน่ง `\(a.position)` ที่ตรงกับหน่วยงาน `\(a.unit)`"])
        }
        if a.position.isEmpty {
            throw EvaluationError(.noGroup, ["no group, workload or position is given", "ไม่ได้ระบุกลุ่ม สัดส่วนงาน หรือตำแหน่ง"])
        }
        let close = rules.closestTitles(to: a.position).map { "`\($0)`" }
        let en = close.isEmpty ? "" : "; did you mean " + close.joined(separator: " or ") + "?"
        let th = close.isEmpty ? "" : " หมายถึง " + close.joined(separator: " หรือ ") + " หรือไม่"
        throw EvaluationError(.noGroup, ["position `\(a.position)` is not in the rule set and no group is given" + en,
                                         "ตำแหน่ง `\(a.position)` ไม่อยู่ในชุดกฎ และไม่ได้ระบุกลุ่ม" + th])
    }

    /// The declaration that decides the person's group among those their title matched; nil when
    /// none holds. Bare titles: the first declaration that holds per declared title, then they must agree.
    /// `held`: the values of the unit conditions for the person's unit, when known.
    func decidePosition(_ a: Assessment, _ match: PositionMatch, unitConditions held: [Bool]? = nil) throws(EvaluationError) -> Int? {
        let decls: [Int], bare: Bool
        switch match {
        case .none: return nil
        case .ordered(let d): decls = d; bare = false
        case .bare(let d): decls = d; bare = true
        }
        var machine: Machine?   // made only for a `when` condition
        var chosen: [Int] = []
        var titles = Set<String>()
        for d in decls {
            let p = rules.positions[d]
            if bare && titles.contains(p.title) { continue }
            if let held, let u = unitConditions[d] {
                if !held[u] { continue }
            } else if let c = p.condition {
                if machine == nil { machine = Machine(rules: rules, person: a, group: -1, requirements: [], requiredCount: 0, track: nil) }
                if !(try machine!.eval(c).bool) { continue }
            }
            if !bare { return d }
            titles.insert(p.title)
            chosen.append(d)
        }
        guard let first = chosen.first else { return nil }
        let groups = Set(chosen.map { rules.positions[$0].group })
        if groups.count == 1 { return first }
        let options = chosen.map { "`\(rules.positions[$0].title)` (\(rules.groups[rules.positions[$0].group].entity.id))" }
        throw EvaluationError(.noGroup, [
            "position `\(a.position)` fits more than one rule: \(options.joined(separator: " or ")); write the full title or give a `group` column",
            "ตำแหน่ง `\(a.position)` ตรงกับกฎมากกว่าหนึ่งข้อ: \(options.joined(separator: " หรือ ")) ให้เขียนชื่อตำแหน่งเต็ม หรือระบุคอลัมน์ `group`"])
    }

    /// Whether a condition reads nothing but the person's unit and constants (and cannot fail).
    static func readsOnlyUnit(_ c: Code) -> Bool {
        switch c {
        case .constant(.text), .constant(.bool), .person(.unit): return true
        case .not(let x): return readsOnlyUnit(x)
        case .and(let l, let r), .or(let l, let r), .startsWith(let l, let r), .contains(let l, let r):
            return readsOnlyUnit(l) && readsOnlyUnit(r)
        default: return false
        }
    }

    /// The unit conditions' values for the person's unit, from the worker's table or worked out and kept there.
    func unitConditionValues(_ a: Assessment, _ scratch: inout Scratch) throws(EvaluationError) -> [Bool] {
        if let v = scratch.units.get(a.unit) { return v }
        scratch.unitLookups += 1
        var m = Machine(rules: rules, person: a, group: -1, requirements: [], requiredCount: 0, track: nil)
        var v: [Bool] = []
        for c in unitConditionCodes { v.append(try m.eval(c).bool) }
        scratch.units.set(a.unit, v)
        return v
    }

    // MARK: requirements

    func itemIndex(_ code: String) throws(EvaluationError) -> Int {
        if let i = rules.itemColumns[code] { return i }
        throw EvaluationError(.unknownItem, [code])
    }

    /// The requirements of a phase for the person's groups: the first group's list in its order, then
    /// each further group's items not already there; an item in several lists gets the highest level
    /// and the largest weight (`combined union`).
    func requirementDefs(_ groups: [Int], _ phase: Int) -> [RequirementDef]? {
        guard groups.count > 1 else { return rules.groups[groups[0]].phases[phase] }
        var out: [RequirementDef] = []
        var any = false
        for g in groups {
            guard let list = rules.groups[g].phases[phase] else { continue }
            any = true
            for r in list {
                if let k = out.firstIndex(where: { $0.item == r.item }) {
                    out[k].level = max(out[k].level, r.level)
                    out[k].weight = max(out[k].weight, r.weight)
                } else { out.append(r) }
            }
        }
        return any ? out : nil
    }

    func buildRequirements(_ a: Assessment, _ groups: [Int]) throws(EvaluationError) -> ([Requirement], Int) {
        var out: [Requirement] = []
        let requiredCount = try buildRequirements(a, groups, into: &out)
        return (out, requiredCount)
    }

    /// The person's requirements written over `out` (its storage reused); returns how many are current.
    func buildRequirements(_ a: Assessment, _ groups: [Int], into out: inout [Requirement]) throws(EvaluationError) -> Int {
        if !a.add.isEmpty, !rules.adjustments.contains(.add) { throw EvaluationError(.adjustmentNotAllowed, ["add"]) }
        if !a.waive.isEmpty, !rules.adjustments.contains(.waive) { throw EvaluationError(.adjustmentNotAllowed, ["waive"]) }
        var waived: [Int] = []
        for code in a.waive { waived.append(try itemIndex(code)) }
        out.removeAll(keepingCapacity: true)
        // Lists are short (tens of items): a linear search beats hashing here.
        func has(_ item: Int, _ out: [Requirement]) -> Bool { out.contains { $0.item == item } }
        if let phase = rules.effectivePhase, let list = requirementDefs(groups, phase) {
            out.reserveCapacity(list.count + a.add.count)
            for (k, r) in list.enumerated() where waived.isEmpty || !waived.contains(r.item) {
                out.append(Requirement(item: r.item, kind: rules.items[r.item].kind, level: r.level, weight: r.weight, rank: k + 1,
                                       phase: phase, added: false, answer: a.answers[r.item]))
            }
            for code in a.add {
                let item = try itemIndex(code)
                guard !has(item, out) else { continue }
                let scale = rules.items[item].scale
                out.append(Requirement(item: item, kind: rules.items[item].kind, level: scale >= 0 ? rules.scales[scale].expect : 1,
                                       weight: .one, rank: out.count + 1, phase: phase, added: true, answer: a.answers[item]))
            }
        }
        let requiredCount = out.count
        if let next = rules.nextPhase, let list = requirementDefs(groups, next), !list.isEmpty {
            for (k, r) in list.enumerated() where !has(r.item, out) && !waived.contains(r.item) {
                out.append(Requirement(item: r.item, kind: rules.items[r.item].kind, level: r.level, weight: r.weight, rank: k + 1,
                                       phase: next, added: false, answer: a.answers[r.item]))
            }
        }
        return requiredCount
    }
}
