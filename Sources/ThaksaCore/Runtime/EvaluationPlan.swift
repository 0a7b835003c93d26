/// The checked rule set compiled for the usual shapes of scoring rules, so that scoring a person
/// is mostly bit operations: a person's requirements are positions in a 256-bit mask, each filter
/// on requirements is a mask built from a few per-requirement tests, `count`/`all`/`any`/`share`
/// are population counts, percentages are exact integer arithmetic (half up, as `round`), bands
/// compare with constants, and the IDP's courses and methods per item are looked up, not gathered.
///
/// What the plan does not know (scores on text or weights, sums, a language feature added later)
/// is left to the general interpreter (`Machine`), slot by slot. A person the plan cannot take as
/// a whole (more than 256 requirements, a division by zero or an overflow) goes through the general
/// evaluator, which then reports exactly what it always did. EvaluationPlanTests runs both paths on
/// the same people and compares every field.
struct EvaluationPlan: Sendable {
    typealias Mask = SIMD4<UInt64>
    static let capacity = 256

    /// A test on one requirement: the leaves of filters, evaluated once per requirement.
    enum Leaf: Hashable, Sendable {
        case held, answered, added
        case compare(RequirementPredicate.IntField, BinaryOp, Int)
        case member(RequirementPredicate.IntField, [Int])

        func test(_ r: Requirement) -> Bool {
            switch self {
            case .held: return r.held
            case .answered: return r.answered
            case .added: return r.added
            case .compare(let f, let op, let k):
                let x = RequirementPredicate.value(f, r)
                return Machine.order(op, x < k, x == k)
            case .member(let f, let ks): return ks.contains(RequirementPredicate.value(f, r))
            }
        }

        /// Whether the test reads the person's answer (else it depends on the group's list alone).
        var readsAnswer: Bool {
            switch self {
            case .held, .answered: return true
            case .added: return false
            case .compare(let f, _, _), .member(let f, _): return f == .answer
            }
        }
    }

    /// Postfix operations building a set of requirements.
    enum MaskOp: Sendable, Equatable {
        case leaf(Int), required, upcoming, list(Int), everything, and, or, not
    }

    /// A list of requirements: a source in order, kept where the filter holds, sorted stably.
    struct ListPlan: Sendable {
        enum Source: Sendable { case required, upcoming, list(Int) }
        var source: Source
        var filter: Int?                                           // index into `masks`
        /// The sort keys: a range of `sortKeys` (so that a list plan holds no array and copying it costs nothing).
        var keys: Range<Int> = 0..<0
        /// Index into `groupOrders` when the keys read no answers (the group's order is then known).
        var order: Int?
    }

    /// Postfix operations on exact numbers (yes/no as 0 and 1, entities as their index).
    enum Op: Sendable {
        case constant(Rational)
        case slot(Int)
        case flag(Int)
        case group
        /// count, all, any or share of a set of requirements (`hits`: those passing the projection)
        case aggregate(AggregateKind, source: Int, hits: Int?)
        /// `input("key") in [texts]` (or `=`, `!=` one text): an index into `inputs`
        case input(Int)
        case arithmetic(BinaryOp)
        case negate
        case round(Int)
        /// round(a / b, places) on the two numbers on the stack: integers when both are whole
        case roundQuotient(Int)
        case function(Function)
        case compare(BinaryOp)
        case not
        case jumpIfFalse(Int)
        case jump(Int)

        /// Whether the operation adds a number to the stack without taking one.
        var pushes: Bool {
            switch self {
            case .constant, .slot, .flag, .group, .aggregate, .input: return true
            default: return false
            }
        }
    }

    /// `input("key") in [texts]`, negated for `not in` and `!=`.
    struct InputTest: Sendable {
        var key: String
        var texts: [String]
        var negated: Bool
    }

    /// How a slot is computed: a list (index into `lists`), a program (`code[start..<end]`), or by the interpreter.
    enum SlotPlan: Sendable {
        case list(Int)
        /// `depth`: the room its stack needs (at most one number per operation that pushes).
        case scalar(start: Int, end: Int, depth: Int, bool: Bool)
        case general
    }

    /// A group's requirements for a person without add/waive, and what follows from them alone:
    /// the tests that do not read answers, and the sets built only from those.
    /// A reference, so that a person's result can tell whose requirements it holds (`PersonResult.template`).
    final class GroupPlan: Sendable {
        /// The requirements with no answers (`answer` nil); the evaluator fills the person's in.
        let requirements: [Requirement]
        let requiredCount: Int
        /// Per leaf: its mask where the leaf does not read answers (zero where it does).
        let leaves: [Mask]

        init(requirements: [Requirement], requiredCount: Int, leaves: [Mask]) {
            self.requirements = requirements
            self.requiredCount = requiredCount
            self.leaves = leaves
        }
    }

