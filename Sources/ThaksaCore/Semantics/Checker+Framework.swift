/// Passes over the framework (ruleset, kinds, scales, dimensions, skill sets, items) and the
/// groups, phases and positions.
extension Checker {
    /// `term group "…"`: the words outputs use for the framework's own things (only groups so far:
    /// a mission group in the OCSC plan, a job profile in DigComp).
    mutating func checkTerms(_ ruleset: Statement) {
        var seen: [String: SourceSpan] = [:]
        for t in children(ruleset, "term") {
            guard let n = name(t, 0) else { continue }
            guard n.text == "group" else {
                invalid(n.span, en: "`term` can only name what outputs call a `group`; `\(n.text)` has no term",
                        th: "`term` ตั้งได้เฉพาะคำที่ผลลัพธ์ใช้เรียก `group` จึงตั้งคำเรียก `\(n.text)` ไม่ได้")
                continue
            }
            if let prior = seen[n.text] {
                diagnostics.add(.duplicateName, n.span, ["term \(n.text)", "@line:\(lineOf(prior))"], related: prior)
                continue
            }
            seen[n.text] = n.span
            if let title = title(t, 1) { rs.groupTerm = LocalizedText(th: title.th, en: title.en ?? rs.groupTerm.en) }
        }
    }

    mutating func checkFramework() {
        if let s = singleton("ruleset") {
            rs.id = name(s, 0)?.text ?? ""
            rs.title = title(s, 1) ?? LocalizedText(th: rs.id)
            rs.version = single(s, "version").flatMap { string($0, 0)?.value }
            checkTerms(s)
        }
        for (s, _) in statements["kind"] ?? [] {
            guard let n = name(s, 0) else { continue }
            define(n, .entity(.kind), rs.kinds.count)
            rs.kinds.append(entity(n, title(s, 1)))
        }
        for (s, _) in statements["scale"] ?? [] { checkScale(s) }
        defaultScale = rs.scales.indices.first { rs.scales[$0].isDefault } ?? (rs.scales.count == 1 ? 0 : nil)
        for (s, parent) in statements["dimension"] ?? [] where parent == nil {
            guard let n = name(s, 0) else { continue }
            define(n, .entity(.dimension), rs.dimensions.count)
            rs.dimensions.append(entity(n, title(s, 1)))
        }
        for (s, parent) in statements["skillset"] ?? [] {
            guard let n = name(s, 0) else { continue }
            if let p = parent, let pn = name(p, 0), let d = symbols[pn.text], d.kind == .entity(.dimension) {
                skillsetDimension[rs.skillsets.count] = d.index
            }
            define(n, .entity(.skillset), rs.skillsets.count)
            rs.skillsets.append(entity(n, title(s, 1)))
        }
        // Group names are needed by topic audiences, so declare them before items.
        for (s, _) in statements["group"] ?? [] {
            guard let n = name(s, 0) else { continue }
            define(n, .entity(.group), rs.groups.count)
            rs.groups.append(GroupDef(entity: entity(n, title(s, 1)), role: nil, track: nil, phases: [:]))
            rs.groupByID[n.text] = rs.groups.count - 1
        }
        for (s, parent) in statements["item"] ?? [] { checkItem(s, parent: parent) }
    }

