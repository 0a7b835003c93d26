/// The expression interpreter for one person. Holds the person's requirements and computed values;
/// `elements` is the stack of collection elements bound by where / order by / aggregates.
struct Machine {
    let rules: RuleSet
    let person: Assessment
    let group: Int
    let requirements: [Requirement]
    let requiredCount: Int
    let track: Int?
    /// Every group of a combined assignment (empty for one group): `group` is a member of each.
    var groups: [Int] = []
    var values: [Value]
    var elements: [Int] = []
    var currentSlot = -1
    /// The person seen by a target's aggregate over `people`.
    var personResult: PersonResult?
    /// Finished accumulators, when evaluating a target's measure.
    var accumulatorResults: [Value?] = []
    /// The BEFORE round and IDP2 outcomes, when evaluating `progress` scores.
    var round: RoundContext?
    /// Values of `progress` scores computed so far.
    var progressValues: [Value] = []
    /// The member a score family is being computed for.
    var member = -1

    init(rules: RuleSet, person: Assessment, group: Int, requirements: [Requirement], requiredCount: Int, track: Int?) {
        self.rules = rules
        self.person = person
        self.group = group
        self.requirements = requirements
        self.requiredCount = requiredCount
        self.track = track
        self.values = Array(repeating: .bool(false), count: rules.computed.count)
    }

    var slotName: String { currentSlot >= 0 ? rules.computed[currentSlot].entity.id : "" }

    func overflow(_ span: SourceSpan) -> EvaluationError { EvaluationError(.overflow, [slotName], span: span) }