    /// A reference: taking it for a person costs one retain, not one per array.
    final class IDPPlan: Sendable {
        let picks: [ListPlan]
        let maxItems: Int
        let schedule: [Int]
        /// Per track and item: the courses of the entry and its methods, as `planIDP` orders them.
        let courses: [[[Int]]]
        let methods: [[[Int]]]

        init(picks: [ListPlan], maxItems: Int, schedule: [Int], courses: [[[Int]]], methods: [[[Int]]]) {
            self.picks = picks
            self.maxItems = maxItems
            self.schedule = schedule
            self.courses = courses
            self.methods = methods
        }
    }

    var leaves: [Leaf] = []
    /// Leaves that read answers: tested per person.
    var answerLeaves: [Int] = []
    var masks: [[MaskOp]] = []
    /// The mask programs one after another, for running: program i is `maskCode[maskRanges[i]]`.
    var maskCode: [MaskOp] = []
    var maskRanges: [Range<Int>] = []
    /// Per mask program: true when it reads neither answers nor a list (its value is the group's).
    var staticMask: [Bool] = []
    var slots: [SlotPlan] = []
    var lists: [ListPlan] = []
    /// The sort keys of every list plan (`ListPlan.keys`).
    var sortKeys: [(field: RequirementPredicate.IntField, descending: Bool)] = []
    /// The scalar programs, one after another (`SlotPlan.scalar` ranges; jumps are absolute).
    var code: [Op] = []
    var inputs: [InputTest] = []
    /// Slots the rules never compute (not in `evaluationOrder`): false in every result.
    var unordered: [Int] = []
    /// Per group: its track, and its plan for people without add/waive (nil: not planned).
    var tracks: [Int?] = []
    var groups: [GroupPlan?] = []
    /// Per group (planned or not) and mask program, at `group * masks.count + program`: its value
    /// where `staticMask` says it reads no answers and no list.
    var groupMasks: [Mask] = []
    /// Per group and ordered list (`ListPlan.order`): all the group's requirements sorted by the
    /// list's keys (ties in list order), and whether no two have equal keys.
    var groupOrders: [[[Int]]] = []
    var groupDistinct: [[Bool]] = []
    /// Per band and case: the constant threshold; nil when a band's thresholds are not constants.
    var bands: [[Rational?]]?
    /// Per band: its score's slot, and per case the comparison (nil: otherwise).
    var bandScores: [Int] = []
    var bandOps: [[CompareOp?]] = []
    var idp: IDPPlan?

    /// Slots, bands and IDP compiled by the plan (the rest runs through `Machine`).
    var compiledSlots: Int { slots.filter { if case .general = $0 { return false }; return true }.count }

