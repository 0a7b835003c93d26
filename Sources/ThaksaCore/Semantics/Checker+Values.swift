/// Declared numbers (`value`): their declarations and settings, how expressions read them, bands
/// whose thresholds are such numbers, and the check that every place that reads one finds a number.
extension Checker {
    /// Declarations first (top-level `value NAME "title" [default N]`), then every setting.
    mutating func checkValues() {
        for (s, parent) in statements["value"] ?? [] where parent == nil {
            guard let n = name(s, 0) else { continue }
            if Field(rawValue: n.text) != nil || RoundName(rawValue: n.text) != nil {
                invalid(n.span, en: "`\(n.text)` is a field name (`required where \(n.text) …`), so a value with this name could not be read; choose another name",
                        th: "`\(n.text)` เป็นชื่อช่องข้อมูล (`required where \(n.text) …`) ค่าที่ใช้ชื่อนี้จะอ่านไม่ได้ ให้ใช้ชื่ออื่น")
                continue
            }
            define(n, .value, rs.values.count)
            rs.values.append(ValueDef(entity: entity(n, title(s, 1)), defaultValue: number(s, 2)?.value, skillsetDimension: skillsetDimension))
        }
        for (s, parent) in statements["value"] ?? [] {
            guard let p = parent, let pn = name(p, 0), let sym = symbols[pn.text], sym.span == pn.span else { continue }
            setValue(s, on: p.keyword.text == "dimension" ? .dimension(sym.index) : .skillset(sym.index), in: p)
        }
        for (s, _) in statements["item"] ?? [] {
            guard let n = name(s, 0), let sym = symbols[n.text], sym.span == n.span else { continue }
            for v in children(s, "value") { setValue(v, on: .item(sym.index), in: s) }
        }
        for (s, _) in statements["group"] ?? [] {
            guard let n = name(s, 0), let g = rs.groupByID[n.text], symbols[n.text]?.span == n.span else { continue }
            for v in children(s, "value") { setGroupValue(v, group: g, in: s) }
        }
    }

    /// The declared value a setting names, reported when it is not one.
    mutating func valueIndex(_ n: Name) -> Int? {
        guard let sym = symbols[n.text] else {
            diagnostics.add(.undefinedName, n.span, [n.text], suggestion: Suggestions.closest(to: n.text, in: rs.values.map(\.entity.id)))
            return nil
        }
        guard sym.kind == .value else {
            diagnostics.add(.wrongNameKind, n.span, [n.text, sym.kind.noun, "@a named value"])
            return nil
        }
        return sym.index
    }

    func described(_ s: Statement) -> String {
        "`\(s.keyword.text)\(name(s, 0).map { " " + $0.text } ?? "")`"
    }

    /// `value NAME N` in a dimension, skill set or item block.
    mutating func setValue(_ s: Statement, on part: ValuePart, in owner: Statement) {
        guard let n = name(s, 0), let v = valueIndex(n), let num = number(s, 1) else { return }
        if case .names(let parts) = arg(s, 2), let first = parts.first {
            invalid(first.span, en: "`for` is written in a group (a job profile's number for a dimension, skill set or item); here `value \(n.text) \(num.value)` sets this \(owner.keyword.text == "skillset" ? "skill set" : owner.keyword.text)'s own number",
                    th: "`for` ใช้ในกลุ่มเท่านั้น (ค่าของกลุ่มสำหรับมิติ ชุดทักษะ หรือรายการ) ที่นี่ให้เขียน `value \(n.text) \(num.value)` เพื่อกำหนดค่าของตนเอง")
            return
        }
        if rs.values[v].own[part] != nil {
            diagnostics.add(.duplicateProperty, s.keyword.span, ["value \(n.text)", described(owner)])
            return
        }
        rs.values[v].own[part] = num.value
    }

