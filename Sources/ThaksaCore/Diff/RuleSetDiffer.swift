/// Compares two checked rule sets definition by definition, by id, never by text position: a
/// `thaksa fmt` run, reordered files or changed comments give no change. Expressions are compared
/// in canonical print (numbers by value, the author's spacing and redundant parentheses dropped).
public struct RuleSetDiffer {
    /// One rule set with what the differ needs to name places and print expressions.
    struct Side {
        let rules: RuleSet
        let sources: SourceSet
        let syntax: SyntaxIndex

        init(_ loaded: LoadedRuleSet) {
            rules = loaded.ruleSet
            sources = loaded.sources
            syntax = SyntaxIndex(loaded.files)
        }

        /// Where the statement with `keyword` is, for definitions without an entity of their own.
        func location(of keyword: String) -> RuleLocation? { syntax.first(keyword).flatMap(location) }

        func location(_ span: SourceSpan) -> RuleLocation? {
            guard let f = sources[span.file] else { return nil }
            return RuleLocation(file: f.path, line: f.line(of: span.start))
        }

        func item(_ i: Int) -> String { i >= 0 && i < rules.items.count ? rules.items[i].entity.id : "?" }
        func group(_ i: Int) -> String { i >= 0 && i < rules.groups.count ? rules.groups[i].entity.id : "?" }
        func phase(_ i: Int?) -> String { i.map { $0 >= 0 && $0 < rules.phases.count ? rules.phases[$0].id : "?" } ?? "-" }
        func method(_ i: Int) -> String { i >= 0 && i < rules.methods.count ? rules.methods[i].entity.id : "?" }
        func quarter(_ i: Int) -> String { i >= 0 && i < rules.quarters.count ? rules.quarters[i].entity.id : "?" }
        func levelText(item: Int, level: Int) -> String {
            let s = item >= 0 && item < rules.items.count ? rules.items[item].scale : -1
            guard s >= 0, let l = rules.scales[s].levels.first(where: { $0.value == level }) else { return String(level) }
            return "\(level) \(l.title.th)"
        }
    }

    let old: Side
    let new: Side
    var changes: [RuleChange] = []

    public static func diff(old: LoadedRuleSet, new: LoadedRuleSet) -> [RuleChange] {
        var d = RuleSetDiffer(old: Side(old), new: Side(new))
        d.run()
        return d.changes
    }

    init(old: Side, new: Side) {
        self.old = old
        self.new = new
    }

    /// An aspect of a definition printed the same way for both sides; nil when absent.
    typealias Aspect<T> = (name: String, text: (T, Side) -> String?)

    /// Adds, removes and per-aspect changes of definitions matched by key.
    mutating func keyed<T>(_ subject: RuleChange.Subject, _ a: [T], _ b: [T], key: (T) -> String,
                           title: (T) -> LocalizedText?, span: (T) -> SourceSpan, aspects: [Aspect<T>] = [],
                           attribution: (String) -> Attribution = { _ in .none }) {
        var inOld: [String: T] = [:]
        for x in a where inOld[key(x)] == nil { inOld[key(x)] = x }
        var inNew: [String: T] = [:]
        for x in b where inNew[key(x)] == nil { inNew[key(x)] = x }
        for x in a where inNew[key(x)] == nil {
            changes.append(RuleChange(.removed, subject, key(x), title: title(x), old: old.location(span(x)), attribution: attribution(key(x))))
        }
        for y in b {
            let k = key(y)
            guard let x = inOld[k] else {
                changes.append(RuleChange(.added, subject, k, title: title(y), new: new.location(span(y)), attribution: attribution(k)))
                continue
            }
            let at = (old.location(span(x)), new.location(span(y)))
            if let tx = title(x), let ty = title(y), tx != ty {
                changes.append(RuleChange(.retitled, subject, k, title: ty, before: Self.show(tx), after: Self.show(ty), old: at.0, new: at.1))
            }
            for asp in aspects {
                let bx = asp.text(x, old), ay = asp.text(y, new)
                if bx != ay {
                    changes.append(RuleChange(.changed, subject, k, title: title(y), aspect: asp.name, before: bx, after: ay,
                                              old: at.0, new: at.1, attribution: attribution(k)))
                }
            }
        }
    }