    /// `requirements(g)`: group g's requirements for a person with no answers, add or waive.
    init(_ rules: RuleSet, requirements: (Int) -> (requirements: [Requirement], requiredCount: Int)?) {
        slots = Array(repeating: .general, count: rules.computed.count)
        for s in rules.evaluationOrder {
            let def = rules.computed[s]
            if def.family != nil { continue }   // a family's members are computed by the interpreter
            if def.isList {
                if def.type == .list(.requirement), let p = listPlan(def.code) { lists.append(p); slots[s] = .list(lists.count - 1) }
            } else if def.type == .scalar(.number) || def.type == .scalar(.bool) {
                var ops: [Op] = []
                if scalar(def.code, rules, &ops) {
                    let base = code.count
                    for op in ops {
                        switch op {
                        case .jump(let to): code.append(.jump(to + base))
                        case .jumpIfFalse(let to): code.append(.jumpIfFalse(to + base))
                        default: code.append(op)
                        }
                    }
                    slots[s] = .scalar(start: base, end: code.count, depth: max(1, ops.filter(\.pushes).count),
                                       bool: def.type == .scalar(.bool))
                }
            }
        }
        let ordered = Set(rules.evaluationOrder)
        unordered = rules.computed.indices.filter { !ordered.contains($0) }
        var thresholds: [[Rational?]] = []
        for band in rules.bands {
            var cases: [Rational?] = []
            for c in band.cases {
                switch c.threshold {
                case nil: cases.append(nil)
                case .constant(.number(let n))?: cases.append(n)
                default: break
                }
            }
            guard cases.count == band.cases.count else { thresholds = []; break }
            thresholds.append(cases)
        }
        bands = thresholds.count == rules.bands.count ? thresholds : nil
        bandScores = rules.bands.map(\.score)
        bandOps = rules.bands.map { $0.cases.map(\.op) }
        var idpParts: (picks: [ListPlan], courses: [[[Int]]], methods: [[[Int]]])?
        if let policy = rules.idp {
            var picks: [ListPlan] = []
            for code in policy.picks { if let p = listPlan(code) { picks.append(p) } }
            if picks.count == policy.picks.count {
                var courses: [[[Int]]] = [], methods: [[[Int]]] = []
                for track in rules.tracks {
                    var c: [[Int]] = [], m: [[Int]] = []
                    for item in rules.items.indices {
                        let chosen = Array((track.coursesByItem[item] ?? []).prefix(policy.coursesPerItem))
                        var set = Set<Int>()
                        for ci in chosen { set.formUnion(track.courses[ci].methods) }
                        var ordered = set.sorted()
                        if policy.methods == .onePerBucket {
                            ordered = rules.buckets.indices.compactMap { b in ordered.first { rules.methods[$0].bucket == b } }
                        }
                        c.append(chosen)
                        m.append(ordered)
                    }
                    courses.append(c)
                    methods.append(m)
                }
                idpParts = (picks, courses, methods)
            }
        }
        answerLeaves = leaves.indices.filter { leaves[$0].readsAnswer }
        staticMask = masks.map { ops in
            ops.allSatisfy { op in
                switch op {
                case .leaf(let l): return !leaves[l].readsAnswer
                case .list: return false
                default: return true
                }
            }
        }
        for ops in masks {
            maskRanges.append(maskCode.count..<maskCode.count + ops.count)
            maskCode += ops
        }
        tracks = rules.groups.indices.map { rules.trackOf(group: $0) }
        var orderKeys: [[(field: RequirementPredicate.IntField, descending: Bool)]] = []
        func order(_ p: inout ListPlan) {
            let keys = Array(sortKeys[p.keys])
            guard !keys.isEmpty, !keys.contains(where: { $0.field == .answer }) else { return }
            p.order = orderKeys.count
            orderKeys.append(keys)
        }
        for l in lists.indices { order(&lists[l]) }
        if var parts = idpParts, let policy = rules.idp {
            for k in parts.picks.indices { order(&parts.picks[k]) }
            idp = IDPPlan(picks: parts.picks, maxItems: policy.maxItems, schedule: policy.schedule, courses: parts.courses,
                          methods: parts.methods)
        }
        groupMasks = Array(repeating: Mask(), count: rules.groups.count * masks.count)
        groupOrders = Array(repeating: [], count: rules.groups.count)
        groupDistinct = Array(repeating: [], count: rules.groups.count)
        for g in rules.groups.indices {
            guard let (reqs, requiredCount) = requirements(g), reqs.count <= EvaluationPlan.capacity else { groups.append(nil); continue }
            var s = Scratch()
            leafMasks(reqs, leaves.indices.filter { !leaves[$0].readsAnswer }, &s)
            let required = EvaluationPlan.prefix(requiredCount), upcoming = EvaluationPlan.prefix(reqs.count) & ~required
            for i in masks.indices where staticMask[i] { groupMasks[g * masks.count + i] = evaluateMask(i, required, upcoming, &s) }
            for keys in orderKeys {
                var sorted = Array(reqs.indices)
                EvaluationPlan.sort(&sorted, keys, reqs)
                groupOrders[g].append(sorted)
                groupDistinct[g].append(!zip(sorted, sorted.dropFirst()).contains { a, b in
                    keys.allSatisfy { RequirementPredicate.value($0.field, reqs[a]) == RequirementPredicate.value($0.field, reqs[b]) }
                })
            }
            groups.append(GroupPlan(requirements: reqs, requiredCount: requiredCount, leaves: s.leaves))
        }
    }

    /// Insertion sort: stable (ties keep the source order, as the interpreter's sort) and quick on lists of tens.
    static func sort<Keys: Swift.Collection<(field: RequirementPredicate.IntField, descending: Bool)>>(
        _ out: inout [Int], _ keys: Keys, _ reqs: [Requirement]) {
        func less(_ a: Int, _ b: Int) -> Bool {
            for (f, descending) in keys {
                let x = RequirementPredicate.value(f, reqs[a]), y = RequirementPredicate.value(f, reqs[b])
                if x != y { return descending ? x > y : x < y }
            }
            return false
        }
        var i = 1
        while i < out.count {
            let v = out[i]
            var j = i
            while j > 0 && less(v, out[j - 1]) { out[j] = out[j - 1]; j -= 1 }
            out[j] = v
            i += 1
        }
    }

    // MARK: compiling

    mutating func leaf(_ l: Leaf) -> MaskOp {
        if let i = leaves.firstIndex(of: l) { return .leaf(i) }
        leaves.append(l)
        return .leaf(leaves.count - 1)
    }

