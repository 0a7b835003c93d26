/// What an editor shows when pointing at a name, a course or a position: titles in Thai and
/// English and the facts the checked rule set holds about it (Markdown, labels in one language).
public struct SymbolDescription {
    public var ruleSet: RuleSet
    public var lang: Language

    public init(ruleSet: RuleSet, lang: Language) {
        self.ruleSet = ruleSet
        self.lang = lang
    }

    func label(_ th: String, _ en: String) -> String { lang == .th ? th : en }

    func titled(_ e: Entity) -> String {
        e.title.en.map { "\(e.id) — \(e.title.th) (\($0))" } ?? "\(e.id) — \(e.title.th)"
    }

    func header(_ name: String, _ category: SymbolCategory, _ title: LocalizedText?) -> String {
        var out = "**\(name)** · \(category.noun(lang))"
        if let t = title {
            out += "\n\n" + t.th
            if let en = t.en { out += "\n\n*\(en)*" }
        }
        return out
    }

    /// The description of a declared name, or nil when the rule set holds no such declaration.
    public func describe(_ def: SymbolDefinition) -> String? {
        let rs = ruleSet
        let id = def.name
        func entity(_ list: [Entity]) -> Entity? { list.first { $0.id == id } }
        switch def.category {
        case .item:
            guard let k = rs.items.firstIndex(where: { $0.entity.id == id }) else { return nil }
            let item = rs.items[k]
            var lines: [String] = []
            if rs.kinds.indices.contains(item.kind) { lines.append(label("ประเภท", "kind") + ": " + titled(rs.kinds[item.kind])) }
            if rs.scales.indices.contains(item.scale) {
                let s = rs.scales[item.scale]
                let levels = s.levels.map { "\($0.value) \($0.title.th)" }.joined(separator: ", ")
                lines.append(label("มาตรวัด", "scale") + ": " + titled(s.entity) + " [\(levels)]")
            }
            if let ss = item.skillset, rs.skillsets.indices.contains(ss) { lines.append(label("ชุดทักษะ", "skill set") + ": " + titled(rs.skillsets[ss])) }
            if let d = item.dimension, rs.dimensions.indices.contains(d) { lines.append(label("มิติ", "dimension") + ": " + titled(rs.dimensions[d])) }
            var required: [String] = []
            for g in rs.groups {
                let phases = g.phases.keys.sorted().filter { p in g.phases[p]?.contains { $0.item == k } ?? false }
                guard !phases.isEmpty else { continue }
                let named = phases.compactMap { rs.phases.indices.contains($0) ? rs.phases[$0].id : nil }.joined(separator: ", ")
                required.append("\(g.entity.id) \(g.entity.title.th) (\(named))")
            }
            lines.append(label("กลุ่มที่กำหนด", "required by") + ": " + (required.isEmpty ? label("ไม่มี", "none") : required.joined(separator: "; ")))
            return header(id, .item, item.entity.title) + "\n\n" + lines.map { "- " + $0 }.joined(separator: "\n")
        case .group:
            guard let g = rs.groupByID[id].map({ rs.groups[$0] }) else { return nil }
            var lines: [String] = []
            for p in g.phases.keys.sorted() where rs.phases.indices.contains(p) {
                lines.append(label("ระยะ", "phase") + " \(rs.phases[p].id): " + label("กำหนด \(g.phases[p]?.count ?? 0) รายการ", "\(g.phases[p]?.count ?? 0) items required"))
            }
            if let t = rs.trackOf(group: rs.groupByID[id] ?? -1), rs.tracks.indices.contains(t) {
                lines.append(label("เส้นทางการพัฒนา", "track") + ": " + titled(rs.tracks[t].entity))
            }
            let positions = rs.positions.filter { rs.groups.indices.contains($0.group) && rs.groups[$0.group].entity.id == id }.count
            lines.append(label("ตำแหน่ง \(positions) ตำแหน่ง", "\(positions) positions"))
            return header(id, .group, g.entity.title) + "\n\n" + lines.map { "- " + $0 }.joined(separator: "\n")
        case .band:
            guard let b = rs.bands.first(where: { $0.entity.id == id }) else { return nil }
            let on = rs.computed.indices.contains(b.score) ? rs.computed[b.score].entity.id : "?"
            let cases = b.cases.map { $0.entity.id }.joined(separator: ", ")
            return header(id, .band, b.entity.title) + "\n\n- " + label("จากคะแนน", "on score") + " \(on): \(cases)"
        case .method:
            guard let m = rs.methods.first(where: { $0.entity.id == id }) else { return nil }
            guard let b = m.bucket, rs.buckets.indices.contains(b) else { return header(id, .method, m.entity.title) }
            return header(id, .method, m.entity.title) + "\n\n- " + label("กลุ่มวิธีพัฒนา", "bucket") + ": " + titled(rs.buckets[b].entity)
        case .list, .score:
            guard let c = rs.computed.first(where: { $0.entity.id == id }) else { return nil }
            return header(id, def.category, c.entity.title == LocalizedText(th: id) ? nil : c.entity.title)
        case .kind: return entity(rs.kinds).map { header(id, .kind, $0.title) }
        case .scale:
            guard let s = rs.scales.first(where: { $0.entity.id == id }) else { return nil }
            let levels = s.levels.map { "\($0.value) \($0.title.th)" }.joined(separator: ", ")
            return header(id, .scale, s.entity.title) + "\n\n- " + label("ระดับ", "levels") + ": " + levels
        case .dimension: return entity(rs.dimensions).map { header(id, .dimension, $0.title) }
        case .skillset: return entity(rs.skillsets).map { header(id, .skillset, $0.title) }
        case .phase: return entity(rs.phases).map { header(id, .phase, $0.title) }
        case .bucket: return rs.buckets.first { $0.entity.id == id }.map { header(id, .bucket, $0.entity.title) }
        case .quarter: return rs.quarters.first { $0.entity.id == id }.map { header(id, .quarter, $0.entity.title) }
        case .track: return rs.tracks.first { $0.entity.id == id }.map { header(id, .track, $0.entity.title) }
        case .bandCase:
            return rs.bands.lazy.flatMap(\.cases).first { $0.entity.id == id }.map { header(id, .bandCase, $0.entity.title) }
        case .target: return rs.targets.first { $0.entity.id == id }.map { header(id, .target, $0.entity.title) }
        case .value:
            guard let v = rs.values.first(where: { $0.entity.id == id }) else { return nil }
            let set = v.own.count + v.groups.count + v.groupFor.values.map(\.count).reduce(0, +)
            return header(id, .value, v.entity.title) + "\n\n- " + label("ค่าเริ่มต้น", "default") + ": "
                + (v.defaultValue?.description ?? label("ไม่มี", "none")) + "\n- " + label("กำหนดไว้ \(set) แห่ง", "set in \(set) places")
        case .progress:
            return rs.progress.first { $0.entity.id == id }.map { header(id, .progress, $0.entity.title == LocalizedText(th: id) ? nil : $0.entity.title) }
        }
    }

