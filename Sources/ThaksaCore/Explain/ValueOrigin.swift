/// Where a declared value's number came from, for `thaksa explain`:
/// "area_weight 3 (group analyst, for dimension information)".
extension Explainer {
    func partName(_ p: ValuePart) -> (en: String, th: String) {
        switch p {
        case .dimension(let d): return ("dimension \(rules.dimensions[d].id)", "มิติ \(rules.dimensions[d].id)")
        case .skillset(let s): return ("skill set \(rules.skillsets[s].id)", "ชุดทักษะ \(rules.skillsets[s].id)")
        case .item(let i): return ("item \(rules.items[i].entity.id)", "รายการ \(rules.items[i].entity.id)")
        }
    }

    /// "NAME N (where it was set)" for a group, and an item when the value is read per item.
    func valueOrigin(_ v: Int, group g: Int, item: Int?) -> (en: String, th: String)? {
        let def = rules.values[v]
        let resolved = item.flatMap { i in def.resolve(group: g, item: rules.items[i], index: i) } ?? (item == nil ? def.resolve(group: g) : nil)
        guard let (n, from) = resolved else { return nil }
        let gid = rules.groups[g].entity.id
        let why: (String, String)
        switch from {
        case .groupFor(let p): why = ("group \(gid), for \(partName(p).en)", "กลุ่ม \(gid) สำหรับ\(partName(p).th)")
        case .own(let p): why = ("set on \(partName(p).en)", "กำหนดที่\(partName(p).th)")
        case .group: why = ("group \(gid)'s own", "ของกลุ่ม \(gid)")
        case .fallback: why = ("the default", "ค่าเริ่มต้น")
        }
        return ("\(def.entity.id) \(n) (\(why.0))", "\(def.entity.id) \(n) (\(why.1))")
    }

    /// The values read per item, shown beside each requirement.
    func requirementValues(group g: Int, item: Int) -> (en: String, th: String) {
        var en = "", th = ""
        for v in rules.values.indices where !rules.values[v].byGroupAndItem.isEmpty {
            guard let o = valueOrigin(v, group: g, item: item) else { continue }
            en += "; " + o.en
            th += " " + o.th
        }
        return (en, th)
    }
}
