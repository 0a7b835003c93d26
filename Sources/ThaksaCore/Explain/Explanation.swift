/// Why the rules decided what they did for one person: a tree of steps, each with a text in Thai
/// and English and the rule-file location that decided it.
public struct ExplanationStep: Sendable {
    public var en: String
    public var th: String
    public var at: SourceSpan?
    public var children: [ExplanationStep] = []

    public init(en: String, th: String, at: SourceSpan? = nil, children: [ExplanationStep] = []) {
        self.en = en
        self.th = th
        self.at = at
        self.children = children
    }
}

public struct Explainer {
    let loaded: LoadedRuleSet
    var rules: RuleSet { loaded.ruleSet }
    let encoder: ResultEncoder
    /// Where each computed value's expression stands, by the span of its name: found in one pass.
    let expressions: [SourceSpan: SourceSpan]
    /// Statements and expression nodes looked at so far: tests check the work grows linearly.
    public var work: Int { counter.count }
    let counter = Counter()

    final class Counter: @unchecked Sendable { var count = 0 }

    public init(loaded: LoadedRuleSet) {
        self.loaded = loaded
        encoder = ResultEncoder(rules: loaded.ruleSet)
        var expressions: [SourceSpan: SourceSpan] = [:]
        for f in loaded.files {
            for s in f.statements where (s.keyword.text == "score" || s.keyword.text == "list") {
                counter.count += 1
                guard case .name(let n)? = s.args.first else { continue }
                for a in s.args { if case .expr(let e) = a { expressions[n.span] = e.span; break } }
            }
        }
        self.expressions = expressions
    }

    func code(_ i: Int) -> String { rules.items[i].entity.id }
    /// true/false as a person says it.
    func words(_ value: String, _ lang: Language) -> String {
        switch value {
        case "true": return lang == .th ? "ใช่" : "yes"
        case "false": return lang == .th ? "ไม่ใช่" : "no"
        default: return value
        }
    }
    func title(_ i: Int) -> String { rules.items[i].entity.title.th }
    func source(_ span: SourceSpan) -> String { loaded.sources[span.file]?.text(span) ?? "" }

    func answerText(_ item: Int, _ level: Int?) -> (String, String) {
        guard let level else { return ("unanswered", "ยังไม่ตอบ") }
        let scale = rules.scales[rules.items[item].scale]
        let label = scale.levels.first { $0.value == level }.map { $0.title.th } ?? String(level)
        return ("answered \(label) (level \(level))", "ตอบ \(label) (ระดับ \(level))")
    }