    mutating func eval(_ code: Code) throws(EvaluationError) -> Value {
        switch code {
        case .constant(let v): return v
        case .person(let f):
            switch f {
            case .id: return .text(person.id)
            case .name: return .text(person.name)
            case .position: return .text(person.position)
            case .unit: return .text(person.unit)
            case .group: return .entity(group)
            }
        case .computed(let slot): return values[slot]
        case .element(.person, let field): return personField(field)
        case .element(let type, let field): return elementField(type, elements.last ?? 0, field)
        case .personScore(let slot): return personResult?.values[slot] ?? .bool(false)
        case .personBand(let b): return personBand(b)
        case .namedValue(let v, let site): return .number(namedValue(v, site))
        case .accumulator(let i):
            guard i < accumulatorResults.count, let v = accumulatorResults[i] else {
                throw EvaluationError(.emptyAggregate, ["people"])
            }
            return v
        case .entityField(let base, _, let field): return itemField(try eval(base).entity, field)
        case .collection(let c):
            switch c {
            case .required: return .list(Array(0..<requiredCount))
            case .upcoming: return .list(Array(requiredCount..<requirements.count))
            case .items: return .list(Array(rules.items.indices))
            case .courses: return .list(track.map { Array(rules.tracks[$0].courses.indices) } ?? [])
            case .dimensions: return .list(Array(rules.dimensions.indices))
            case .skillsets: return .list(Array(rules.skillsets.indices))
            case .kinds: return .list(Array(rules.kinds.indices))
            }
        case .neg(let x):
            guard let r = -(try eval(x).number) else { throw overflow(.none) }
            return .number(r)
        case .not(let x): return .bool(!(try eval(x).bool))
        case .arithmetic(let op, let l, let r, let span):
            let a = try eval(l).number, b = try eval(r).number
            let out: Rational?
            switch op {
            case .add: out = a + b
            case .sub: out = a - b
            case .mul: out = a * b
            default:
                if b == .zero { throw EvaluationError(.divisionByZero, [slotName], span: span) }
                out = a / b
            }
            guard let out else { throw overflow(span) }
            return .number(out)
        case .compare(let op, let l, let r, let type):
            if op == .eq || op == .ne, let gs = combinedGroups(l) ?? combinedGroups(r) {
                let other = combinedGroups(l) == nil ? try eval(l) : try eval(r)
                return .bool(gs.contains(other.entity) == (op == .eq))
            }
            let a = try eval(l), b = try eval(r)
            return .bool(Machine.compare(op, a, b, type))
        case .and(let l, let r):
            guard try eval(l).bool else { return .bool(false) }
            return .bool(try eval(r).bool)
        case .or(let l, let r):
            if try eval(l).bool { return .bool(true) }
            return .bool(try eval(r).bool)
        case .member(let l, let r, let element, let negated):
            let x = try eval(l)
            let found: Bool
            switch try eval(r) {
            case .values(let vs): found = vs.contains(x)
            case .list(let idx):
                found = element == .requirement ? idx.contains { requirements[$0].item == x.entity } : idx.contains(x.entity)
            default: found = false
            }
            if let gs = combinedGroups(l), case .values(let vs) = try eval(r) {
                return .bool(gs.contains { vs.contains(.entity($0)) } != negated)
            }
            return .bool(found != negated)
        case .startsWith(let l, let r):
            let text = try eval(l).text
            return .bool(text.hasPrefix(try eval(r).text))
        case .contains(let l, let r):
            let needle = try eval(r).text
            let hay = try eval(l).text
            return .bool(needle.isEmpty || hay.contains(needle))
        case .ifThen(let c, let a, let b):
            if try eval(c).bool { return try eval(a) }
            return try eval(b)
        case .call(let f, let args, let span): return try call(f, args, span)
        case .aggregate(let kind, let source, let element, let projection, let span):
            return try aggregate(kind, source, element, projection, span)
        case .query(let source, let element, let filter, let order):
            var idx = try eval(source).indices
            if let filter {
                var kept: [Int] = []
                kept.reserveCapacity(idx.count)
                if case .requirementTest(let p, _) = filter {
                    for i in idx where p.test(requirements[i]) { kept.append(i) }   // hoisted: no enum per element
                } else {
                    for i in idx where try test(filter, element, i) { kept.append(i) }
                }
                idx = kept
            }
            if !order.isEmpty {
                var keyed: [(Int, [Value])] = []
                for (pos, i) in idx.enumerated() {
                    elements.append(i)
                    var keys: [Value] = []
                    for (k, _, _) in order { keys.append(try eval(k)) }
                    keys.append(.number(Rational(pos)))   // ties keep input order
                    elements.removeLast()
                    keyed.append((i, keys))
                }
                keyed.sort { a, b in
                    for (k, (_, type, descending)) in order.enumerated() where a.1[k] != b.1[k] {
                        return Machine.compare(descending ? BinaryOp.gt : BinaryOp.lt, a.1[k], b.1[k], type)
                    }
                    return a.1.last!.number < b.1.last!.number
                }
                idx = keyed.map(\.0)
            }
            return .list(idx)
        case .first(let n, let q):
            let count = max(0, Int(clamping: try eval(n).number.floor().num))
            return .list(Array(try eval(q).indices.prefix(count)))
        case .list(let items):
            var vs: [Value] = []
            for i in items { vs.append(try eval(i)) }
            return .values(vs)
        case .requirementTest(let p, let code):
            guard let i = elements.last else { return try eval(code) }
            return .bool(p.test(requirements[i]))
        case .previous(let slot, let span):
            guard let before = round?.before else {
                throw EvaluationError(.noPreviousRound, ["previous(\(rules.computed[slot].entity.id))"], span: span)
            }
            return before.values[slot]
        case .round(let r):
            switch r {
            case .plan_before: return .list(round?.plan ?? [])
            case .assessed_before: return .bool(round?.before != nil)
            case .group_before: return .entity(round?.before?.group ?? -1)
            }
        case .progress(let i): return i < progressValues.count ? progressValues[i] : .bool(false)
        case .personProgress(let i):
            guard let p = personResult?.progress, i < p.count else { return .bool(false) }
            return p[i]
        case .familyMember: return .entity(member)
        case .familyValue(let slot, let at, let person, let span):
            let k = try eval(at).entity
            let family = person ? personResult?.values[slot] : values[slot]
            guard case .values(let vs)? = family, k >= 0, k < vs.count else {
                throw EvaluationError(.noFamilyMember, [rules.computed[slot].entity.id, slotName], span: span)
            }
            return vs[k]
        case .listField(let slot, let k): return try eval(rules.computed[slot].fields[k].code)
        }
    }

