/// Declared numbers (`value NAME "title" [default N]`) and where the rules set them: on a
/// dimension, skill set or item (`value NAME N` in its block), on a group (`value NAME N`), and a
/// group's number for parts of the framework (`value NAME N for PART, …`), e.g. a job profile's
/// weight of each competence area.

/// A part of the framework a group can give its own number for.
public enum ValuePart: Sendable, Hashable {
    case dimension(Int), skillset(Int), item(Int)
}

/// Where a resolved number came from (most specific first, the order of resolution).
public enum ValueSource: Sendable, Hashable {
    /// The group's number for this part (`value NAME N for PART` in the group).
    case groupFor(ValuePart)
    /// The part's own number (`value NAME N` in the dimension, skill set or item).
    case own(ValuePart)
    /// The group's own number (`value NAME N` in the group).
    case group
    /// The declaration's `default`.
    case fallback
}

public struct ValueDef: Sendable {
    public var entity: Entity
    public var defaultValue: Rational?
    /// Numbers set on parts of the framework (their own).
    public var own: [ValuePart: Rational] = [:]
    /// Per group: its own number.
    public var groups: [Int: Rational] = [:]
    /// Per group: its numbers for parts of the framework.
    public var groupFor: [Int: [ValuePart: Rational]] = [:]
    /// Resolved by the checker where the rules read the value: [group][item], and per group.
    /// Filled only when every entry resolves (otherwise the rule set has an error).
    public var byGroupAndItem: [[Rational]] = []
    public var byGroup: [Rational] = []
    /// Per part read by name (`information.area_weight`): per group.
    public var byPart: [ValuePart: [Rational]] = [:]
    /// Skill set → its dimension (for resolving a skill set read by name).
    public var skillsetDimension: [Int: Int] = [:]

    /// The number for a requirement or item of a person of `group`, most specific first: the group's
    /// number for the item, for its skill set, for its dimension; the item's own, the skill set's, the
    /// dimension's; the group's own; the default. nil: nothing applies.
    public func resolve(group: Int, item: ItemDef, index: Int) -> (Rational, ValueSource)? {
        var parts: [ValuePart] = [.item(index)]
        if let s = item.skillset { parts.append(.skillset(s)) }
        if let d = item.dimension { parts.append(.dimension(d)) }
        if let mine = groupFor[group] {
            for p in parts { if let v = mine[p] { return (v, .groupFor(p)) } }
        }
        for p in parts { if let v = own[p] { return (v, .own(p)) } }
        return resolve(group: group)
    }

    /// The number for a part read by name: an item as for a requirement of it; a skill set or
    /// dimension by the same order without the item (a skill set falls back to its dimension).
    public func resolve(group: Int, part: ValuePart, items: [ItemDef]) -> (Rational, ValueSource)? {
        var parts: [ValuePart]
        switch part {
        case .item(let i): return resolve(group: group, item: items[i], index: i)
        case .skillset(let s): parts = [part] + (skillsetDimension[s].map { [.dimension($0)] } ?? [])
        case .dimension: parts = [part]
        }
        if let mine = groupFor[group] {
            for p in parts { if let v = mine[p] { return (v, .groupFor(p)) } }
        }
        for p in parts { if let v = own[p] { return (v, .own(p)) } }
        return resolve(group: group)
    }

    /// The number of a group: its own, else the default.
    public func resolve(group: Int) -> (Rational, ValueSource)? {
        if let v = groups[group] { return (v, .group) }
        return defaultValue.map { ($0, .fallback) }
    }
}

extension Machine {
    /// A declared value where it is read; the checker has resolved every case the rules can reach.
    func namedValue(_ v: Int, _ site: ValueSite) -> Rational {
        let def = rules.values[v]
        let g: Int
        var item: Int?
        switch site {
        case .element(let type):
            g = group
            let i = elements.last ?? 0
            item = type == .requirement ? (i < requirements.count ? requirements[i].item : nil) : i
        case .group: g = group
        case .person: g = personResult?.group ?? -1
        case .part(let p, let person):
            let pg = person ? personResult?.group ?? -1 : group
            guard let row = def.byPart[p], pg >= 0, pg < row.count else { return .zero }
            return row[pg]
        }
        if let item {
            guard g >= 0, g < def.byGroupAndItem.count, item >= 0, item < def.byGroupAndItem[g].count else { return .zero }
            if case .element(.requirement) = site, groups.count > 1, let i = elements.last, i < requirements.count {
                return combinedValue(def, item: item, phase: requirements[i].phase)
            }
            return def.byGroupAndItem[g][item]
        }
        guard g >= 0, g < def.byGroup.count else { return .zero }
        return def.byGroup[g]
    }

    /// A requirement of a combined person takes the largest number among the groups whose list has
    /// the item (all their groups for an added item), as it takes the largest `require … weight`.
    func combinedValue(_ def: ValueDef, item: Int, phase: Int) -> Rational {
        let owners = groups.filter { g in (rules.groups[g].phases[phase] ?? []).contains { $0.item == item } }
        return (owners.isEmpty ? groups : owners).map { def.byGroupAndItem[$0][item] }.max() ?? .zero
    }
}