    public func explain(_ a: Assessment, _ r: PersonResult) -> [ExplanationStep] {
        var steps: [ExplanationStep] = []
        let g = rules.groups[r.group]
        // Group
        switch r.groupReason {
        case .column where r.groups.count > 1:
            let ids = r.groups.map { rules.groups[$0].entity.id }.joined(separator: " + ")
            let en = r.groups.map { rules.groups[$0].entity.title.text(.en) }.joined(separator: " + ")
            let th = r.groups.map { rules.groups[$0].entity.title.th }.joined(separator: " + ")
            steps.append(.init(en: "groups \(ids) (\(en)), combined, approved by \(r.approvedBy): the input's group column names "
                                   + "more than one group and the rule set allows an approved combined assignment; "
                                   + "the requirements are the union of the groups' lists (\(g.entity.id) first, which also gives the track)",
                               th: "กลุ่ม \(ids) (\(th)) แบบหลายกลุ่ม ผู้เห็นชอบ \(r.approvedBy): คอลัมน์กลุ่มของข้อมูลระบุมากกว่า ๑ กลุ่ม "
                                   + "และชุดกฎยอมให้กำหนดหลายกลุ่มเมื่อได้รับความเห็นชอบ "
                                   + "รายการที่ต้องมีคือรายการของทุกกลุ่มรวมกัน (เริ่มจากกลุ่ม \(g.entity.id) ซึ่งใช้เป็นเส้นทางการพัฒนาด้วย)",
                               at: rules.combinationSpan ?? g.entity.span))
        case .column:
            steps.append(.init(en: "group \(g.entity.id) (\(g.entity.title.text(.en))): given in the input's group column",
                               th: "กลุ่ม \(g.entity.id) (\(g.entity.title.th)): ระบุในคอลัมน์กลุ่มของข้อมูล", at: g.entity.span))
        case .workload:
            let shares = a.workload.map { "\($0.group) \($0.share)" }.joined(separator: ", ")
            steps.append(.init(en: "group \(g.entity.id) (\(g.entity.title.text(.en))): the largest current workload share (\(shares))",
                               th: "กลุ่ม \(g.entity.id) (\(g.entity.title.th)): สัดส่วนงานปัจจุบันมากที่สุด (\(shares))", at: g.entity.span))
        case .career_path:
            let shares = a.workload.map { "\($0.group) \($0.share)" }.joined(separator: ", ")
            steps.append(.init(en: "group \(g.entity.id) (\(g.entity.title.text(.en))): the workload is split equally (\(shares)); the career path decides",
                               th: "กลุ่ม \(g.entity.id) (\(g.entity.title.th)): สัดส่วนงานเท่ากัน (\(shares)) จึงใช้เส้นทางความก้าวหน้า", at: g.entity.span))
        case .position:
            let p = r.positionRule.map { rules.positions[$0] }
            let cond = p?.condition != nil ? " and unit `\(a.unit)`" : ""
            let condTH = p?.condition != nil ? " และหน่วยงาน `\(a.unit)`" : ""
            steps.append(.init(en: "group \(g.entity.id) (\(g.entity.title.text(.en))): position `\(a.position)`\(cond) matches this rule",
                               th: "กลุ่ม \(g.entity.id) (\(g.entity.title.th)): ตำแหน่ง `\(a.position)`\(condTH) ตรงกับกฎนี้", at: p?.span))
        }
        // The roles expected of the group, now and in the next phase
        var roles: [ExplanationStep] = []
        for (label, phase) in [("now", rules.effectivePhase), ("next", rules.nextPhase)] {
            guard let p = phase, let role = g.phaseRoles[p] ?? (label == "now" ? g.role : nil) else { continue }
            let title = rules.phases[p].id == "-" ? nil : rules.phases[p].title   // no phases: no phase to name
            roles.append(.init(en: "expected role" + (title.map { ", " + $0.text(.en) } ?? "") + ": \(role)",
                               th: "บทบาทที่คาดหวัง" + (title.map { " " + $0.th } ?? "") + ": \(role)"))
        }
        steps[steps.count - 1].children = roles

        // Requirements
        var reqs: [ExplanationStep] = []
        let phase = rules.effectivePhase.flatMap { rules.phases[$0].id == "-" ? nil : $0 }
        for req in r.required {
            // The groups whose list has the item (several for a combined assignment).
            let owners = r.allGroups.filter { (rules.groups[$0].phases[req.phase] ?? []).contains { $0.item == req.item } }
            let def = owners.lazy.compactMap { o in (self.rules.groups[o].phases[req.phase] ?? []).first { $0.item == req.item } }.first
            let ownerIDs = (owners.isEmpty ? [r.group] : owners).map { rules.groups[$0].entity.id }.joined(separator: " + ")
            let (en, th) = answerText(req.item, req.answer)
            // A rule set without phases has one implicit phase ("-"): its title is not repeated.
            let phaseTitle = rules.phases[req.phase].id == "-" ? nil : rules.phases[req.phase].title
            let merged = owners.count > 1 ? (" (the highest level and the largest weight of their lists)", " (ใช้ระดับสูงสุดและน้ำหนักมากที่สุดของทุกกลุ่ม)") : ("", "")
            let why = req.added ? ("added by the supervisor", "ผู้บังคับบัญชาเพิ่ม")
                : ("required by group \(ownerIDs)" + (phaseTitle.map { ", phase \($0.text(.en))" } ?? "") + merged.0,
                   "กลุ่ม \(ownerIDs)" + (phaseTitle.map { " \($0.th)" } ?? "") + " กำหนด" + merged.1)
            let status = req.held ? ("held", "มีแล้ว") : req.answered ? ("not held: a gap", "ยังไม่มี: เป็นจุดที่ต้องพัฒนา") : ("not answered", "ยังไม่ได้ตอบ")
            let values = requirementValues(group: r.group, item: req.item)
            reqs.append(.init(en: "\(code(req.item)) \(title(req.item)): \(why.0); \(en), required level \(req.level) → \(status.0)\(values.en)",
                              th: "\(code(req.item)) \(title(req.item)): \(why.1) \(th) ต้องการระดับ \(req.level) → \(status.1)\(values.th)",
                              at: def?.span))
        }
        for w in a.waive { reqs.append(.init(en: "\(w): waived by the supervisor", th: "\(w): ผู้บังคับบัญชายกเว้น")) }
        steps.append(.init(en: "required items (\(r.requiredCount))" + (phase.map { ", \(rules.phases[$0].title.text(.en))" } ?? ""),
                           th: "รายการที่ต้องมี (\(r.requiredCount))" + (phase.map { " \(rules.phases[$0].title.th)" } ?? ""), children: reqs))
        // Gaps
        let gapSpan = rules.computed.first { $0.entity.id == "gaps" }?.entity.span
        let fields = encoder.gapFields
        let fieldValues = fields.isEmpty ? nil : encoder.gapsSlot.flatMap { r.fieldValues[$0] }
        let gaps = encoder.gaps(r).enumerated().map { k, g in
            guard let fieldValues, k < fieldValues.count else { return code(r.requirements[g].item) }
            return code(r.requirements[g].item) + " (" + zip(fields, fieldValues[k]).map { "\($0.entity.id) \(render($1))" }.joined(separator: ", ") + ")"
        }
        steps.append(.init(en: "gaps: " + (gaps.isEmpty ? "none" : gaps.joined(separator: ", ")),
                           th: "จุดที่ต้องพัฒนา: " + (gaps.isEmpty ? "ไม่มี" : gaps.joined(separator: ", ")), at: gapSpan))
        // Scores, with the numbers put in
        var m = Machine(rules: rules, person: a, group: r.group, requirements: r.requirements, requiredCount: r.requiredCount, track: r.track)
        m.values = r.values
        m.groups = r.groups
        var scores: [ExplanationStep] = []
        for (slot, def) in rules.computed.enumerated() where !def.isList {
            // In words first (the score's title and value), then the rule line and the numbers put in.
            let formula = expressionText(slot)
            var inputs: [ExplanationStep] = [.init(en: "by the rule: \(def.entity.id) = \(formula)", th: "ตามกฎ: \(def.entity.id) = \(formula)")]
            var shown = Set([formula])
            if let part = def.family {
                // A family: each member's value, with the numbers put in for that member.
                for (k, member) in rules.members(part).enumerated() {
                    m.member = k
                    var shownHere = shown
                    let numbers = parts(def.code, &m).filter { shownHere.insert(source($0.0)).inserted }
                        .map { ExplanationStep(en: "\(source($0.0)) = \($0.1)", th: "\(source($0.0)) = \($0.1)") }
                    let v = render(encoder.member(r, slot, k))
                    inputs.append(.init(en: "\(member.title.text(.en)) (\(member.id)) = \(words(v, .en))", th: "\(member.title.th) (\(member.id)) = \(words(v, .th))",
                                        at: member.span, children: numbers))
                }
                m.member = -1
                scores.append(.init(en: "\(def.entity.title.text(.en)), per \(part.rawValue)", th: "\(def.entity.title.th) (รายส่วน: \(part.rawValue))",
                                    at: def.entity.span, children: inputs))
                continue
            }
            for (span, value) in parts(def.code, &m) where shown.insert(source(span)).inserted {
                inputs.append(.init(en: "\(source(span)) = \(value)", th: "\(source(span)) = \(value)"))
            }
            let value = render(r.values[slot])
            scores.append(.init(en: "\(def.entity.title.text(.en)) = \(words(value, .en))", th: "\(def.entity.title.th) = \(words(value, .th))",
                                at: def.entity.span, children: inputs))
        }
        steps.append(.init(en: "scores", th: "คะแนน", children: scores))
        // Bands
        for (b, band) in rules.bands.enumerated() {
            let value = band.score >= 0 ? render(r.values[band.score]) : "-"
            let scoreName = band.score >= 0 ? rules.computed[band.score].entity.title : LocalizedText(th: "-")
            if let k = r.bands[b] {
                let c = band.cases[k]
                let op = c.op.map { [">=": "≥", "<=": "≤", "!=": "≠"][$0.rawValue] ?? $0.rawValue }
                let rule = op.map { "\($0) \(c.threshold.map { source(of: $0) } ?? "")" }
                var origin: (en: String, th: String)?
                if case .namedValue(let v, _)? = c.threshold { origin = valueOrigin(v, group: r.group, item: nil) }
                steps.append(.init(en: "\(band.entity.title.text(.en)): \(c.entity.title.text(.en)) — \(scoreName.text(.en)) \(value) "
                                       + (rule.map { "is \($0), the first case that matches" } ?? "matches no other case")
                                       + (origin.map { "; \($0.en)" } ?? ""),
                                   th: "\(band.entity.title.th): \(c.entity.title.th) — \(scoreName.th) \(value) "
                                       + (rule.map { "\($0) เป็นกรณีแรกที่ตรง" } ?? "ไม่ตรงกับกรณีอื่น")
                                       + (origin.map { " \($0.th)" } ?? ""), at: c.entity.span))
            } else {
                steps.append(.init(en: "\(band.entity.title.text(.en)): no case matches \(scoreName.text(.en)) \(value)",
                                   th: "\(band.entity.title.th): ไม่มีระดับที่ตรงกับ \(scoreName.th) \(value)", at: band.entity.span))
            }
        }
        // IDP
        if let policy = rules.idp {
            var items: [ExplanationStep] = []
            for (k, e) in r.idp.enumerated() {
                let item = r.requirements[e.requirement].item
                var children: [ExplanationStep] = []
                for c in e.courses {
                    let course = rules.tracks[r.track!].courses[c]
                    children.append(.init(en: "course \(course.id) \(course.title.th) (\(rules.tracks[r.track!].entity.id)) serves \(code(item))",
                                          th: "หลักสูตร \(course.id) \(course.title.th) (\(rules.tracks[r.track!].entity.id)) พัฒนา \(code(item))", at: course.span))
                }
                if e.courses.isEmpty {
                    children.append(.init(en: "no course of the track serves \(code(item))", th: "ไม่มีหลักสูตรในเส้นทางนี้ที่พัฒนา \(code(item))"))
                }
                if !e.methods.isEmpty {
                    let ms = e.methods.map { rules.methods[$0].entity.id }.joined(separator: ", ")
                    children.append(.init(en: "methods the courses support: \(ms)", th: "วิธีการเรียนรู้ที่หลักสูตรรองรับ: \(ms)"))
                }
                let q = e.quarter.map { " in \(rules.quarters[$0].entity.id) (\(rules.quarters[$0].entity.title.th))" } ?? ""
                let qTH = e.quarter.map { " ใน \(rules.quarters[$0].entity.title.th)" } ?? ""
                items.append(.init(en: "\(k + 1). \(code(item)) \(title(item))\(q): chosen by pick \(e.pick + 1) `\(source(policy.pickSpans[e.pick]))`",
                                   th: "\(k + 1). \(code(item)) \(title(item))\(qTH): เลือกโดย pick ที่ \(e.pick + 1) `\(source(policy.pickSpans[e.pick]))`",
                                   at: policy.pickSpans[e.pick], children: children))
            }
            let short = r.idp.count < policy.minItems
            steps.append(.init(en: "IDP: \(r.idp.count) item(s), the policy asks for \(policy.minItems) to \(policy.maxItems)" + (short ? " (too few candidates)" : ""),
                               th: "แผน IDP: \(r.idp.count) รายการ นโยบายกำหนด \(policy.minItems) ถึง \(policy.maxItems)" + (short ? " (มีรายการให้เลือกไม่พอ)" : ""),
                               at: policy.span, children: items))
        }
        return steps
    }