    /// `value NAME N` (the group's own) or `value NAME N for PART, …` in a group block.
    mutating func setGroupValue(_ s: Statement, group g: Int, in owner: Statement) {
        guard let n = name(s, 0), let v = valueIndex(n), let num = number(s, 1) else { return }
        guard case .names(let parts) = arg(s, 2) else {
            if rs.values[v].groups[g] != nil {
                diagnostics.add(.duplicateProperty, s.keyword.span, ["value \(n.text)", described(owner)])
            } else {
                rs.values[v].groups[g] = num.value
            }
            return
        }
        for pn in parts {
            guard let part = framePart(pn) else { continue }
            if rs.values[v].groupFor[g]?[part] != nil {
                diagnostics.add(.duplicateProperty, pn.span, ["value \(n.text) for \(pn.text)", described(owner)])
                continue
            }
            rs.values[v].groupFor[g, default: [:]][part] = num.value
        }
    }

    /// A dimension, skill set or item by name, reported when it is none of them.
    mutating func framePart(_ n: Name) -> ValuePart? {
        guard let sym = symbols[n.text] else {
            let names = symbols.filter { [.entity(.dimension), .entity(.skillset), .entity(.item)].contains($0.value.kind) }.map(\.key)
            diagnostics.add(.undefinedName, n.span, [n.text], suggestion: Suggestions.closest(to: n.text, in: names))
            return nil
        }
        switch sym.kind {
        case .entity(.dimension): return .dimension(sym.index)
        case .entity(.skillset): return .skillset(sym.index)
        case .entity(.item): return .item(sym.index)
        case .entity(let k):
            diagnostics.add(.wrongNameKind, n.span, [n.text, "@" + k.noun, "@a dimension, skill set or item"])
        case .computed, .progress, .value:
            diagnostics.add(.wrongNameKind, n.span, [n.text, sym.kind == .value ? "@a named value" : "@a score", "@a dimension, skill set or item"])
        }
        return nil
    }

    /// `require ITEM weight NAME`: the value for this group and item, known when the rules are checked.
    mutating func requirementWeight(_ n: Name, group: String, item: Int) -> Rational? {
        guard let v = valueIndex(n), let g = rs.groupByID[group] else { return nil }
        if let (w, _) = rs.values[v].resolve(group: g, item: rs.items[item], index: item) { return w }
        unresolved(v, n.span, group: g, item: item)
        return nil
    }

    mutating func unresolved(_ v: Int, _ span: SourceSpan, group g: Int, item: Int?) {
        let name = rs.values[v].entity.id, gid = rs.groups[g].entity.id
        if let item {
            let iid = rs.items[item].entity.id
            invalid(span, en: "value `\(name)` has no number for item `\(iid)` in group `\(gid)`: the group gives none for the item, its skill set or dimension, none is set on them or on the group, and the value has no `default`",
                    th: "ค่า `\(name)` ไม่มีตัวเลขสำหรับรายการ `\(iid)` ในกลุ่ม `\(gid)`: กลุ่มไม่ได้กำหนดค่าให้รายการ ชุดทักษะ หรือมิติของรายการนี้ ทั้งสามและกลุ่มเองก็ไม่ได้กำหนดค่าไว้ และค่านี้ไม่มี `default`")
        } else {
            invalid(span, en: "value `\(name)` has no number for group `\(gid)`: the group does not set it (`value \(name) N` in the group) and the value has no `default`",
                    th: "ค่า `\(name)` ไม่มีตัวเลขสำหรับกลุ่ม `\(gid)`: กลุ่มไม่ได้กำหนดค่านี้ (`value \(name) N` ในกลุ่ม) และค่านี้ไม่มี `default`")
        }
    }