    /// The groups of a combined person when `code` is their `group` (nil otherwise): `group = S` and
    /// `group in [...]` ask whether S is one of them.
    func combinedGroups(_ code: Code) -> [Int]? {
        switch code {
        case .person(.group): return groups.isEmpty ? nil : groups
        case .element(.person, .group): return personResult.flatMap { $0.groups.isEmpty ? nil : $0.groups }
        default: return nil
        }
    }

    /// The value of computed `slot` (a score, list or family), with the values before it in `values`.
    mutating func compute(_ slot: Int) throws(EvaluationError) -> Value {
        currentSlot = slot
        if let part = rules.computed[slot].family { return try family(slot, part) }
        return try eval(rules.computed[slot].code)
    }

    /// A score family: its expression once per member of its part, in declaration order.
    mutating func family(_ slot: Int, _ part: PartKind) throws(EvaluationError) -> Value {
        var out: [Value] = []
        for k in rules.members(part).indices {
            member = k
            out.append(try eval(rules.computed[slot].code))
        }
        member = -1
        return .values(out)
    }

    /// The `with` fields of each element of list `slot`, in list order.
    mutating func fieldValues(_ slot: Int) throws(EvaluationError) -> [[Value]] {
        var out: [[Value]] = []
        for i in values[slot].indices {
            elements.append(i)
            defer { elements.removeLast() }
            var row: [Value] = []
            for f in rules.computed[slot].fields { row.append(try eval(f.code)) }
            out.append(row)
        }
        return out
    }

