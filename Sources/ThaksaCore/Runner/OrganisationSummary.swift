/// Where the organisation stands: per group and per unit, headcount, the share true of each yes/no
/// score (e.g. `assessed`), the share with an IDP, the mean of each numeric score, band counts and the
/// most common gaps; and every target with its measured value. Fed one person at a time.
public struct OrganisationSummary: Sendable {
    public struct Tally: Sendable {
        public var headcount = 0
        public var withIDP = 0
        public var trueCounts: [Int: Int] = [:]            // score slot → people for whom it is true
        public var sums: [Int: Rational] = [:]              // score slot → sum
        public var bandCounts: [Int: Int] = [:]             // case index among all bands' cases → people
        public var gapCounts: [Int: Int] = [:]              // item → people with it as a gap
        public var memberTrue: [Int: [Int]] = [:]           // family slot → per member: people for whom it is true
        public var memberSums: [Int: [Rational]] = [:]      // family slot → per member: sum
    }

    let rules: RuleSet
    let encoder: ResultEncoder
    public private(set) var total = Tally()
    public private(set) var byGroup: [Int: Tally] = [:]
    public private(set) var byUnit: [String: Tally] = [:]
    public private(set) var targets: TargetTally
    public private(set) var overflow = false

    public init(rules: RuleSet) {
        self.rules = rules
        encoder = ResultEncoder(rules: rules)
        targets = TargetTally(rules: rules)
    }

    public mutating func add(_ r: PersonResult) {
        let gaps = encoder.gaps(r).map { r.requirements[$0].item }
        func update(_ t: inout Tally) {
            t.headcount += 1
            if !r.idp.isEmpty { t.withIDP += 1 }
            for (s, c) in rules.computed.enumerated() where c.isOutputScore {
                switch r.values[s] {
                case .bool(true): t.trueCounts[s, default: 0] += 1
                case .number(let n):
                    if let sum = t.sums[s, default: .zero] + n { t.sums[s] = sum } else { overflow = true }
                default: break
                }
            }
            for s in encoder.familySlots where !OrganisationSummary.tallyFamily(s, r, &t) { overflow = true }
            for (b, c) in r.bands.enumerated() { if let c { t.bandCounts[rules.bands[b].caseOffset + c, default: 0] += 1 } }
            for g in gaps { t.gapCounts[g, default: 0] += 1 }
        }
        update(&total)
        update(&byGroup[r.group, default: Tally()])
        update(&byUnit[r.unit, default: Tally()])
        do { try targets.add(r) } catch { overflow = true }
    }

    /// False on overflow.
    static func tallyFamily(_ s: Int, _ r: PersonResult, _ t: inout Tally) -> Bool {
        guard case .values(let vs) = r.values[s] else { return true }
        var ok = true
        var sums = t.memberSums[s] ?? Array(repeating: .zero, count: vs.count)
        var trues = t.memberTrue[s] ?? Array(repeating: 0, count: vs.count)
        for (k, v) in vs.enumerated() where k < sums.count {
            switch v {
            case .bool(true): trues[k] += 1
            case .number(let n): if let sum = sums[k] + n { sums[k] = sum } else { ok = false }
            default: break
            }
        }
        t.memberSums[s] = sums
        t.memberTrue[s] = trues
        return ok
    }

    // MARK: rendering

    func percent(_ n: Int, _ of: Int) -> JSONValue {
        guard of > 0, let p = Rational(Int64(n * 100), Int64(of))?.rounded(places: 1) else { return .null }
        return .number(p.description)
    }