    func render(_ v: Value) -> String {
        switch v {
        case .number(let n): return n.description
        case .bool(let b): return b ? "true" : "false"
        case .text(let t): return "\"\(t)\""
        case .list(let l): return "\(l.count) item(s)"
        default: return "-"
        }
    }

    /// The source text of a computed value's expression (after the `=`).
    func expressionText(_ slot: Int) -> String {
        counter.count += 1
        return expressions[rules.computed[slot].entity.span].map(source) ?? ""
    }

    func source(of code: Code) -> String {
        if case .constant(.number(let n)) = code { return n.description }
        if case .namedValue(let v, _) = code { return rules.values[v].entity.id }
        return "…"
    }

    /// The outermost aggregates and the named values an expression reads, with their values.
    func parts(_ code: Code, _ m: inout Machine) -> [(SourceSpan, String)] {
        var out: [(SourceSpan, String)] = []
        func walk(_ c: Code) {
            counter.count += 1
            switch c {
            case .aggregate(_, _, _, _, let span):
                if let v = try? m.eval(c) { out.append((span, render(v))) }
            case .computed(let slot):
                out.append((rules.computed[slot].entity.span, render(m.values[slot])))
            case .namedValue(let v, .group):
                if let value = try? m.eval(c) { out.append((rules.values[v].entity.span, render(value))) }
            case .neg(let x), .not(let x), .entityField(let x, _, _): walk(x)
            case .arithmetic(_, let a, let b, _), .compare(_, let a, let b, _), .and(let a, let b), .or(let a, let b),
                 .member(let a, let b, _, _), .startsWith(let a, let b), .contains(let a, let b), .first(let a, let b):
                walk(a); walk(b)
            case .ifThen(let a, let b, let d): walk(a); walk(b); walk(d)
            case .call(_, let args, _), .list(let args): args.forEach(walk)
            default: break
            }
        }
        walk(code)
        var seen = Set<String>()
        return out.filter { seen.insert("\($0.0.file)/\($0.0.start)").inserted }
    }
}
