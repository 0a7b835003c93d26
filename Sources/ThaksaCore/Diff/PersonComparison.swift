/// Compares one person's results under two rule sets. Indices differ between the sets, so every
/// comparison goes through the ids (precomputed here as index maps, old index → new index).
struct PersonComparison: Sendable {
    /// The kinds of difference counted for a person.
    struct Kinds: OptionSet, Sendable, Hashable {
        let rawValue: Int
        static let group = Kinds(rawValue: 1), required = Kinds(rawValue: 2), gaps = Kinds(rawValue: 4)
        static let band = Kinds(rawValue: 8), idp = Kinds(rawValue: 16), score = Kinds(rawValue: 32)
        static let all: [(Kinds, String)] = [(.group, "group"), (.required, "required"), (.gaps, "gaps"), (.band, "band"),
                                              (.idp, "idp"), (.score, "score")]
    }

    /// What differs for one person.
    struct Delta: Sendable {
        var kinds: Kinds = []
        /// Per band pair: (old case, new case) when the case changed.
        var bandMoves: [(pair: Int, from: Int?, to: Int?)] = []
        /// Item ids left out of / added to the person's IDP.
        var idpLost: [String] = []
        var idpGained: [String] = []
        /// Indices into the change list of the changes that touch this person.
        var touched: [Int] = []
    }

    let old: RuleSet
    let new: RuleSet
    let itemMap: [Int]              // old item → new item, -1 when removed
    let groupMap: [Int]
    let bandPairs: [(old: Int, new: Int, cases: [Int])]
    let scorePairs: [(old: Int, new: Int, entity: Bool)]
    let oldEncoder: ResultEncoder
    let newEncoder: ResultEncoder
    /// Per change: how to test whether it touches a person (nil: not attributable).
    let tests: [Test?]

    enum Test: Sendable {
        case requirement(oldGroup: Int, newGroup: Int, oldItem: Int, newItem: Int)
        case band(pair: Int)
        case score(pair: Int)
        case position(String)
        case idp
    }

    init(old: RuleSet, new: RuleSet, changes: [RuleChange]) {
        self.old = old
        self.new = new
        func map(_ a: [String], _ b: [String]) -> [Int] {
            var index: [String: Int] = [:]
            for (k, id) in b.enumerated() where index[id] == nil { index[id] = k }
            return a.map { index[$0] ?? -1 }
        }
        itemMap = map(old.items.map(\.entity.id), new.items.map(\.entity.id))
        groupMap = map(old.groups.map(\.entity.id), new.groups.map(\.entity.id))
        let bands = map(old.bands.map(\.entity.id), new.bands.map(\.entity.id))
        bandPairs = bands.enumerated().compactMap { o, n in
            n < 0 ? nil : (o, n, map(old.bands[o].cases.map(\.entity.id), new.bands[n].cases.map(\.entity.id)))
        }
        let oldScores = old.computed.indices.filter { !old.computed[$0].isList && old.computed[$0].family == nil }
        let newScores = new.computed.indices.filter { !new.computed[$0].isList && new.computed[$0].family == nil }
        scorePairs = oldScores.compactMap { o in
            guard let n = newScores.first(where: { new.computed[$0].entity.id == old.computed[o].entity.id }) else { return nil }
            let entity: Bool
            if case .scalar(.entity) = new.computed[n].type { entity = true } else { entity = false }
            return (o, n, entity || old.computed[o].type != new.computed[n].type)
        }
        oldEncoder = ResultEncoder(rules: old)
        newEncoder = ResultEncoder(rules: new)
        let bandPairIDs = bandPairs.map { old.bands[$0.old].entity.id }
        let scorePairIDs = scorePairs.map { old.computed[$0.old].entity.id }
        tests = changes.map { c -> Test? in
            switch c.attribution {
            case .none: return nil
            case .requirement(let g, let i):
                let og = old.groupByID[g] ?? -1, ng = new.groupByID[g] ?? -1
                let oi = old.items.firstIndex { $0.entity.id == i } ?? -1, ni = new.items.firstIndex { $0.entity.id == i } ?? -1
                return .requirement(oldGroup: og, newGroup: ng, oldItem: oi, newItem: ni)
            case .band(let b): return bandPairIDs.firstIndex(of: b).map { .band(pair: $0) }
            case .score(let s): return scorePairIDs.firstIndex(of: s).map { .score(pair: $0) }
            case .position(let t): return .position(t)
            case .idp: return .idp
            }
        }
    }