    static func show(_ t: LocalizedText) -> String { t.en.map { "\(t.th) (\($0))" } ?? t.th }

    mutating func run() {
        let a = old.rules, b = new.rules
        if a.id != b.id || a.title != b.title || a.version != b.version {
            changes.append(RuleChange(.changed, .ruleset, b.id, title: b.title, aspect: "ruleset",
                                      before: "\(a.id) \(Self.show(a.title)) \(a.version ?? "")", after: "\(b.id) \(Self.show(b.title)) \(b.version ?? "")",
                                      old: old.location(of: "ruleset"), new: new.location(of: "ruleset")))
        }
        entities(.kind, a.kinds, b.kinds)
        keyed(.scale, a.scales, b.scales, key: { $0.entity.id }, title: { $0.entity.title }, span: { $0.entity.span }, aspects: [
            ("levels", { s, _ in s.levels.map { "\($0.value) \($0.title.th)" + ($0.accepts.isEmpty ? "" : " [" + $0.accepts.joined(separator: ", ") + "]") }.joined(separator: "; ") }),
            ("expect", { s, _ in String(s.expect) }),
            ("default", { s, _ in s.isDefault ? "default" : nil }),
        ])
        entities(.dimension, a.dimensions, b.dimensions)
        entities(.skillset, a.skillsets, b.skillsets)
        items()
        entities(.phase, a.phases, b.phases)
        let programme = (old.phase(a.currentPhase), old.phase(a.nextPhase), a.split.map { "\($0.current):\($0.next)" } ?? "-")
        let programmeNew = (new.phase(b.currentPhase), new.phase(b.nextPhase), b.split.map { "\($0.current):\($0.next)" } ?? "-")
        if programme != programmeNew {
            changes.append(RuleChange(.changed, .programme, "programme", aspect: "current, next, split",
                                      before: "\(programme.0), \(programme.1), \(programme.2)", after: "\(programmeNew.0), \(programmeNew.1), \(programmeNew.2)",
                                      old: old.location(of: "programme"), new: new.location(of: "programme")))
        }
        groups()
        positions()
        let assignment = { (r: RuleSet) -> String in
            let adjustments = Adjustment.allCases.filter { r.adjustments.contains($0) }.map(\.rawValue)
            return r.assignmentOrder.map(\.rawValue).joined(separator: ", ") + (adjustments.isEmpty ? "" : "; supervisor " + adjustments.joined(separator: ", "))
        }
        if assignment(a) != assignment(b) {
            changes.append(RuleChange(.changed, .assignment, "assignment", aspect: "order, supervisor", before: assignment(a), after: assignment(b),
                                      old: old.location(of: "assignment"), new: new.location(of: "assignment")))
        }
        keyed(.bucket, a.buckets, b.buckets, key: { $0.entity.id }, title: { $0.entity.title }, span: { $0.entity.span },
              aspects: [("share", { x, _ in x.share.description })])
        keyed(.method, a.methods, b.methods, key: { $0.entity.id }, title: { $0.entity.title }, span: { $0.entity.span },
              aspects: [("bucket", { x, s in x.bucket.map { s.rules.buckets.indices.contains($0) ? s.rules.buckets[$0].entity.id : "?" } ?? "-" })])
        keyed(.quarter, a.quarters, b.quarters, key: { $0.entity.id }, title: { $0.entity.title }, span: { $0.entity.span },
              aspects: [("months", { x, _ in "\(x.months.0) to \(x.months.1)" })])
        tracks()
        keyed(.list, a.computed.filter(\.isList), b.computed.filter(\.isList), key: { $0.entity.id }, title: { $0.entity.title },
              span: { $0.entity.span }, aspects: [("formula", { x, s in s.syntax.expression(at: x.entity.span) }),
                                                  ("fields", { x, s in s.syntax.clause(at: x.entity.span) })])
        keyed(.score, a.computed.filter { !$0.isList }, b.computed.filter { !$0.isList }, key: { $0.entity.id }, title: { $0.entity.title },
              span: { $0.entity.span }, aspects: [("formula", { x, s in s.syntax.expression(at: x.entity.span) }),
                                                  ("per", { x, s in s.syntax.clause(at: x.entity.span) })], attribution: { .score($0) })
        bands()
        idp()
        keyed(.target, a.targets, b.targets, key: { $0.entity.id }, title: { $0.entity.title }, span: { $0.entity.span }, aspects: [
            ("measure", { x, s in s.syntax.child("measure", of: x.entity.span) }),
            ("goal", { x, s in s.syntax.child("goal", of: x.entity.span) }),
            ("year", { x, _ in x.year.map(String.init) }),
        ])
        keyed(.value, a.values, b.values, key: { $0.entity.id }, title: { $0.entity.title }, span: { $0.entity.span }, aspects: [
            ("default", { x, _ in x.defaultValue?.description }),
            ("settings", { x, s in Self.settings(x, s) }),
        ])
    }