    mutating func unresolvedPart(_ v: Int, _ span: SourceSpan, group g: Int, _ part: ValuePart) {
        let name = rs.values[v].entity.id, gid = rs.groups[g].entity.id
        let (en, th): (String, String)
        switch part {
        case .dimension(let d): (en, th) = ("dimension `\(rs.dimensions[d].id)`", "มิติ `\(rs.dimensions[d].id)`")
        case .skillset(let s): (en, th) = ("skill set `\(rs.skillsets[s].id)`", "ชุดทักษะ `\(rs.skillsets[s].id)`")
        case .item(let i): (en, th) = ("item `\(rs.items[i].entity.id)`", "รายการ `\(rs.items[i].entity.id)`")
        }
        invalid(span, en: "value `\(name)` has no number for \(en) in group `\(gid)`: nothing sets it there or on the group, and the value has no `default`",
                th: "ค่า `\(name)` ไม่มีตัวเลขสำหรับ\(th) ในกลุ่ม `\(gid)`: ไม่มีการกำหนดค่าไว้ที่นั่นหรือที่กลุ่ม และค่านี้ไม่มี `default`")
    }

    /// A declared value in an expression: for the element's item inside a query over requirements or
    /// items, else for the person's group; nowhere without a person.
    mutating func compileValue(_ v: Int, _ n: String, _ span: SourceSpan, _ scope: Scope) -> (Code, ValueType) {
        if let el = scope.elements.last, el == .requirement || el == .item {
            if valueReads[v]?.perItem == nil { valueReads[v, default: (nil, nil)].perItem = span }
            return (.namedValue(v, .element(el)), .number)
        }
        if scope.elements.last == .person || scope.groupField || scope.groupValues {
            if valueReads[v]?.perGroup == nil { valueReads[v, default: (nil, nil)].perGroup = span }
            return (.namedValue(v, scope.elements.last == .person ? .person : .group), .number)
        }
        invalid(span, en: "`\(n)` is a declared value, read for the person's group or for a requirement's item; there is no person here (a position's `when` decides the group; a target's `goal` is a plain number)",
                th: "`\(n)` เป็นค่าที่ประกาศด้วย value ซึ่งอ่านตามกลุ่มของบุคคลหรือตามรายการของข้อกำหนด ที่นี่ไม่มีบุคคล (`when` ของตำแหน่งใช้ตัดสินกลุ่ม ส่วน `goal` ของเป้าหมายต้องเป็นตัวเลข)")
        return (Checker.placeholder, .error)
    }

    /// `PART.NAME`: the person's group's number for a named dimension, skill set or item.
    mutating func compileValueOfPart(_ v: Int, _ base: Code, _ type: ValueType, _ field: Name, _ scope: Scope) -> (Code, ValueType) {
        var part: ValuePart?
        if case .constant(.entity(let i)) = base {
            switch type {
            case .entity(.dimension): part = .dimension(i)
            case .entity(.skillset): part = .skillset(i)
            case .entity(.item): part = .item(i)
            default: break
            }
        }
        guard let part else {
            invalid(field.span, en: "`.\(field.text)` reads a declared value for a dimension, skill set or item written by its name (e.g. `information.\(field.text)`)",
                    th: "`.\(field.text)` อ่านค่าที่ประกาศด้วย value ของมิติ ชุดทักษะ หรือรายการที่เขียนชื่อไว้ (เช่น `information.\(field.text)`)")
            return (Checker.placeholder, .error)
        }
        let person = scope.elements.last == .person
        guard person || scope.groupField || scope.groupValues else { return compileValue(v, field.text, field.span, scope) }
        if valuePartReads[v]?[part] == nil { valuePartReads[v, default: [:]][part] = field.span }
        return (.namedValue(v, .part(part, person: person)), .number)
    }

    /// Whether compiled code reads a declared value.
    static func readsGroupValue(_ c: Code) -> Bool {
        switch c {
        case .namedValue: return true
        case .neg(let x): return readsGroupValue(x)
        case .arithmetic(_, let a, let b, _): return readsGroupValue(a) || readsGroupValue(b)
        case .ifThen(let a, let b, let d): return readsGroupValue(a) || readsGroupValue(b) || readsGroupValue(d)
        case .call(_, let args, _): return args.contains(where: readsGroupValue)
        default: return false
        }
    }