    /// A yes/no test on one requirement as mask operations; false when the plan does not know it.
    mutating func filter(_ c: Code, _ ops: inout [MaskOp]) -> Bool {
        switch c {
        case .requirementTest(_, let code): return filter(code, &ops)
        case .element(.requirement, .held): ops.append(leaf(.held))
        case .element(.requirement, .answered): ops.append(leaf(.answered))
        case .element(.requirement, .added): ops.append(leaf(.added))
        case .constant(.bool(let b)):
            ops.append(.everything)
            if !b { ops.append(.not) }
        case .not(let x):
            guard filter(x, &ops) else { return false }
            ops.append(.not)
        case .and(let a, let b), .or(let a, let b):
            guard filter(a, &ops), filter(b, &ops) else { return false }
            if case .and = c { ops.append(.and) } else { ops.append(.or) }
        case .compare(let op, let a, let b, _):
            if let f = RequirementPredicate.field(a), let k = RequirementPredicate.constant(b) { ops.append(leaf(.compare(f, op, k))) }
            else if let k = RequirementPredicate.constant(a), let f = RequirementPredicate.field(b) {
                ops.append(leaf(.compare(f, RequirementPredicate.flipped(op), k)))
            } else { return false }
        case .member(let l, .list(let items), .value, let negated):
            guard let f = RequirementPredicate.field(l) else { return false }
            var ks: [Int] = []
            for i in items {
                guard let k = RequirementPredicate.constant(i) else { return false }
                ks.append(k)
            }
            ops.append(leaf(.member(f, ks)))
            if negated { ops.append(.not) }
        default: return false
        }
        return true
    }

    /// A collection of requirements as a set (order does not matter to a set).
    mutating func collection(_ c: Code, _ ops: inout [MaskOp]) -> Bool {
        switch c {
        case .collection(.required): ops.append(.required)
        case .collection(.upcoming): ops.append(.upcoming)
        case .computed(let s):
            guard case .list = slots[s] else { return false }
            ops.append(.list(s))
        case .query(let source, .requirement, let f, _):
            guard collection(source, &ops) else { return false }
            if let f {
                guard filter(f, &ops) else { return false }
                ops.append(.and)
            }
        default: return false
        }
        return true
    }

    /// The index of a mask program (the same program once: a person computes each at most once).
    mutating func mask(_ ops: [MaskOp]) -> Int {
        if let i = masks.firstIndex(of: ops) { return i }
        masks.append(ops)
        return masks.count - 1
    }

    mutating func listPlan(_ c: Code) -> ListPlan? {
        switch c {
        case .collection(.required): return ListPlan(source: .required)
        case .collection(.upcoming): return ListPlan(source: .upcoming)
        case .computed(let s):
            guard case .list = slots[s] else { return nil }
            return ListPlan(source: .list(s))
        case .query(let source, .requirement, let f, let order):
            let src: ListPlan.Source
            switch source {
            case .collection(.required): src = .required
            case .collection(.upcoming): src = .upcoming
            case .computed(let s):
                guard case .list = slots[s] else { return nil }
                src = .list(s)
            default: return nil
            }
            var p = ListPlan(source: src)
            if let f {
                var ops: [MaskOp] = []
                guard filter(f, &ops) else { return nil }
                p.filter = mask(ops)
            }
            let first = sortKeys.count
            for (key, _, descending) in order {
                guard let field = RequirementPredicate.field(key) else { sortKeys.removeSubrange(first...); return nil }
                sortKeys.append((field, descending))
            }
            p.keys = first..<sortKeys.count
            return p
        default: return nil
        }
    }

    /// A number or yes/no as stack operations; false when the plan does not know it.
    mutating func scalar(_ c: Code, _ rules: RuleSet, _ ops: inout [Op]) -> Bool {
        switch c {
        case .constant(.number(let n)): ops.append(.constant(n))
        case .constant(.bool(let b)): ops.append(.constant(b ? .one : .zero))
        case .constant(.entity(let e)): ops.append(.constant(Rational(e)))
        case .person(.group): ops.append(.group)
        case .computed(let s):
            switch rules.computed[s].type {
            case .scalar(.number): ops.append(.slot(s))
            case .scalar(.bool): ops.append(.flag(s))
            default: return false
            }
        case .neg(let x):
            guard scalar(x, rules, &ops) else { return false }
            ops.append(.negate)
        case .not(let x):
            guard scalar(x, rules, &ops) else { return false }
            ops.append(.not)
        case .arithmetic(let op, let l, let r, _):
            guard scalar(l, rules, &ops), scalar(r, rules, &ops) else { return false }
            ops.append(.arithmetic(op))
        case .compare(let op, let l, .constant(.text(let t)), _) where (op == .eq || op == .ne) && EvaluationPlan.inputKey(l) != nil:
            inputs.append(InputTest(key: EvaluationPlan.inputKey(l) ?? "", texts: [t], negated: op == .ne))
            ops.append(.input(inputs.count - 1))
        case .compare(let op, let l, let r, let type):
            guard type != .text, scalar(l, rules, &ops), scalar(r, rules, &ops) else { return false }
            ops.append(.compare(op))
        case .member(let l, .list(let items), .value, let negated):
            guard let key = EvaluationPlan.inputKey(l) else { return false }
            var texts: [String] = []
            for i in items {
                guard case .constant(.text(let t)) = i else { return false }
                texts.append(t)
            }
            inputs.append(InputTest(key: key, texts: texts, negated: negated))
            ops.append(.input(inputs.count - 1))
        case .and(let a, let b): return branch(a, b, .constant(.bool(false)), rules, &ops)
        case .or(let a, let b): return branch(a, .constant(.bool(true)), b, rules, &ops)
        case .ifThen(let condition, let a, let b): return branch(condition, a, b, rules, &ops)
        case .call(.round, let args, _):
            guard args.count == 2, case .constant(.number(let p)) = args[1], p.isInteger, p.num >= 0, p.num <= 15 else { return false }
            if case .arithmetic(.div, let n, let d, _) = args[0] {
                guard scalar(n, rules, &ops), scalar(d, rules, &ops) else { return false }
                ops.append(.roundQuotient(Int(p.num)))
            } else {
                guard scalar(args[0], rules, &ops) else { return false }
                ops.append(.round(Int(p.num)))
            }
        case .call(let f, let args, _) where f == .floor || f == .ceil || f == .abs || f == .min || f == .max:
            for a in args { guard scalar(a, rules, &ops) else { return false } }
            ops.append(.function(f))
        case .aggregate(let kind, let source, .requirement, let projection, _):
            var src: [MaskOp] = []
            guard collection(source, &src) else { return false }
            switch kind {
            case .count:
                guard projection == nil else { return false }
                ops.append(.aggregate(.count, source: mask(src), hits: nil))
            case .all, .any, .share:
                guard let projection else { return false }
                var hits = src
                guard filter(projection, &hits) else { return false }
                hits.append(.and)
                ops.append(.aggregate(kind, source: mask(src), hits: mask(hits)))
            default: return false
            }
        default: return false
        }
        return true
    }

