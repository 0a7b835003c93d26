/// Progress per group and per unit: who closed at least one gap, the mean change of each numeric
/// score, band movements, and the targets that need two rounds (measured on `progress` scores).
/// A person is counted under their AFTER group and unit (BEFORE's when they left).
public struct ProgressSummary: Sendable {
    public struct Tally: Sendable {
        public var people = 0
        public var both = 0
        public var beforeOnly = 0
        public var afterOnly = 0
        public var closedAny = 0
        public var beforeOnlyWithPlan = 0
        public var changeSums: [Int: Rational] = [:]
        public var changeCounts: [Int: Int] = [:]
        /// (band case before, band case after) → people
        public var moves: [Pair: Int] = [:]
        public var targets: TargetTally

        init(_ rules: RuleSet) { targets = TargetTally(rules: rules) }
    }

    public struct Pair: Sendable, Hashable, Comparable {
        var from: Int, to: Int
        public static func < (a: Pair, b: Pair) -> Bool { (a.from, a.to) < (b.from, b.to) }
    }

    let rules: RuleSet
    let encoder: ProgressEncoder
    public private(set) var total: Tally
    public private(set) var byGroup: [Int: Tally] = [:]
    public private(set) var byUnit: [String: Tally] = [:]
    public var yearBefore: Int?
    public var yearAfter: Int?
    public private(set) var overflow = false
    /// The targets measured here, two-round ones only, in declaration order.
    let twoRoundTargets: [Int]

    public init(rules: RuleSet, report: ProgressReport) {
        self.rules = rules
        encoder = ProgressEncoder(rules: rules)
        total = Tally(rules)
        yearBefore = report.yearBefore
        yearAfter = report.yearAfter
        twoRoundTargets = rules.targets.indices.filter { rules.targets[$0].twoRound }
        for p in report.people { add(p) }
    }

    mutating func add(_ p: PersonProgress) {
        guard let r = p.after ?? p.before else { return }
        var failed = false
        func update(_ t: inout Tally) {
            t.people += 1
            switch p.status {
            case .both: t.both += 1
            case .before_only: t.beforeOnly += 1; if !p.plan.isEmpty { t.beforeOnlyWithPlan += 1 }
            case .after_only: t.afterOnly += 1
            }
            if p.status == .both {
                if !p.closedGaps.isEmpty { t.closedAny += 1 }
                for s in encoder.numberSlots {
                    guard let c = encoder.change(p, s) else { continue }
                    if let sum = t.changeSums[s, default: .zero] + c { t.changeSums[s] = sum } else { failed = true }
                    t.changeCounts[s, default: 0] += 1
                }
                if let b = p.before?.bands.first ?? nil, let a = p.after?.bands.first ?? nil { t.moves[Pair(from: b, to: a), default: 0] += 1 }
            }
            if let after = p.after { do { try t.targets.add(after) } catch { failed = true } }
        }
        update(&total)
        update(&byGroup[r.group, default: Tally(rules)])
        update(&byUnit[p.unit, default: Tally(rules)])
        if failed { overflow = true }
    }

    func percent(_ n: Int, _ of: Int) -> Rational? { of > 0 ? Rational(Int64(n * 100), Int64(of))?.rounded(places: 1) : nil }

    func meanChange(_ t: Tally, _ s: Int) -> Rational? {
        guard let n = t.changeCounts[s], n > 0 else { return nil }
        return ((t.changeSums[s] ?? .zero) / Rational(n))?.rounded(places: 1)
    }

    func caseID(_ c: Int) -> String { rules.bands.first.map { $0.cases[c].entity.id } ?? "" }

    func targetOutcomes(_ t: Tally) -> [TargetTally.Outcome] {
        let all = t.targets.outcomes()
        return twoRoundTargets.map { all[$0] }
    }

    // MARK: JSON

    func tallyJSON(_ t: Tally) -> [(String, JSONValue)] {
        let num = { (r: Rational?) in r.map { JSONValue.number($0.description) } ?? .null }
        let moves = t.moves.keys.sorted().map { m -> JSONValue in
            .object([("from", .string(caseID(m.from))), ("to", .string(caseID(m.to))), ("people", .int(t.moves[m]!))])
        }
        return [("people", .int(t.people)), ("both", .int(t.both)), ("before_only", .int(t.beforeOnly)), ("after_only", .int(t.afterOnly)),
                ("closed_any_percent", num(percent(t.closedAny, t.both))),
                ("mean_change", .object(encoder.numberSlots.map { (rules.computed[$0].entity.id, num(meanChange(t, $0))) })),
                ("band_moves", .array(moves)),
                ("before_only_with_plan", .int(t.beforeOnlyWithPlan)),
                ("targets", .array(targetOutcomes(t).map(targetJSON)))]
    }

    func targetJSON(_ o: TargetTally.Outcome) -> JSONValue {
        let t = rules.targets[o.target]
        return .object([("target", .string(t.entity.id)), ("title", .string(t.entity.title.th)),
                        ("value", o.value.map { .number(($0.rounded(places: 1) ?? $0).description) } ?? .null),
                        ("goal", .string("\(t.goalOp.rawValue) \(o.goal)")), ("met", o.met.map(JSONValue.bool) ?? .null),
                        ("year", t.year.map(JSONValue.int) ?? .null)])
    }