    mutating func checkScale(_ s: Statement) {
        guard let n = name(s, 0) else { return }
        var levels: [LevelDef] = []
        var accepted: [String: Int] = [:]
        for l in children(s, "level") {
            guard let num = number(l, 0) else { continue }
            guard let v = integer(num), v >= 0 else {
                invalid(num.span, en: "a level is a whole number from 0 up", th: "ระดับต้องเป็นจำนวนเต็มตั้งแต่ 0 ขึ้นไป")
                continue
            }
            if levels.contains(where: { $0.value == v }) {
                diagnostics.add(.duplicateProperty, num.span, ["level \(v)", "`scale \(n.text)`"])
                continue
            }
            var words: [String] = []
            if case .strings(let ws) = l.args[2] { words = ws.map(\.value) }  // accepts
            let t = title(l, 1)
            for w in words + [t?.th, t?.en].compactMap({ $0 }) + [String(v)] {
                let key = Assessments.normaliseAnswer(w)
                if let other = accepted[key], other != v, words.contains(w) {
                    invalid(l.keyword.span, en: "answer \"\(w)\" is accepted by two levels of scale `\(n.text)`",
                            th: "คำตอบ \"\(w)\" ใช้กับสองระดับในมาตรวัด `\(n.text)`")
                }
                if accepted[key] == nil { accepted[key] = v }
            }
            levels.append(LevelDef(value: v, title: t ?? LocalizedText(th: String(v)), accepts: words))
        }
        levels.sort { $0.value < $1.value }
        if levels.count < 2 {
            diagnostics.add(.missingProperty, n.span, ["scale", n.text, "level (2 or more)"])
        }
        var expect = levels.last?.value ?? 1
        if let e = single(s, "expect"), let num = number(e, 0) {
            if let v = integer(num), levels.contains(where: { $0.value == v }) { expect = v }
            else {
                let known = levels.map { String($0.value) }.joined(separator: ", ")
                invalid(num.span, en: "`expect \(num.value)` is not a level of scale `\(n.text)` (levels: \(known))",
                        th: "`expect \(num.value)` ไม่ใช่ระดับของมาตรวัด `\(n.text)` (ระดับ: \(known))")
            }
        }
        define(n, .entity(.scale), rs.scales.count)
        rs.scales.append(ScaleDef(entity: entity(n, title(s, 1)), levels: levels, expect: expect, accepted: accepted,
                                  isDefault: single(s, "default") != nil))
    }

    mutating func checkItem(_ s: Statement, parent: Statement?) {
        guard let code = name(s, 0) else { return }
        let kind = name(s, 1).flatMap { resolve($0, .kind) } ?? -1
        var scale = defaultScale
        if let sc = single(s, "scale"), let sn = name(sc, 0) { scale = resolve(sn, .scale) }
        else if scale == nil {
            diagnostics.add(.missingProperty, code.span, ["item", code.text, "scale"])
        }
        var dimension: Int?, skillset: Int?
        if let p = parent, let pn = name(p, 0), let sym = symbols[pn.text] {
            if p.keyword.text == "dimension" { dimension = sym.index } else { skillset = sym.index }
        }
        if let ss = skillset { dimension = skillsetDimension[ss] }
        var topics: [TopicDef] = []
        for t in children(s, "topic") {
            guard let num = string(t, 0) else { continue }
            if topics.contains(where: { $0.number == num.value }) {
                diagnostics.add(.duplicateProperty, num.span, ["topic \"\(num.value)\"", "`item \(code.text)`"])
                continue
            }
            let scope = single(t, "scope").flatMap { string($0, 0)?.value }
            var audience: [Int] = []
            for a in single(t, "audience").map({ names($0, 0) }) ?? [] {
                if let g = resolve(a, .group) { audience.append(g) }
            }
            topics.append(TopicDef(number: num.value, title: title(t, 1) ?? LocalizedText(th: ""), scope: scope,
                                   audience: audience, span: t.span))
        }
        var columns: [String] = []
        for c in children(s, "column") {
            if case .strings(let ws) = c.args[0] { columns += ws.map(\.value) }
        }
        define(code, .entity(.item), rs.items.count)
        let index = rs.items.count
        rs.items.append(ItemDef(entity: entity(code, title(s, 2)), kind: kind, scale: scale ?? -1, dimension: dimension,
                                skillset: skillset, topics: topics, columns: columns,
                                note: single(s, "note").flatMap { string($0, 0)?.value }))
        for header in [code.text] + columns {
            if let other = rs.itemColumns[header], other != index {
                invalid(s.keyword.span, en: "column \"\(header)\" already belongs to item `\(rs.items[other].entity.id)`",
                        th: "หัวคอลัมน์ \"\(header)\" เป็นของรายการ `\(rs.items[other].entity.id)` แล้ว")
            } else {
                rs.itemColumns[header] = index
            }
        }
    }