    /// `if condition then a else b` (and `and`, `or` as such), evaluating only the branch taken:
    /// condition; jumpIfFalse L1; a; jump L2; L1: b; L2:
    mutating func branch(_ condition: Code, _ a: Code, _ b: Code, _ rules: RuleSet, _ ops: inout [Op]) -> Bool {
        guard scalar(condition, rules, &ops) else { return false }
        let j1 = ops.count
        ops.append(.jumpIfFalse(0))
        guard scalar(a, rules, &ops) else { return false }
        let j2 = ops.count
        ops.append(.jump(0))
        ops[j1] = .jumpIfFalse(ops.count)
        guard scalar(b, rules, &ops) else { return false }
        ops[j2] = .jump(ops.count)
        return true
    }

    /// The column key of `input("key")`.
    static func inputKey(_ c: Code) -> String? {
        guard case .call(.input, let args, _) = c, args.count == 1, case .constant(.text(let key)) = args[0] else { return nil }
        return key
    }

    // MARK: running

    /// Buffers one worker reuses from person to person, so that steady-state scoring allocates nothing.
    struct Scratch {
        var leaves: [Mask] = []
        var lists: [Mask] = []
        var picked: [Int] = []
        /// Held and answered requirements of the current person, set by the evaluator when it fills
        /// in a group plan's requirements (`Person.planned`).
        var held = Mask(), answered = Mask()
        /// Mask programs computed for the current person: `maskStamp[i] == person`.
        var maskValues: [Mask] = []
        var maskStamp: [UInt32] = []
        var person: UInt32 = 0
        /// The group plan of the current person, if any (its static masks are read, not computed).
        var group: Int = -1
        init() {}
    }

    /// What the evaluator decided about one person before the plan runs (the rule set, the
    /// assessment and the result being filled are passed beside it).
    struct Person {
        let group: Int
        let track: Int?
        /// Whether the requirements are the group's plan's (no add/waive), with the person's answers
        /// (and `Scratch.held`, `Scratch.answered` set).
        let planned: Bool
    }