    /// Where a declared value is set, by name, in one canonical order.
    static func settings(_ v: ValueDef, _ s: Side) -> String {
        func part(_ p: ValuePart) -> String {
            switch p {
            case .dimension(let d): return d < s.rules.dimensions.count ? s.rules.dimensions[d].id : "?"
            case .skillset(let k): return k < s.rules.skillsets.count ? s.rules.skillsets[k].id : "?"
            case .item(let i): return s.item(i)
            }
        }
        var lines = v.own.map { "\(part($0.key)) \($0.value)" } + v.groups.map { "\(s.group($0.key)) \($0.value)" }
        for (g, parts) in v.groupFor { lines += parts.map { "\(s.group(g)) for \(part($0.key)) \($0.value)" } }
        return lines.sorted().joined(separator: "; ")
    }

    mutating func entities(_ subject: RuleChange.Subject, _ a: [Entity], _ b: [Entity]) {
        keyed(subject, a, b, key: \.id, title: \.title, span: \.span)
    }

    mutating func items() {
        keyed(.item, old.rules.items, new.rules.items, key: { $0.entity.id }, title: { $0.entity.title }, span: { $0.entity.span }, aspects: [
            ("kind", { x, s in x.kind >= 0 && x.kind < s.rules.kinds.count ? s.rules.kinds[x.kind].id : "?" }),
            ("scale", { x, s in x.scale >= 0 && x.scale < s.rules.scales.count ? s.rules.scales[x.scale].entity.id : "?" }),
            ("skillset", { x, s in x.skillset.map { s.rules.skillsets[$0].id } }),
            ("columns", { x, _ in x.columns.isEmpty ? nil : x.columns.joined(separator: ", ") }),
            ("topics", { x, _ in x.topics.isEmpty ? nil : x.topics.map { "\($0.number) \($0.title.th)" }.joined(separator: "; ") }),
        ])
    }

    mutating func groups() {
        let a = old.rules, b = new.rules
        keyed(.group, a.groups, b.groups, key: { $0.entity.id }, title: { $0.entity.title }, span: { $0.entity.span }, aspects: [
            ("role", { x, _ in x.role }),
            ("track", { x, s in x.track.map { s.rules.tracks[$0].entity.id } }),
        ])
        for gb in b.groups {
            guard let ga = a.groups.first(where: { $0.entity.id == gb.entity.id }) else { continue }
            let g = gb.entity.id
            let phaseIDs = (ga.phases.keys.map { old.phase($0) } + gb.phases.keys.map { new.phase($0) }).uniqued().sorted()
            for p in phaseIDs {
                let la = ga.phases.first { old.phase($0.key) == p }?.value ?? []
                let lb = gb.phases.first { new.phase($0.key) == p }?.value ?? []
                requirements(group: gb, phase: p, la, lb)
                let ra = ga.phases.first { old.phase($0.key) == p }.flatMap { ga.phaseRoles[$0.key] }
                let rb = gb.phases.first { new.phase($0.key) == p }.flatMap { gb.phaseRoles[$0.key] }
                if ra != rb {
                    changes.append(RuleChange(.changed, .group, "\(g)/\(p)", title: gb.entity.title, aspect: "role", before: ra, after: rb,
                                              old: old.location(ga.entity.span), new: new.location(gb.entity.span)))
                }
            }
        }
    }