    static func compare(_ op: BinaryOp, _ a: Value, _ b: Value, _ type: ScalarType) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)): return Machine.order(op, x < y, x == y)
        case (.text(let x), .text(let y)): return Machine.order(op, x < y, x == y)
        case (.entity(let x), .entity(let y)): return Machine.order(op, x < y, x == y)
        case (.bool(let x), .bool(let y)): return Machine.order(op, !x && y, x == y)
        default: return false
        }
    }

    static func order(_ op: BinaryOp, _ less: Bool, _ equal: Bool) -> Bool {
        switch op {
        case .eq: return equal
        case .ne: return !equal
        case .lt: return less
        case .le: return less || equal
        case .gt: return !less && !equal
        case .ge: return !less
        default: return false
        }
    }

    static func compare(_ op: CompareOp, _ a: Value, _ b: Value, _ type: ScalarType) -> Bool {
        let bin: BinaryOp = [.eq: .eq, .ne: .ne, .lt: .lt, .le: .le, .gt: .gt, .ge: .ge][op]!
        return compare(bin, a, b, type)
    }

    func elementField(_ type: ElementType, _ i: Int, _ field: Field) -> Value {
        switch type {
        case .requirement:
            let r = requirements[i]
            switch field {
            case .level: return .number(Rational(r.level))
            case .weight: return .number(r.weight)
            case .answer: return .number(Rational(r.answer ?? 0))
            case .answered: return .bool(r.answered)
            case .held: return .bool(r.held)
            case .rank: return .number(Rational(r.rank))
            case .added: return .bool(r.added)
            case .phase: return .entity(r.phase)
            case .item: return .entity(r.item)
            default: return itemField(r.item, field)
            }
        case .item: return itemField(i, field)
        case .course:
            guard let t = track else { return .text("") }
            let c = rules.tracks[t].courses[i]
            switch field {
            case .id: return .text(c.id)
            case .title: return .text(c.title.th)
            case .source: return .text(c.source ?? "")
            default: return .entity(t)
            }
        case .part(let p):
            switch field {
            case .code: return .text(rules.members(p)[i].id)
            case .title: return .text(rules.members(p)[i].title.th)
            default: return .entity(i)
            }
        case .person, .value: return .bool(false)
        }
    }

    func personField(_ field: Field) -> Value {
        guard let r = personResult else { return .bool(false) }
        switch field {
        case .id: return .text(r.id)
        case .name: return .text(r.name)
        case .group: return .entity(r.group)
        case .unit: return .text(r.unit)
        case .position: return .text(r.position)
        case .idp_count: return .number(Rational(r.idp.count))
        case .band: return personBand(0)
        default: return .bool(false)
        }
    }

    /// The person's case of band `b`, as an index among all bands' cases (-1: none or no such band).
    func personBand(_ b: Int) -> Value {
        guard b < rules.bands.count, let r = personResult, b < r.bands.count, let c = r.bands[b] else { return .entity(-1) }
        return .entity(rules.bands[b].caseOffset + c)
    }

    func itemField(_ item: Int, _ field: Field) -> Value {
        guard item >= 0 && item < rules.items.count else { return .bool(false) }
        switch field {   // fields read in place: copying an ItemDef would copy its arrays' references
        case .code: return .text(rules.items[item].entity.id)
        case .title: return .text(rules.items[item].entity.title.th)
        case .kind: return .entity(rules.items[item].kind)
        case .skillset: return .entity(rules.items[item].skillset ?? -1)
        case .dimension: return .entity(rules.items[item].dimension ?? -1)
        case .answer: return .number(Rational(person.answers[item] ?? 0))
        case .answered: return .bool(person.answers[item] != nil)
        case .outcome: return .entity(round?.outcomes[item]?.rawValue ?? -1)
        case .in_plan_before: return .bool(round?.plan.contains(item) ?? false)
        case .answer_before: return .number(Rational(round?.beforeAnswers[item] ?? 0))
        case .answered_before: return .bool(round?.beforeAnswers[item] != nil)
        case .held_before: return .bool(round.map { $0.heldBefore(item, rules) } ?? false)
        default: return .bool(false)
        }
    }

    mutating func call(_ f: Function, _ args: [Code], _ span: SourceSpan) throws(EvaluationError) -> Value {
        let a = try eval(args[0])
        switch f {
        case .input: return .text(person.extra[a.text] ?? "")
        case .length: return .number(Rational(a.text.count))
        case .floor: return .number(a.number.floor())
        case .ceil: return .number(a.number.ceil())
        case .abs:
            if a.number < .zero { guard let n = -a.number else { throw overflow(span) }; return .number(n) }
            return a
        case .round:
            let places = Int(try eval(args[1]).number.num)
            guard let r = a.number.rounded(places: places) else { throw overflow(span) }
            return .number(r)
        case .min, .max:
            let b = try eval(args[1]).number
            return .number(f == .min ? Swift.min(a.number, b) : Swift.max(a.number, b))
        }
    }

    /// An aggregate, fused with an unordered `where`: the elements are visited once and no list
    /// is built (this is most of the work of scoring a person).
    mutating func aggregate(_ kind: AggregateKind, _ source: Code, _ element: ElementType, _ projection: Code?,
                            _ span: SourceSpan) throws(EvaluationError) -> Value {
        var base = source, filter: Code?
        if case .query(let s, _, let f, let order) = source, order.isEmpty { base = s; filter = f }
        if kind == .count, filter == nil, case .collection(.required) = base { return .number(Rational(requiredCount)) }
        // The common case, a count of requirements passing a compiled test, runs as a plain loop.
        if kind == .count, case .requirementTest(let p, _)? = filter {
            var n = 0
            switch base {
            case .collection(.required): for i in 0..<requiredCount where p.test(requirements[i]) { n += 1 }
            case .collection(.upcoming): for i in requiredCount..<requirements.count where p.test(requirements[i]) { n += 1 }
            default: for i in try eval(base).indices where p.test(requirements[i]) { n += 1 }
            }
            return .number(Rational(n))
        }
        if kind == .all || kind == .any || kind == .share, filter == nil, case .requirementTest(let p, _)? = projection {
            var n = 0, hits = 0
            func visit(_ r: Requirement) { n += 1; if p.test(r) { hits += 1 } }
            switch base {
            case .collection(.required): for i in 0..<requiredCount { visit(requirements[i]) }
            case .collection(.upcoming): for i in requiredCount..<requirements.count { visit(requirements[i]) }
            default: for i in try eval(base).indices { visit(requirements[i]) }
            }
            var acc = Accumulator(kind)
            acc.count = n
            acc.hits = hits
            guard let out = acc.result else { throw EvaluationError(.emptyAggregate, [kind.rawValue], span: span) }
            return out
        }
        var acc = Accumulator(kind)
        let list: [Int]
        var range = 0..<0
        switch base {
        case .collection(.required): range = 0..<requiredCount; list = []
        case .collection(.upcoming): range = requiredCount..<requirements.count; list = []
        default: list = try eval(base).indices
        }
        func visit(_ i: Int, _ m: inout Machine) throws(EvaluationError) -> Bool {
            if let f = filter, !(try m.test(f, element, i)) { return true }
            guard let projection else { acc.count += 1; return true }
            if kind == .all || kind == .any || kind == .share {
                acc.count += 1
                if try m.test(projection, element, i) { acc.hits += 1 }
                return true
            }
            m.elements.append(i)
            let v = try m.eval(projection)
            m.elements.removeLast()
            return acc.add(v)
        }
        for i in range { guard try visit(i, &self) else { throw overflow(span) } }
        for i in list { guard try visit(i, &self) else { throw overflow(span) } }
        guard let out = acc.result else { throw EvaluationError(.emptyAggregate, [kind.rawValue], span: span) }
        return out
    }

    /// A yes/no expression about one element: requirements are tested directly on their fields,
    /// anything else through the interpreter.
    mutating func test(_ code: Code, _ element: ElementType, _ i: Int) throws(EvaluationError) -> Bool {
        if case .requirementTest(let p, _) = code { return p.test(requirements[i]) }
        elements.append(i)
        defer { elements.removeLast() }
        return try eval(code).bool
    }
}