    /// Fills `r` (whose `requirements` and `requiredCount` are already the person's) and returns
    /// true; false when the general evaluator must take this person (then `r` is partly written).
    func evaluate(_ p: Person, _ rules: RuleSet, _ a: Assessment, reason: GroupReason, position: Int?,
                  into r: inout PersonResult, scratch s: inout Scratch) throws(EvaluationError) -> Bool {
        let count = r.requirements.count
        guard count <= EvaluationPlan.capacity else { return false }
        r.id = a.id; r.group = p.group; r.groupReason = reason; r.name = a.name; r.unit = a.unit
        r.position = a.position; r.positionRule = position; r.track = p.track
        if !r.groups.isEmpty { r.groups = [] }
        if !r.approvedBy.isEmpty { r.approvedBy = "" }
        if !r.progress.isEmpty { r.progress = [] }
        if !r.fieldValues.isEmpty { r.fieldValues = [:] }
        // Leaves: the group's where they do not read answers, the rest tested on each requirement.
        if p.planned, let g = groups[p.group] {
            s.group = p.group
            if s.leaves.count != g.leaves.count { s.leaves = g.leaves } else {
                g.leaves.withUnsafeBufferPointer { from in
                    s.leaves.withUnsafeMutableBufferPointer { to in for k in to.indices { to[k] = from[k] } }
                }
            }
            for l in answerLeaves {
                switch leaves[l] {
                case .held: s.leaves[l] = s.held
                case .answered: s.leaves[l] = s.answered
                default: leafMasks(r.requirements, CollectionOfOne(l), &s)
                }
            }
        } else {
            s.group = -1
            leafMasks(r.requirements, leaves.indices, &s)
        }
        s.person &+= 1
        if s.maskStamp.count != masks.count {
            s.maskStamp = Array(repeating: s.person &- 1, count: masks.count)
            s.maskValues = Array(repeating: Mask(), count: masks.count)
        }
        let required = EvaluationPlan.prefix(r.requiredCount), upcoming = EvaluationPlan.prefix(count) & ~required
        if s.lists.count < slots.count { s.lists = Array(repeating: Mask(), count: slots.count) }
        if r.values.count != slots.count { r.values = Array(repeating: .bool(false), count: slots.count) }
        for slot in unordered { r.values[slot] = .bool(false) }
        // The interpreter, for what the plan does not compile (made on first need; `general`).
        var machine: General?
        for slot in rules.evaluationOrder {
            switch slots[slot] {
            case .list(let l):
                // The previous person's array, emptied: its storage is reused.
                var out: [Int] = []
                if case .list(let old) = r.values[slot] { out = old }
                r.values[slot] = .bool(false)
                out.removeAll(keepingCapacity: true)
                s.lists[slot] = run(lists[l], r.requirements, required, upcoming, r.values, &s, into: &out)
                r.values[slot] = .list(out)
            case .scalar(let start, let end, let depth, let bool):
                guard let x = run(start, end, depth, p, a, required, upcoming, r.values, &s) else { return false }
                r.values[slot] = bool ? .bool(x != .zero) : .number(x)
            case .general:
                let m = general(&machine, rules, a, p, r)
                r.values[slot] = try m.machine.compute(slot)
            }
        }
        r.bands.removeAll(keepingCapacity: true)
        if let constants = bands {
            for b in constants.indices {
                var chosen: Int?
                if bandScores[b] >= 0 {
                    let v = r.values[bandScores[b]].number
                    for ci in constants[b].indices {
                        guard let op = bandOps[b][ci] else { chosen = ci; break }
                        guard let k = constants[b][ci] else { continue }
                        if Evaluator.compare(op, v, k) { chosen = ci; break }
                    }
                }
                r.bands.append(chosen)
            }
        } else {
            // Thresholds that are not constants: the interpreter computes them.
            for band in rules.bands {
                var chosen: Int?
                if band.score >= 0 {
                    let v = r.values[band.score].number
                    for (ci, c) in band.cases.enumerated() {
                        guard let op = c.op else { chosen = ci; break }
                        guard let code = c.threshold else { continue }
                        let m = general(&machine, rules, a, p, r)
                        let t = try m.machine.eval(code).number
                        if Evaluator.compare(op, v, t) { chosen = ci; break }
                    }
                }
                r.bands.append(chosen)
            }
        }
        if let plan = idp {
            r.idp.removeAll(keepingCapacity: true)
            var picked: [Int] = []
            swap(&picked, &s.picked)
            picking: for (k, pick) in plan.picks.enumerated() {
                picked.removeAll(keepingCapacity: true)
                _ = run(pick, r.requirements, required, upcoming, r.values, &s, into: &picked)
                for i in picked {
                    let item = r.requirements[i].item
                    if r.idp.contains(where: { r.requirements[$0.requirement].item == item }) { continue }
                    if r.idp.count == plan.maxItems { break picking }
                    r.idp.append(IDPEntry(requirement: i, courses: p.track.map { plan.courses[$0][item] } ?? [],
                                          methods: p.track.map { plan.methods[$0][item] } ?? [],
                                          quarter: plan.schedule.isEmpty ? nil : plan.schedule[r.idp.count % plan.schedule.count], pick: k))
                }
            }
            swap(&picked, &s.picked)
        } else {
            let m = general(&machine, rules, a, p, r)
            r.idp = try m.machine.planIDP(nil)
        }
        return true
    }

    /// The interpreter of one person, by reference: `Machine` is large, and a local of its type
    /// in `evaluate` was moved (copied) several times for every person, needed or not.
    final class General {
        var machine: Machine
        init(_ machine: Machine) { self.machine = machine }
    }

    /// The interpreter for what the plan does not compile (made on first need, then kept for the
    /// person), seeing the values computed so far.
    func general(_ made: inout General?, _ rules: RuleSet, _ a: Assessment, _ p: Person, _ r: PersonResult) -> General {
        let g = made ?? General(Machine(rules: rules, person: a, group: p.group, requirements: r.requirements,
                                        requiredCount: r.requiredCount, track: p.track))
        made = g
        g.machine.values = r.values
        g.machine.currentSlot = rules.evaluationOrder.last ?? -1
        return g
    }