    mutating func requirements(group g: GroupDef, phase p: String, _ la: [RequirementDef], _ lb: [RequirementDef]) {
        let gid = g.entity.id
        func title(_ r: RequirementDef, _ s: Side) -> LocalizedText? { r.item >= 0 && r.item < s.rules.items.count ? s.rules.items[r.item].entity.title : nil }
        keyed(.requirement, la.map { ($0, old) }, lb.map { ($0, new) }, key: { "\(gid)/\(p)/\($0.1.item($0.0.item))" },
              title: { title($0.0, $0.1) }, span: { $0.0.span }, aspects: [
                ("level", { x, _ in x.1.levelText(item: x.0.item, level: x.0.level) }),
                ("weight", { x, _ in x.0.weight.description }),
              ], attribution: { key in .requirement(group: gid, item: String(key.split(separator: "/").last ?? "")) })
        // Retitles of a requirement are the item's retitle: drop them here.
        changes.removeAll { $0.subject == .requirement && $0.kind == .retitled }
        let common = Set(la.map { old.item($0.item) }).intersection(lb.map { new.item($0.item) })
        let orderA = la.map { old.item($0.item) }.filter(common.contains), orderB = lb.map { new.item($0.item) }.filter(common.contains)
        if orderA != orderB, let first = lb.first {
            changes.append(RuleChange(.changed, .requirement, "\(gid)/\(p)", title: g.entity.title, aspect: "order",
                                      before: orderA.joined(separator: ", "), after: orderB.joined(separator: ", "),
                                      old: la.first.flatMap { old.location($0.span) }, new: new.location(first.span), attribution: .idp))
        }
    }

    mutating func positions() {
        let a = old.rules, b = new.rules
        let titles = (a.positions.map(\.title) + b.positions.map(\.title)).uniqued()
        func cond(_ p: PositionDef, _ s: Side) -> String { p.condition == nil ? "" : (s.syntax.expression(at: p.span) ?? "?") }
        func decl(_ p: PositionDef, _ s: Side) -> String { "group \(s.group(p.group))" + (p.condition == nil ? "" : " when " + cond(p, s)) }
        for t in titles {
            let pa = a.positionsByTitle[t]?.map { a.positions[$0] } ?? [], pb = b.positionsByTitle[t]?.map { b.positions[$0] } ?? []
            for k in 0..<max(pa.count, pb.count) {
                let x = k < pa.count ? pa[k] : nil, y = k < pb.count ? pb[k] : nil
                let key = pa.count > 1 || pb.count > 1 ? "\(t) #\(k + 1)" : t
                let title = LocalizedText(th: t)
                switch (x, y) {
                case (let x?, nil):
                    changes.append(RuleChange(.removed, .position, key, title: title, before: decl(x, old),
                                              old: old.location(x.span), attribution: .position(t)))
                case (nil, let y?):
                    changes.append(RuleChange(.added, .position, key, title: title, after: decl(y, new),
                                              new: new.location(y.span), attribution: .position(t)))
                case (let x?, let y?):
                    let at = (old.location(x.span), new.location(y.span))
                    if old.group(x.group) != new.group(y.group) {
                        changes.append(RuleChange(.changed, .position, key, title: title, aspect: "group", before: old.group(x.group),
                                                  after: new.group(y.group), old: at.0, new: at.1, attribution: .position(t)))
                    }
                    if cond(x, old) != cond(y, new) {
                        changes.append(RuleChange(.changed, .position, key, title: title, aspect: "condition", before: cond(x, old),
                                                  after: cond(y, new), old: at.0, new: at.1, attribution: .position(t)))
                    }
                default: break
                }
            }
        }
    }