/// Folds values into count, sum, min, max, average, all, any or share; shared by per-person
/// aggregates and organisation targets (which see one person at a time, so memory stays flat).
public struct Accumulator: Sendable {
    let kind: AggregateKind
    var count = 0
    var hits = 0
    var sum = Rational.zero
    var extreme: Rational?

    init(_ kind: AggregateKind) { self.kind = kind }

    /// False on overflow.
    mutating func add(_ v: Value) -> Bool {
        count += 1
        switch kind {
        case .all, .any, .share: if v.bool { hits += 1 }
        case .sum, .average:
            guard let s = sum + v.number else { return false }
            sum = s
        case .min: if extreme == nil || v.number < extreme! { extreme = v.number }
        case .max: if extreme == nil || v.number > extreme! { extreme = v.number }
        case .count: break
        }
        return true
    }

    var result: Value? {
        switch kind {
        case .count: return .number(Rational(count))
        case .sum: return .number(sum)
        case .all: return .bool(hits == count)
        case .any: return .bool(hits > 0)
        case .min, .max: return extreme.map(Value.number)
        case .average: return count == 0 ? nil : (sum / Rational(count)).map(Value.number)
        case .share:
            guard count > 0, let p = Rational(Int64(hits)) * .hundred, let s = p / Rational(count) else { return nil }
            return .number(s)
        }
    }
}