    public func json() -> JSONValue {
        let groups = byGroup.keys.sorted().map { g -> JSONValue in .object([("group", .string(rules.groups[g].entity.id))] + tallyJSON(byGroup[g]!)) }
        let units = byUnit.keys.sorted().map { u -> JSONValue in .object([("unit", .string(u))] + tallyJSON(byUnit[u]!)) }
        return .object([("year_before", yearBefore.map(JSONValue.int) ?? .null), ("year_after", yearAfter.map(JSONValue.int) ?? .null),
                        ("targets", .array(targetOutcomes(total).map(targetJSON))),
                        ("total", .object(tallyJSON(total))), ("groups", .array(groups)), ("units", .array(units))])
    }

    // MARK: text

    public func text(_ lang: Language) -> String {
        let th = lang == .th
        var out = ""
        if yearBefore != nil || yearAfter != nil {
            out += (th ? "ปีงบประมาณ " : "Fiscal years ") + (yearBefore.map(String.init) ?? "-") + " → " + (yearAfter.map(String.init) ?? "-") + "\n\n"
        }
        // Targets first: ๔.๒ and any other target that needs two rounds.
        out += th ? "เป้าหมายที่วัดจากสองรอบ\n" : "Targets measured over two rounds\n"
        if twoRoundTargets.isEmpty { out += th ? "  (ชุดกฎไม่มีเป้าหมายที่ใช้คะแนน progress)\n" : "  (the rule set has no target on progress scores)\n" }
        for o in targetOutcomes(total) { out += targetLine(o, lang) }
        if total.beforeOnlyWithPlan > 0 {
            out += th ? "  หมายเหตุ: \(total.beforeOnlyWithPlan) คนมีแผนพัฒนาในรอบก่อนแต่ไม่ได้ประเมินในรอบหลัง จึงไม่ถูกนับในเป้าหมาย\n"
                      : "  note: \(total.beforeOnlyWithPlan) \(total.beforeOnlyWithPlan == 1 ? "person" : "people") had a plan in the BEFORE round but were not assessed in AFTER; targets do not count them\n"
        }
        let slots = encoder.numberSlots.filter { rules.bands.first?.score == $0 }
        var header = [th ? "กลุ่มภารกิจ" : "group", th ? "คน" : "people", th ? "สองรอบ" : "both",
                      th ? "ปิดจุดที่ต้องพัฒนา≥1 %" : "closed≥1 %"]
        header += slots.map { (th ? "เปลี่ยน " : "change ") + rules.computed[$0].entity.id }
        header += twoRoundTargets.map { rules.targets[$0].entity.id + " %" }
        func row(_ label: String, _ t: Tally) -> [String] {
            var cells = [label, String(t.people), String(t.both), percent(t.closedAny, t.both)?.formatted(places: 1) ?? "-"]
            cells += slots.map { s in meanChange(t, s).map { ($0 < .zero ? "" : "+") + $0.formatted(places: 1) } ?? "-" }
            cells += targetOutcomes(t).map { $0.value.map { $0.formatted(places: 1) } ?? "-" }
            return cells
        }
        let summary = OrganisationSummary(rules: rules)
        var rows = [header]
        for g in byGroup.keys.sorted() { rows.append(row(rules.groups[g].entity.id + " " + rules.groups[g].entity.title.text(lang), byGroup[g]!)) }
        rows.append(row(th ? "รวม" : "total", total))
        out += "\n" + (th ? "ตามกลุ่มภารกิจ\n" : "By group\n") + summary.table(rows)
        rows = [header.enumerated().map { $0.offset == 0 ? (th ? "หน่วยงาน" : "unit") : $0.element }]
        for u in byUnit.keys.sorted() { rows.append(row(u.isEmpty ? "-" : u, byUnit[u]!)) }
        out += "\n" + (th ? "ตามหน่วยงาน\n" : "By unit\n") + summary.table(rows)
        out += "\n" + (th ? "การเปลี่ยนระดับความพร้อม (ผู้ประเมินทั้งสองรอบ)\n" : "Band movements (people in both rounds)\n")
        if total.moves.isEmpty { out += "  -\n" }
        for m in total.moves.keys.sorted() { out += "  \(caseID(m.from)) → \(caseID(m.to)): \(total.moves[m]!)\n" }
        return out
    }

    func targetLine(_ o: TargetTally.Outcome, _ lang: Language) -> String {
        let th = lang == .th
        let t = rules.targets[o.target]
        let value = o.value.map { $0.formatted(places: 1) } ?? (th ? "ไม่มีผู้ที่นับได้" : "no one to measure")
        let met = o.met.map { $0 ? (th ? "บรรลุ" : "met") : (th ? "ยังไม่บรรลุ" : "not met") } ?? "-"
        return "  \(t.entity.id): \(value) (\(th ? "เป้า" : "goal") \(t.goalOp.rawValue) \(o.goal)) \(met)\n    \(t.entity.title.text(lang))\n"
    }
}