    mutating func tracks() {
        let a = old.rules, b = new.rules
        keyed(.track, a.tracks, b.tracks, key: { $0.entity.id }, title: { $0.entity.title }, span: { $0.entity.span },
              aspects: [("groups", { x, s in x.groups.map { s.group($0) }.joined(separator: ", ") })])
        for tb in b.tracks {
            guard let ta = a.tracks.first(where: { $0.entity.id == tb.entity.id }) else { continue }
            let t = tb.entity.id
            func serves(_ c: CourseDef, _ s: Side) -> String {
                c.serves.map { s.item($0.item) + ($0.topic.map { " topic \($0)" } ?? "") }.joined(separator: ", ")
            }
            keyed(.course, ta.courses, tb.courses, key: { "\(t)/\($0.id)" }, title: { $0.title }, span: { $0.span }, aspects: [
                ("serves", serves),
                ("methods", { c, s in c.methods.map { s.method($0) }.joined(separator: ", ") }),
                ("source", { c, _ in c.source }),
                ("section", { c, s in
                    c.section.flatMap { k in s.rules.tracks.first { $0.entity.id == t }.map { $0.sections[k].number } }
                }),
            ])
        }
    }

    mutating func bands() {
        let a = old.rules, b = new.rules
        keyed(.band, a.bands, b.bands, key: { $0.entity.id }, title: { $0.entity.title }, span: { $0.entity.span }, aspects: [
            ("score", { x, s in x.score >= 0 ? s.rules.computed[x.score].entity.id : "?" }),
            ("order", { x, _ in x.cases.map(\.entity.id).joined(separator: ", ") }),
        ], attribution: { .band($0) })
        for bb in b.bands {
            guard let ba = a.bands.first(where: { $0.entity.id == bb.entity.id }) else { continue }
            let id = bb.entity.id
            keyed(.bandCase, ba.cases, bb.cases, key: { "\(id)/\($0.entity.id)" }, title: { $0.entity.title }, span: { $0.entity.span },
                  aspects: [("threshold", { c, s in c.op == nil ? "otherwise" : s.syntax.expression(at: c.entity.span) })],
                  attribution: { _ in .band(id) })
        }
    }

    mutating func idp() {
        let a = old.rules.idp, b = new.rules.idp
        switch (a, b) {
        case (nil, nil): return
        case (let x?, nil): changes.append(RuleChange(.removed, .idp, "idp", title: x.title, old: old.location(x.span), attribution: .idp))
        case (nil, let y?): changes.append(RuleChange(.added, .idp, "idp", title: y.title, new: new.location(y.span), attribution: .idp))
        case (let x?, let y?):
            func picks(_ d: IDPDef, _ s: Side) -> [String] { d.pickSpans.map { s.syntax.expression(at: $0) ?? "?" } }
            let aspects: [(String, (IDPDef, Side) -> String)] = [
                ("items", { d, _ in "\(d.minItems) to \(d.maxItems)" }),
                ("pick", { d, s in picks(d, s).joined(separator: "; ") }),
                ("courses", { d, _ in String(d.coursesPerItem) }),
                ("methods", { d, _ in d.methods.rawValue }),
                ("schedule", { d, s in d.schedule.map { s.quarter($0) }.joined(separator: ", ") }),
            ]
            for (name, text) in aspects where text(x, old) != text(y, new) {
                // Point at the changed line when the aspect has one (a pick), else at the block.
                var at = (old.location(x.span), new.location(y.span))
                if name == "pick", let k = zip(picks(x, old), picks(y, new)).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset,
                   k < x.pickSpans.count, k < y.pickSpans.count {
                    at = (old.location(x.pickSpans[k]), new.location(y.pickSpans[k]))
                }
                changes.append(RuleChange(.changed, .idp, "idp", title: y.title, aspect: name, before: text(x, old), after: text(y, new),
                                          old: at.0, new: at.1, attribution: .idp))
            }
        }
    }
}

extension Array where Element: Hashable {
    /// The elements in order, each once.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