    /// The Thai title of a declared name, where it has one.
    public func title(of def: SymbolDefinition) -> String? {
        let rs = ruleSet
        let entities: [Entity]
        switch def.category {
        case .kind: entities = rs.kinds
        case .scale: entities = rs.scales.map(\.entity)
        case .dimension: entities = rs.dimensions
        case .skillset: entities = rs.skillsets
        case .item: entities = rs.items.map(\.entity)
        case .phase: entities = rs.phases
        case .group: entities = rs.groups.map(\.entity)
        case .bucket: entities = rs.buckets.map(\.entity)
        case .method: entities = rs.methods.map(\.entity)
        case .quarter: entities = rs.quarters.map(\.entity)
        case .track: entities = rs.tracks.map(\.entity)
        case .list, .score: entities = rs.computed.map(\.entity)
        case .band: entities = rs.bands.map(\.entity)
        case .bandCase: entities = rs.bands.flatMap { $0.cases.map(\.entity) }
        case .target: entities = rs.targets.map(\.entity)
        case .value: entities = rs.values.map(\.entity)
        case .progress: entities = rs.progress.map(\.entity)
        }
        return entities.first { $0.id == def.name }.map(\.title.th)
    }

    /// A course, by its id (`course "..."`), with its track and what it serves.
    public func describeCourse(_ courseID: String) -> String? {
        for t in ruleSet.tracks {
            guard let c = t.courses.first(where: { $0.id == courseID }) else { continue }
            var out = "**\(c.id)** · " + label("หลักสูตร", "course") + "\n\n" + c.title.th
            if let en = c.title.en { out += "\n\n*\(en)*" }
            out += "\n\n- " + label("เส้นทางการพัฒนา", "track") + ": " + titled(t.entity)
            let serves = c.serves.compactMap { ruleSet.items.indices.contains($0.item) ? ruleSet.items[$0.item].entity.id : nil }
            if !serves.isEmpty { out += "\n- " + label("พัฒนา", "serves") + ": " + serves.joined(separator: ", ") }
            return out
        }
        return nil
    }

    /// A position title (`position "..."`): the groups it places people in.
    public func describePosition(_ title: String) -> String? {
        guard let found = ruleSet.positionsByTitle[RuleSet.normalise(title)], !found.isEmpty else { return nil }
        let groups = found.compactMap { p -> String? in
            let g = ruleSet.positions[p].group
            return ruleSet.groups.indices.contains(g) ? titled(ruleSet.groups[g].entity) : nil
        }
        return "**\(title)** · " + label("ตำแหน่ง", "position") + "\n\n- " + label("กลุ่ม", "group") + ": " + groups.joined(separator: "; ")
    }
}