    /// The masks of the given leaves over the requirements, into `s.leaves` (one per leaf).
    func leafMasks<C: Swift.Collection<Int>>(_ reqs: [Requirement], _ which: C, _ s: inout Scratch) {
        if s.leaves.count != leaves.count { s.leaves = Array(repeating: Mask(), count: leaves.count) }
        for l in which {
            switch leaves[l] {
            case .held: s.leaves[l] = EvaluationPlan.mask(reqs.count) { reqs[$0].held }
            case .answered: s.leaves[l] = EvaluationPlan.mask(reqs.count) { reqs[$0].answer != nil }
            case let leaf: s.leaves[l] = EvaluationPlan.mask(reqs.count) { leaf.test(reqs[$0]) }
            }
        }
    }

    /// The set of the indices below `count` (at most `capacity`) where `test` holds. Bits gather
    /// in a word and each word is stored once (setting bits of a SIMD lane in memory one by one
    /// stalls on every store).
    @inline(__always)
    static func mask(_ count: Int, _ test: (Int) -> Bool) -> Mask {
        var m = Mask()
        var word: UInt64 = 0
        for k in 0..<count {
            if test(k) { word |= 1 << UInt64(k & 63) }
            if k & 63 == 63 { m[k >> 6] = word; word = 0 }
        }
        if count & 63 != 0 { m[count >> 6] = word }
        return m
    }

    static func prefix(_ n: Int) -> Mask {
        var m = Mask()
        for w in 0..<4 {
            let bits = n - w * 64
            m[w] = bits >= 64 ? ~0 : bits <= 0 ? 0 : (1 << UInt64(bits)) - 1
        }
        return m
    }

    static func count(_ m: Mask) -> Int { m[0].nonzeroBitCount + m[1].nonzeroBitCount + m[2].nonzeroBitCount + m[3].nonzeroBitCount }

    static func contains(_ m: Mask, _ k: Int) -> Bool { m[k >> 6] & (1 << UInt64(k & 63)) != 0 }

    /// Mask program i for the current person: the group's value when it reads no answers and no
    /// list, else computed once per person.
    func run(mask i: Int, _ required: Mask, _ upcoming: Mask, _ s: inout Scratch) -> Mask {
        if s.group >= 0, staticMask[i] { return groupMasks[s.group * masks.count + i] }
        if s.maskStamp[i] == s.person { return s.maskValues[i] }
        let m = evaluateMask(i, required, upcoming, &s)
        s.maskValues[i] = m
        s.maskStamp[i] = s.person
        return m
    }

    func evaluateMask(_ i: Int, _ required: Mask, _ upcoming: Mask, _ s: inout Scratch) -> Mask {
        let range = maskRanges[i]
        // A program never holds more masks than it has operations: a stack of that many, on the
        // machine stack, needs no checks and no allocation.
        return withUnsafeTemporaryAllocation(of: Mask.self, capacity: range.count) { stack in
            var sp = 0
            for pc in range {
                switch maskCode[pc] {
                case .leaf(let l): stack.initializeElement(at: sp, to: s.leaves[l]); sp += 1
                case .required: stack.initializeElement(at: sp, to: required); sp += 1
                case .upcoming: stack.initializeElement(at: sp, to: upcoming); sp += 1
                case .list(let slot): stack.initializeElement(at: sp, to: s.lists[slot]); sp += 1
                case .everything: stack.initializeElement(at: sp, to: Mask(repeating: ~0)); sp += 1
                case .not: stack[sp - 1] = ~stack[sp - 1]
                case .and: sp -= 1; stack[sp - 1] &= stack[sp]
                case .or: sp -= 1; stack[sp - 1] |= stack[sp]
                }
            }
            return stack[sp - 1]
        }
    }

    /// The list's requirement indices appended to `out`, in order; returns them as a set.
    func run(_ plan: ListPlan, _ reqs: [Requirement], _ required: Mask, _ upcoming: Mask, _ values: [Value],
             _ s: inout Scratch, into out: inout [Int]) -> Mask {
        let keep = plan.filter.map { run(mask: $0, required, upcoming, &s) } ?? Mask(repeating: ~0)
        let set: Mask
        // The group's requirements in the list's order, those in the set kept: the same as sorting
        // them, when the source is in requirement order or no two requirements tie.
        if s.group >= 0, let o = plan.order, plan.source.isRequired || plan.source.isUpcoming || groupDistinct[s.group][o] {
            switch plan.source {
            case .required: set = keep & required
            case .upcoming: set = keep & upcoming
            case .list(let slot): set = keep & s.lists[slot]
            }
            out.reserveCapacity(out.count + EvaluationPlan.count(set))
            for i in groupOrders[s.group][o] where EvaluationPlan.contains(set, i) { out.append(i) }
            return set
        }
        switch plan.source {
        case .required, .upcoming:
            set = keep & (plan.source.isRequired ? required : upcoming)
            out.reserveCapacity(out.count + EvaluationPlan.count(set))
            for w in 0..<4 {
                var bits = set[w]
                while bits != 0 {
                    out.append(w * 64 + bits.trailingZeroBitCount)
                    bits &= bits - 1
                }
            }
        case .list(let slot):
            set = keep & s.lists[slot]
            out.reserveCapacity(out.count + EvaluationPlan.count(set))
            for i in values[slot].indices where EvaluationPlan.contains(set, i) { out.append(i) }
        }
        if !plan.keys.isEmpty { EvaluationPlan.sort(&out, sortKeys[plan.keys], reqs) }
        return set
    }