    // MARK: phases, groups, positions

    /// The requirements of `require` lines, in order; an item twice is reported once.
    mutating func requirements(_ lines: [Statement], group: String, phase: String) -> [RequirementDef] {
        var reqs: [RequirementDef] = []
        for r in lines {
            guard case .requirements(let entries) = r.args[0] else { continue }
            for e in entries {
                guard let item = resolve(e.item, .item) else { continue }
                if reqs.contains(where: { $0.item == item }) {
                    diagnostics.add(.duplicateRequirement, e.item.span, [e.item.text, group, phase])
                    continue
                }
                let level = requiredLevel(e, item)
                var weight = Rational.one
                if let w = e.weight {
                    if w.value < .zero { invalid(w.span, en: "a weight cannot be negative", th: "น้ำหนักต้องไม่ติดลบ") }
                    else { weight = w.value }
                }
                if let w = e.weightName, let v = requirementWeight(w, group: group, item: item) { weight = v }
                reqs.append(RequirementDef(item: item, level: level, weight: weight, span: e.span))
            }
        }
        return reqs
    }

    mutating func checkGroups() {
        for (s, _) in statements["phase"] ?? [] {
            guard let n = name(s, 0) else { continue }
            define(n, .entity(.phase), rs.phases.count)
            rs.phases.append(entity(n, title(s, 1)))
            if let y = single(s, "years"), case .range(let a, let b) = y.args[0], b.value < a.value {
                invalid(b.span, en: "the range ends before it starts", th: "ช่วงสิ้นสุดก่อนเริ่มต้น")
            }
        }
        // Phases are optional: without any, a group's `require` lines sit in the group itself and
        // belong to one implicit phase (never named in the rules; nothing is upcoming).
        let groupLevel = (statements["group"] ?? []).flatMap { children($0.0, "require") }
        let implicitPhase = !groupLevel.isEmpty && rs.phases.isEmpty
        if !groupLevel.isEmpty {
            if implicitPhase {
                rs.phases.append(Entity(id: "-", title: LocalizedText(th: "ไม่แบ่งระยะ", en: "no phases"), span: groupLevel[0].span))
            } else {
                for r in groupLevel {
                    invalid(r.keyword.span, en: "this rule set declares phases: write `require` inside `phase NAME { }` of the group",
                            th: "ชุดกฎนี้ประกาศระยะไว้แล้ว ให้เขียน `require` ภายใน `phase ชื่อระยะ { }` ของกลุ่ม")
                }
            }
        }
        for (s, _) in statements["group"] ?? [] {
            guard let n = name(s, 0), let g = rs.groupByID[n.text], symbols[n.text]?.span == n.span else { continue }
            rs.groups[g].role = single(s, "role").flatMap { string($0, 0)?.value }
            if implicitPhase {
                rs.groups[g].phases[0] = requirements(children(s, "require"), group: n.text, phase: "-")
            }
            var seenPhases: Set<Int> = []
            for p in children(s, "phase") {
                guard let pn = name(p, 0), let phase = resolve(pn, .phase) else { continue }
                if !seenPhases.insert(phase).inserted {
                    diagnostics.add(.duplicateProperty, pn.span, ["phase \(pn.text)", "`group \(n.text)`"])
                    continue
                }
                rs.groups[g].phases[phase] = requirements(children(p, "require"), group: n.text, phase: pn.text)
                if let role = single(p, "role").flatMap({ string($0, 0)?.value }) { rs.groups[g].phaseRoles[phase] = role }
            }
        }
        for (s, _) in statements["position"] ?? [] {
            guard let t = string(s, 0), let gn = name(s, 3), let g = resolve(gn, .group) else { continue }
            var condition: Code?
            if let e = expr(s, 4) {
                var scope = Scope.positionCondition
                condition = compile(e, &scope, expecting: .bool)
            }
            var titles = [t]
            if case .strings(let also) = s.args[1] { titles += also }
            for title in titles {
                let key = RuleSet.normalise(title.value)
                if let pattern = PositionPattern(key, declaration: rs.positions.count) {
                    if pattern.segments.allSatisfy(\.isEmpty) {
                        invalid(title.span, en: "a title pattern needs some text besides `…`", th: "รูปแบบชื่อตำแหน่งต้องมีข้อความนอกจาก `…`")
                    }
                    rs.positionPatterns.append(pattern)
                    continue
                }
                if rs.positionsByTitle[key]?.last != rs.positions.count { rs.positionsByTitle[key, default: []].append(rs.positions.count) }
                if let bare = RuleSet.bareTitle(key), rs.positionsByBareTitle[bare]?.last != rs.positions.count {
                    rs.positionsByBareTitle[bare, default: []].append(rs.positions.count)
                }
            }
            rs.positions.append(PositionDef(title: RuleSet.normalise(t.value), group: g, condition: condition, span: s.span))
        }
        for (s, _) in statements["ranks"] ?? [] {
            if case .strings(let words) = s.args[0] { rs.ranks += words.map { RuleSet.normalise($0.value) }.filter { !$0.isEmpty } }
        }
        // Longest first: ชำนาญการพิเศษ is tried before ชำนาญการ.
        rs.ranks = Array(Set(rs.ranks)).sorted { ($0.count, $0) > ($1.count, $1) }
        if let s = singleton("assignment") {
            if let o = single(s, "order") { rs.assignmentOrder = words(names(o, 0), AssignmentStep.self) }
            for sup in children(s, "supervisor") { rs.adjustments.formUnion(words(names(sup, 0), Adjustment.self)) }
            checkCombined(s)
        }
        checkInputForms()
    }