    /// A threshold for a group (nil: it is not made of numbers and values, or a value has no number).
    func threshold(_ c: Code, group g: Int?) -> Rational? {
        switch c {
        case .constant(.number(let n)): return n
        case .namedValue(let v, .part(let p, _)):
            if let g { return rs.values[v].resolve(group: g, part: p, items: rs.items)?.0 }
            return rs.values[v].defaultValue
        case .namedValue(let v, _):
            if let g { return rs.values[v].resolve(group: g)?.0 }
            return rs.values[v].defaultValue
        case .neg(let x): return threshold(x, group: g).flatMap { -$0 }
        case .arithmetic(let op, let a, let b, _):
            guard let x = threshold(a, group: g), let y = threshold(b, group: g) else { return nil }
            return Rational.arithmetic(op, x, y)
        default: return nil
        }
    }

    /// A band whose thresholds read declared values has one set of thresholds per group: each set
    /// is analysed (the groups in declaration order), and a finding names the first group it holds for.
    mutating func analysePerGroupBand(_ band: Name, _ cases: [BandCaseDef]) {
        var seen: Set<[Rational?]> = []
        var reported: Set<Int> = []
        var gapReported = false
        // Every person is in a group; a rule set without groups has the defaults only.
        let owners: [Int?] = rs.groups.isEmpty ? [nil] : Array(rs.groups.indices)
        for g in owners {
            let values = cases.map { c in c.threshold.flatMap { threshold($0, group: g) } }
            guard seen.insert(values).inserted else { continue }
            let constants = zip(cases, values).map { c, v in c.op.flatMap { op in v.map { (op, $0) } } }
            guard let (unreachable, gap) = bandFindings(cases, constants) else { continue }
            let shown = zip(cases, values).compactMap { c, v in c.op.flatMap { op in v.map { "`\(c.entity.id)` \(op.rawValue) \($0)" } } }
                .joined(separator: ", ")
            let suffix = g.map { "@forgroup:\(rs.groups[$0].entity.id):\(shown)" } ?? ""
            for ci in unreachable where reported.insert(ci).inserted {
                diagnostics.add(.unreachableBand, cases[ci].entity.span, [cases[ci].entity.id, suffix])
            }
            if let gap, !gapReported {
                gapReported = true
                diagnostics.add(Diagnostic(.bandGap, band.span, [band.text, gap, suffix], severity: .warning))
            }
        }
    }

    /// Fills the tables the evaluator reads, and reports the first group (and item) for which a
    /// value that the rules read has no number.
    mutating func resolveValues() {
        for (v, parts) in valuePartReads {
            for (part, span) in parts.sorted(by: { $0.value < $1.value }) {
                var row: [Rational] = []
                for g in rs.groups.indices {
                    guard let (x, _) = rs.values[v].resolve(group: g, part: part, items: rs.items) else {
                        if case .item(let i) = part { unresolved(v, span, group: g, item: i) } else { unresolvedPart(v, span, group: g, part) }
                        row = []
                        break
                    }
                    row.append(x)
                }
                rs.values[v].byPart[part] = row
            }
        }
        for v in rs.values.indices {
            guard let reads = valueReads[v] else { continue }
            if let span = reads.perItem {
                var table: [[Rational]] = []
                var missing: (Int, Int)?
                for g in rs.groups.indices where missing == nil {
                    var row: [Rational] = []
                    row.reserveCapacity(rs.items.count)
                    for (i, item) in rs.items.enumerated() {
                        guard let (x, _) = rs.values[v].resolve(group: g, item: item, index: i) else { missing = (g, i); break }
                        row.append(x)
                    }
                    table.append(row)
                }
                if let (g, i) = missing { unresolved(v, span, group: g, item: i) } else { rs.values[v].byGroupAndItem = table }
            }
            // The per-group numbers also serve band thresholds (read per group).
            if let span = reads.perGroup {
                var row: [Rational] = []
                for g in rs.groups.indices {
                    guard let (x, _) = rs.values[v].resolve(group: g) else {
                        unresolved(v, span, group: g, item: nil)
                        row = []
                        break
                    }
                    row.append(x)
                }
                rs.values[v].byGroup = row
            }
        }
    }
}