    func compare(_ a: PersonResult, _ b: PersonResult) -> Delta {
        var d = Delta()
        let sameGroup = a.group >= 0 && a.group < groupMap.count && groupMap[a.group] == b.group
        if !sameGroup { d.kinds.insert(.group) }
        if requirementKey(a.required, old, itemMap) != requirementKey(b.required, new, nil) { d.kinds.insert(.required) }
        let gapsA = oldEncoder.gaps(a).map { mapped(a.requirements[$0].item) }.sorted()
        let gapsB = newEncoder.gaps(b).map { b.requirements[$0].item }.sorted()
        if gapsA != gapsB { d.kinds.insert(.gaps) }
        for (k, p) in bandPairs.enumerated() {
            let ca = a.bands[p.old], cb = b.bands[p.new]
            let mappedA = ca.map { p.cases[$0] }
            if mappedA != cb { d.bandMoves.append((k, ca, cb)); d.kinds.insert(.band) }
        }
        let idpA = a.idp.map { old.items[a.requirements[$0.requirement].item].entity.id }
        let idpB = b.idp.map { new.items[b.requirements[$0.requirement].item].entity.id }
        if idpA != idpB {
            d.kinds.insert(.idp)
            d.idpLost = idpA.filter { !idpB.contains($0) }
            d.idpGained = idpB.filter { !idpA.contains($0) }
        }
        var scoreChanged = [Bool](repeating: false, count: scorePairs.count)
        for (k, p) in scorePairs.enumerated() {
            let va = a.values[p.old], vb = b.values[p.new]
            let differs = p.entity
                ? oldEncoder.json(va, old.computed[p.old].type).serialized() != newEncoder.json(vb, new.computed[p.new].type).serialized()
                : va != vb
            if differs { scoreChanged[k] = true; d.kinds.insert(.score) }
        }
        for (k, t) in tests.enumerated() {
            guard let t else { continue }
            let hit: Bool
            switch t {
            case .requirement(let og, let ng, let oi, let ni):
                hit = a.group == og && b.group == ng && requirementEntry(a, oi, old) != requirementEntry(b, ni, new)
            case .band(let p): hit = d.bandMoves.contains { $0.pair == p }
            case .score(let p): hit = scoreChanged[p]
            case .position(let title): hit = !sameGroup && RuleSet.normalise(a.position) == title
            case .idp: hit = d.kinds.contains(.idp)
            }
            if hit { d.touched.append(k) }
        }
        return d
    }

    func mapped(_ oldItem: Int) -> Int { oldItem >= 0 && oldItem < itemMap.count ? (itemMap[oldItem] >= 0 ? itemMap[oldItem] : -2 - oldItem) : -1 }

    /// Required items with their levels, by new item index (items only in OLD get negative keys).
    func requirementKey(_ rs: ArraySlice<Requirement>, _ rules: RuleSet, _ map: [Int]?) -> [Int] {
        rs.map { r in (map == nil ? r.item : mapped(r.item)) &* 1024 &+ r.level }.sorted()
    }

    /// A person's requirement for one item as comparable text: level, weight, phase (nil when absent).
    func requirementEntry(_ r: PersonResult, _ item: Int, _ rules: RuleSet) -> String? {
        guard item >= 0, let k = r.requirements.firstIndex(where: { $0.item == item }) else { return nil }
        let q = r.requirements[k]
        return "\(q.level) \(q.weight) \(rules.phases[q.phase].id) \(k < r.requiredCount)"
    }
}