    /// Names that must be words of a closed set (assignment steps, adjustments, answer forms); any
    /// other is an undefined name with the closest word suggested.
    mutating func words<W: RawRepresentable & CaseIterable>(_ names: [Name], _ type: W.Type) -> [W] where W.RawValue == String {
        var out: [W] = []
        for n in names {
            if let w = W(rawValue: n.text) { out.append(w) }
            else {
                diagnostics.add(.undefinedName, n.span, [n.text],
                                suggestion: Suggestions.closest(to: n.text, in: W.allCases.map(\.rawValue)))
            }
        }
        return out
    }

    /// `combined union` with `approval column "…"`: a person may have several groups, agreed with the
    /// supervisor and approved one level higher (003 L1301-1304), so the approver column is required.
    mutating func checkCombined(_ s: Statement) {
        let approval = single(s, "approval")
        if let c = single(s, "combined"), let n = name(c, 0) {
            if let how = words([n], GroupCombination.self).first { rs.combination = how; rs.combinationSpan = c.span }
            if approval == nil {
                invalid(c.keyword.span, en: "a combined group assignment needs approval one level above the supervisor (003 L1301-1304): add `approval column \"HEADER\"` naming the approver's column",
                        th: "การกำหนดหลายกลุ่มต้องได้รับความเห็นชอบจากผู้บังคับบัญชาเหนือขึ้นไปอีกระดับหนึ่ง (003 L1301-1304) ให้เพิ่ม `approval column \"หัวคอลัมน์\"` ระบุคอลัมน์ผู้เห็นชอบ")
            }
            if !rs.assignmentOrder.contains(.column) {
                invalid(c.keyword.span, en: "several groups are read from the `group` column, but `order` does not include `column`",
                        th: "หลายกลุ่มอ่านจากคอลัมน์ `group` แต่ `order` ไม่มี `column`")
            }
        } else if let a = approval {
            invalid(a.keyword.span, en: "`approval` is for a combined group assignment: add `combined union`",
                    th: "`approval` ใช้กับการกำหนดหลายกลุ่ม ให้เพิ่ม `combined union`")
        }
        if let a = approval, case .strings(let headers) = arg(a, 1) { rs.approvalColumns = headers.map(\.value) }
    }