    func tallyJSON(_ t: Tally) -> [(String, JSONValue)] {
        var out: [(String, JSONValue)] = [("headcount", .int(t.headcount)), ("with_idp_percent", percent(t.withIDP, t.headcount))]
        var shares: [(String, JSONValue)] = [], means: [(String, JSONValue)] = []
        for (s, c) in rules.computed.enumerated() where c.isOutputScore {
            if c.type == .bool { shares.append((c.entity.id, percent(t.trueCounts[s] ?? 0, t.headcount))) }
            if c.type == .number {
                let mean = t.headcount == 0 ? nil : ((t.sums[s] ?? .zero) / Rational(t.headcount))?.rounded(places: 1)
                means.append((c.entity.id, mean.map { .number($0.description) } ?? .null))
            }
        }
        // Families: a key per member, `family.member` (only rule sets with families have them).
        for s in encoder.familySlots {
            let c = rules.computed[s], members = rules.members(c.family ?? .dimension)
            for (k, m) in members.enumerated() {
                let key = c.entity.id + "." + m.id
                if c.type == .bool { shares.append((key, percent(t.memberTrue[s]?[k] ?? 0, t.headcount))) }
                if c.type == .number {
                    let sum = t.memberSums[s].flatMap { k < $0.count ? $0[k] : nil } ?? .zero
                    let mean = t.headcount == 0 ? nil : (sum / Rational(t.headcount))?.rounded(places: 1)
                    means.append((key, mean.map { .number($0.description) } ?? .null))
                }
            }
        }
        out += [("true_percent", .object(shares)), ("mean", .object(means))]
        if let band = rules.bands.first {
            out.append(("bands", .object(band.cases.enumerated().map { ($0.element.entity.id, .int(t.bandCounts[$0.offset] ?? 0)) })))
        }
        if rules.bands.count > 1 {   // every band by its name (`bands` above is the first, as before)
            out.append(("bands_by_name", .object(rules.bands.map { b in
                (b.entity.id, .object(b.cases.enumerated().map { ($0.element.entity.id, .int(t.bandCounts[b.caseOffset + $0.offset] ?? 0)) }))
            })))
        }
        out.append(("top_gaps", .array(topGaps(t).map { .object([("item", .string(rules.items[$0.0].entity.id)), ("people", .int($0.1))]) })))
        return out
    }

    /// The five most common gaps, most common first; ties by item order.
    func topGaps(_ t: Tally) -> [(Int, Int)] {
        Array(t.gapCounts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(5).map { ($0.key, $0.value) })
    }

    public func json() -> JSONValue {
        let groups = byGroup.keys.sorted().map { g -> JSONValue in
            .object([("group", .string(rules.groups[g].entity.id))] + tallyJSON(byGroup[g]!))
        }
        let units = byUnit.keys.sorted().map { u -> JSONValue in .object([("unit", .string(u))] + tallyJSON(byUnit[u]!)) }
        let outcomes = targets.outcomes().map { o -> JSONValue in
            let t = rules.targets[o.target]
            return .object([("target", .string(t.entity.id)), ("title", .string(t.entity.title.th)),
                            ("value", o.value.map { .number(($0.rounded(places: 1) ?? $0).description) } ?? .null),
                            ("goal", .string("\(t.goalOp.rawValue) \(o.goal)")),
                            ("met", o.met.map(JSONValue.bool) ?? .null),
                            ("year", t.year.map(JSONValue.int) ?? .null)])
        }
        return .object([("total", .object(tallyJSON(total))), ("groups", .array(groups)), ("units", .array(units)), ("targets", .array(outcomes))])
    }