    /// The program `code[start..<end]`; nil on a division by zero or an overflow.
    func run(_ start: Int, _ end: Int, _ depth: Int, _ p: Person, _ a: Assessment, _ required: Mask, _ upcoming: Mask,
             _ values: [Value], _ s: inout Scratch) -> Rational? {
        // No program pushes more than `depth` numbers: the stack (on the machine stack) needs no checks.
        return withUnsafeTemporaryAllocation(of: Rational.self, capacity: depth) { stack -> Rational? in
            var sp = 0, pc = start
            func push(_ x: Rational) { stack.initializeElement(at: sp, to: x); sp += 1 }
            func pop() -> Rational { sp -= 1; return stack[sp] }
            while pc < end {
                let op = code[pc]
                pc += 1
                switch op {
                case .constant(let n): push(n)
                case .slot(let slot): push(values[slot].number)
                case .flag(let slot): push(values[slot].bool ? .one : .zero)
                case .group: push(Rational(p.group))
                case .aggregate(let kind, let source, let hits):
                    let n = EvaluationPlan.count(run(mask: source, required, upcoming, &s))
                    guard let hits else { push(Rational(n)); break }
                    let h = EvaluationPlan.count(run(mask: hits, required, upcoming, &s))
                    switch kind {
                    case .all: push(h == n ? .one : .zero)
                    case .any: push(h > 0 ? .one : .zero)
                    default:
                        guard n > 0, let x = Rational(Int64(h)) * .hundred, let share = x / Rational(n) else { return nil }
                        push(share)
                    }
                case .input(let i):
                    let found = inputs[i].texts.contains(a.extra[inputs[i].key] ?? "")
                    push(found != inputs[i].negated ? .one : .zero)
                case .arithmetic(let op):
                    let b = pop(), a = pop()
                    let out: Rational?
                    switch op {
                    case .add: out = a + b
                    case .sub: out = a - b
                    case .mul: out = a * b
                    default: out = b == .zero ? nil : a / b
                    }
                    guard let out else { return nil }
                    push(out)
                case .negate:
                    guard let x = -pop() else { return nil }
                    push(x)
                case .round(let places):
                    guard let x = pop().rounded(places: places) else { return nil }
                    push(x)
                case .roundQuotient(let places):
                    let b = pop(), a = pop()
                    guard b != .zero, let x = EvaluationPlan.roundedQuotient(a, b, places) else { return nil }
                    push(x)
                case .function(let f):
                    let x: Rational
                    switch f {
                    case .floor: x = pop().floor()
                    case .ceil: x = pop().ceil()
                    case .abs:
                        let a = pop()
                        if a < .zero { guard let n = -a else { return nil }; x = n } else { x = a }
                    case .min: let b = pop(), a = pop(); x = Swift.min(a, b)
                    case .max: let b = pop(), a = pop(); x = Swift.max(a, b)
                    default: return nil
                    }
                    push(x)
                case .compare(let op):
                    let b = pop(), a = pop()
                    push(Machine.order(op, a < b, a == b) ? .one : .zero)
                case .not: push(pop() == .zero ? .one : .zero)
                case .jumpIfFalse(let to): if pop() == .zero { pc = to }
                case .jump(let to): pc = to
                }
            }
            return sp > 0 ? stack[sp - 1] : nil
        }
    }

    /// a / b rounded to `places` decimals, halves away from zero, as `Rational.rounded`; whole
    /// numbers (counts) stay in integer arithmetic. nil on overflow.
    static func roundedQuotient(_ a: Rational, _ b: Rational, _ places: Int) -> Rational? {
        var scale: Int64 = 1
        for _ in 0..<places { scale *= 10 }
        if a.isInteger && b.isInteger {
            let (n, o1) = a.num.multipliedReportingOverflow(by: scale)
            let (q0, o2) = n.dividedReportingOverflow(by: b.num)
            if !o1, !o2, b.num != .min {
                var q = q0
                let r = n % b.num
                if r.magnitude * 2 >= b.num.magnitude { q += (n < 0) != (b.num < 0) ? -1 : 1 }
                return Rational(q, scale)
            }
        }
        return (a / b)?.rounded(places: places)
    }
}

extension EvaluationPlan.ListPlan.Source {
    var isRequired: Bool { if case .required = self { return true }; return false }
    var isUpcoming: Bool { if case .upcoming = self { return true }; return false }
}