    /// `input { answers columns, lists }`.
    mutating func checkInputForms() {
        guard let s = singleton("input"), let a = single(s, "answers") else { return }
        rs.declaredAnswerForms = Set(words(names(a, 0), AnswerForm.self))
    }

    mutating func requiredLevel(_ e: RequirementEntry, _ item: Int) -> Int {
        let scaleIndex = rs.items[item].scale
        guard scaleIndex >= 0 else { return 1 }
        let scale = rs.scales[scaleIndex]
        let known = scale.levels.map { "\($0.value) \"\($0.title.th)\"" }.joined(separator: ", ")
        switch e.level {
        case .number(let n)?:
            if let v = integer(n), scale.levels.contains(where: { $0.value == v }) { return v }
            diagnostics.add(.levelNotInScale, n.span, [n.value.description, scale.entity.id, e.item.text, known])
        case .string(let t)?:
            if let l = scale.levels.first(where: { $0.title.th == t.value || $0.title.en == t.value }) { return l.value }
            diagnostics.add(.levelNotInScale, t.span, ["\"\(t.value)\"", scale.entity.id, e.item.text, known])
        default: break
        }
        return scale.expect
    }

    mutating func checkProgramme() {
        if let s = singleton("programme") {
            if let c = single(s, "current"), let n = name(c, 0) { rs.currentPhase = resolve(n, .phase) }
            if let c = single(s, "next"), let n = name(c, 0) { rs.nextPhase = resolve(n, .phase) }
            if let sp = single(s, "split"), let a = number(sp, 0), let b = number(sp, 1) {
                rs.split = (a.value, b.value)
            }
        }
    }
}

extension Checker {
    /// `column "HEADER", … is TARGET`: checked last, when every `input("…")` column the rules read is known.
    mutating func checkColumns() {
        for (s, _) in statements["column"] ?? [] {
            guard case .strings(let headers) = s.args[0], let target = name(s, 2) else { continue }
            let t = target.text
            var known = ["ignore", "id", "name", "position", "unit", "group", "career_path", "add", "waive", "has", "has_not"]
            if rs.combination != nil { known.append("approved_by") }
            if (t == "has" || t == "has_not") && !rs.answerForms.contains(.lists) {
                invalid(target.span, en: "this rule set does not accept `has` / `has_not` lists: " + AnswerForm.why(rs, .en),
                        th: "ชุดกฎนี้ไม่รับรายการ `has` / `has_not` (มี / ไม่มี): " + AnswerForm.why(rs, .th))
                continue
            }
            let workload = t.hasPrefix("workload_") && rs.groupByID[String(t.dropFirst("workload_".count))] != nil
            let read = rs.inputColumns.contains(Assessments.normaliseHeader(t))
            if !known.contains(t) && !workload && !read && rs.itemColumns[t] == nil {
                invalid(target.span, en: "`\(t)` is not an item, a person field (\(known.dropFirst().joined(separator: ", "))), workload_GROUP, a column the rules read with `input(\"…\")`, or ignore",
                        th: "`\(t)` ไม่ใช่รายการ ข้อมูลบุคคล (\(known.dropFirst().joined(separator: ", "))) workload_กลุ่ม คอลัมน์ที่กฎอ่านด้วย `input(\"…\")` หรือ ignore")
                continue
            }
            for h in headers { rs.columnTargets[h.value] = t }
        }
    }
}