    public func text(_ lang: Language, digits: Digits = .arabic) -> String {
        let th = lang == .th
        var out = ""
        func title(_ e: Entity) -> String { e.title.text(lang) }
        // The table shows the mean of the score the band is on (all means are in the JSON form).
        let numberScores = rules.bands.first.map { [$0.score] }?.filter { $0 >= 0 && !rules.computed[$0].isPrivate } ?? []
        let boolScores = rules.computed.enumerated().filter { $0.element.isOutputScore && $0.element.type == .bool }.map(\.offset)
        let term = rules.groupTerm.text(lang)
        var header = [term, th ? "คน" : "people"]
        header += boolScores.map { title(rules.computed[$0].entity) + " %" } + [th ? "มี IDP %" : "with IDP %"]
        header += numberScores.map { (th ? "เฉลี่ย " : "mean ") + title(rules.computed[$0].entity) }
        header += rules.bands.flatMap { $0.cases.map { title($0.entity) } }
        func row(_ label: String, _ t: Tally) -> [String] {
            var cells = [label, String(t.headcount)]
            func pct(_ n: Int) -> String { if case .number(let s) = percent(n, t.headcount) { return s } else { return "-" } }
            cells += boolScores.map { pct(t.trueCounts[$0] ?? 0) } + [pct(t.withIDP)]
            cells += numberScores.map { s in
                t.headcount == 0 ? "-" : (((t.sums[s] ?? .zero) / Rational(t.headcount))?.formatted(places: 1) ?? "-")
            }
            cells += rules.bands.flatMap { b in b.cases.indices.map { String(t.bandCounts[b.caseOffset + $0] ?? 0) } }
            return [cells[0]] + cells.dropFirst().map(digits.apply)
        }
        var rows = [header]
        for g in byGroup.keys.sorted() { rows.append(row(title(rules.groups[g].entity) + " (" + rules.groups[g].entity.id + ")", byGroup[g]!)) }
        rows.append(row(th ? "รวม" : "total", total))
        out += (th ? "ตาม" : "By ") + term + "\n" + table(rows) + "\n"
        rows = [header.enumerated().map { $0.offset == 0 ? (th ? "หน่วยงาน" : "unit") : $0.element }]
        for u in byUnit.keys.sorted() { rows.append(row(u.isEmpty ? "-" : u, byUnit[u]!)) }
        out += (th ? "ตามหน่วยงาน\n" : "By unit\n") + table(rows) + "\n"
        out += familyTables(lang, digits: digits)
        out += th ? "จุดที่ต้องพัฒนาที่พบบ่อย (จำนวนคน)\n" : "Most common gaps (people)\n"
        for (item, n) in topGaps(total) {
            out += "  " + digits.apply(String(n)).leftPadded(5) + "  \(title(rules.items[item].entity)) (\(rules.items[item].entity.id))\n"
        }
        out += th ? "\nเป้าหมาย\n" : "\nTargets\n"
        for o in targets.outcomes() {
            let t = rules.targets[o.target]
            let value = o.value.map { digits.apply($0.formatted(places: 1)) }
                ?? (t.twoRound ? (th ? "วัดจากการประเมินสองรอบ (thaksa progress)" : "needs two rounds (thaksa progress)")
                               : (th ? "วัดไม่ได้จากแบบประเมิน" : "not measurable from the assessments"))
            let met = o.met.map { $0 ? (th ? "บรรลุ" : "met") : (th ? "ยังไม่บรรลุ" : "not met") } ?? "-"
            let op = [">=": "≥", "<=": "≤", "!=": "≠"][t.goalOp.rawValue] ?? t.goalOp.rawValue
            out += "  \(title(t.entity))\n"
            out += "    \(th ? "ผล" : "measured") \(value) (\(th ? "เป้า" : "goal") \(op) \(digits.apply(o.goal.description))) \(met)  [\(t.entity.id)]\n"
        }
        return out
    }

    /// Per numeric score family: the mean of each member, per group and in total (no families: "").
    func familyTables(_ lang: Language, digits: Digits) -> String {
        let th = lang == .th
        var out = ""
        let groups = byGroup.keys.sorted()
        for s in encoder.familySlots where rules.computed[s].type == .number {
            let c = rules.computed[s]
            let part = c.family ?? .dimension
            let partWord = th ? ["dimension": "มิติ", "skillset": "กลุ่มความสามารถ", "kind": "ด้าน"][part.rawValue] ?? "" : part.rawValue
            var rows = [[partWord] + groups.map { rules.groups[$0].entity.id } + [th ? "รวม" : "total"]]
            for (k, m) in rules.members(part).enumerated() {
                let cells = (groups.compactMap { byGroup[$0] } + [total]).map { t -> String in
                    let sum = t.memberSums[s].flatMap { k < $0.count ? $0[k] : nil } ?? .zero
                    guard t.headcount > 0, let mean = sum / Rational(t.headcount) else { return "-" }
                    return digits.apply(mean.formatted(places: 1))
                }
                rows.append([m.title.text(lang) + " (" + m.id + ")"] + cells)
            }
            out += c.entity.title.text(lang) + (th ? " (ค่าเฉลี่ย)\n" : " (mean)\n") + table(rows) + "\n"
        }
        return out
    }

    /// A plain text table whose columns line up by characters a person sees (Thai marks take no width).
    func table(_ rows: [[String]]) -> String {
        var widths: [Int] = []
        for r in rows { for (i, c) in r.enumerated() { if i >= widths.count { widths.append(0) }; widths[i] = max(widths[i], c.displayWidth) } }
        return rows.map { r in
            r.enumerated().map { i, c in i == 0 ? c.padded(widths[i] + 1) : c.leftPadded(widths[i]) + " " }
                .joined().trimmingTrailing() + "\n"
        }.joined()
    }
}

extension String {
    func trimmingTrailing() -> String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
