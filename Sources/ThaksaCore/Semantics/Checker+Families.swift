/// Score families (`score NAME per dimension d = …`: one value per declared dimension, skill set or
/// kind) and computed fields of list elements (`list NAME = … with FIELD = …`).
extension Checker {
    func familyPart(_ slot: Int) -> PartKind? { rs.computed[slot].family }

    /// The `per` clause of a score statement, checked: the part and the name its member goes by.
    mutating func familyClause(_ s: Statement) -> (part: PartKind, variable: Name)? {
        guard case .per(let partName, let variable) = arg(s, 2) else { return nil }
        guard let part = PartKind(rawValue: partName.text) else {
            diagnostics.add(Diagnostic(.invalidValue, partName.span,
                ["a score family is `per dimension`, `per skillset` or `per kind`, not `per \(partName.text)`",
                 "คะแนนรายส่วนต้องเป็น `per dimension`, `per skillset` หรือ `per kind` ไม่ใช่ `per \(partName.text)`"],
                suggestion: Suggestions.closest(to: partName.text, in: PartKind.allCases.map(\.rawValue))))
            return nil
        }
        if rs.members(part).isEmpty {
            invalid(partName.span, en: "the rule set declares no \(part.rawValue): a family `per \(part.rawValue)` would have no members",
                    th: "ชุดกฎนี้ไม่ได้ประกาศ \(part.rawValue) ไว้เลย คะแนนรายส่วน `per \(part.rawValue)` จึงไม่มีสมาชิก")
            return nil
        }
        guard isFreshLocalName(variable.text) else {
            invalid(variable.span, en: "`\(variable.text)` already means something here (a declared or built-in name, or a field); choose another name for the \(part.rawValue) of the family",
                    th: "`\(variable.text)` มีความหมายอยู่แล้ว (ชื่อที่ประกาศ ชื่อที่ระบบใช้ หรือฟิลด์) ให้ตั้งชื่ออื่นแทน \(part.rawValue) ของคะแนนรายส่วนนี้")
            return nil
        }
        return (part, variable)
    }

    /// A name not declared and not built in (fields, collections, person fields, functions, round names).
    func isFreshLocalName(_ n: String) -> Bool {
        symbols[n] == nil && Field(rawValue: n) == nil && Collection(rawValue: n) == nil && PersonField(rawValue: n) == nil
            && n != "people" && Function(rawValue: n) == nil && AggregateKind(rawValue: n) == nil
            && RoundName(rawValue: n) == nil && IDPOutcome(key: n) == nil && n != "previous"
    }

    mutating func bareFamily(_ n: String, _ span: SourceSpan) -> (Code, ValueType) {
        let part = familyPart(symbols[n]?.index ?? 0) ?? .dimension
        let first = rs.members(part).first?.id ?? part.rawValue
        invalid(span, en: "`\(n)` is a family of scores, one per \(part.rawValue): read one member with `\(n)(\(first))`, or use it over `\(part.collection.rawValue)` (e.g. `sum(\(part.collection.rawValue), \(n))`)",
                th: "`\(n)` เป็นคะแนนรายส่วน มีค่าหนึ่งค่าต่อ \(part.rawValue) ให้อ่านค่าของส่วนหนึ่งด้วย `\(n)(\(first))` หรือใช้ภายใน `\(part.collection.rawValue)` (เช่น `sum(\(part.collection.rawValue), \(n))`)")
        return (Checker.placeholder, .error)
    }

    mutating func familyOfAnotherPart(_ n: String, _ family: PartKind, _ element: PartKind, _ span: SourceSpan) -> (Code, ValueType) {
        invalid(span, en: "`\(n)` has one value per \(family.rawValue), but each element here is a \(element.rawValue)",
                th: "`\(n)` มีค่าหนึ่งค่าต่อ \(family.rawValue) แต่สมาชิกแต่ละตัวตรงนี้เป็น \(element.rawValue)")
        return (Checker.placeholder, .error)
    }

    /// `family(member)`: one member's value; the argument is any expression of the part's type
    /// (`readiness(dim1)`, or `readiness(dimension)` for a requirement's dimension).
    mutating func compileFamilyRead(_ fn: Name, _ slot: Int, _ args: [Expr], _ span: SourceSpan, _ scope: inout Scope) -> (Code, ValueType) {
        let part = familyPart(slot) ?? .dimension
        let person = scope.elements.last == .person
        guard scope.computed || person else {
            invalid(fn.span, en: "scores and lists cannot be used here", th: "ใช้คะแนนหรือรายการคำนวณที่นี่ไม่ได้")
            return (Checker.placeholder, .error)
        }
        guard args.count == 1 else {
            diagnostics.add(.wrongArgumentCount, fn.span, [fn.text, "1", String(args.count)])
            return (Checker.placeholder, .error)
        }
        let (ac, at) = compileExpr(args[0], &scope)
        if at == .error { return (Checker.placeholder, .error) }
        guard at == .entity(part.entityKind) else { return mismatch(args[0], .entity(part.entityKind), at) }
        guard let t = computedType(slot, fn.span) else { return (Checker.placeholder, .error) }
        return (.familyValue(slot, ac, person: person, span), t)
    }

    /// The fields an expression's elements carry: those of the list it names, through `where`,
    /// `order by` and `first N of`.
    func fieldsOf(_ e: Expr) -> [String: (slot: Int, index: Int)] {
        switch e.kind {
        case .name(let n):
            guard let sym = symbols[n], sym.kind == .computed, rs.computed[sym.index].isList else { return [:] }
            var out: [String: (slot: Int, index: Int)] = [:]
            for (k, f) in rs.computed[sym.index].fields.enumerated() { out[f.entity.id] = (sym.index, k) }
            return out
        case .query(let source, _, _): return fieldsOf(source)
        case .first(_, let q): return fieldsOf(q)
        default: return [:]
        }
    }

    /// The `with` fields of list `slot` (whose query `e` has elements `element`): those of its
    /// source first, then its own, each computed with the element and the fields before it in scope.
    mutating func compileFields(_ slot: Int, _ s: Statement, _ e: Expr, _ element: ElementType) {
        let inherited = fieldsOf(e)
        var fields = inherited.sorted { $0.value.index < $1.value.index }.map { rs.computed[$0.value.slot].fields[$0.value.index] }
        guard case .fields(let decls) = arg(s, 3) else { rs.computed[slot].fields = fields; return }
        var scope = Scope.person
        var inScope = inherited
        for d in decls {
            let n = d.name.text
            if inScope[n] != nil || !isFreshLocalName(n) {
                let en = inScope[n] != nil ? "the elements of this list already have a field `\(n)`"
                    : "`\(n)` already means something here (a built-in field such as `level` or `title`, a declared or built-in name); choose another name for the field"
                let th = inScope[n] != nil ? "สมาชิกของรายการนี้มีฟิลด์ `\(n)` อยู่แล้ว"
                    : "`\(n)` มีความหมายอยู่แล้ว (ฟิลด์ที่ระบบมี เช่น `level` หรือ `title` ชื่อที่ประกาศ หรือชื่อที่ระบบใช้) ให้ตั้งชื่อฟิลด์อื่น"
                invalid(d.name.span, en: en, th: th)
                continue
            }
            scope.enter(element, fields: inScope)
            let (code, type) = compileExpr(d.expr, &scope)
            scope.leave()
            if type == .error { continue }
            guard case .scalar = type else {
                invalid(d.expr.span, en: "a field holds a single value (a number, text or true/false), but this is a list",
                        th: "ฟิลด์ต้องเป็นค่าเดียว (ตัวเลข ข้อความ หรือค่าจริง/เท็จ) แต่ค่านี้เป็นรายการชุด")
                continue
            }
            inScope[n] = (slot, fields.count)
            fields.append(ListField(entity: Entity(id: n, title: d.title.map { LocalizedText(th: $0.th.value, en: $0.en?.value) } ?? LocalizedText(th: n),
                                                   span: d.name.span), type: type, code: Checker.fast(code, element)))
            rs.computed[slot].fields = fields   // later fields read the earlier ones
        }
        rs.computed[slot].fields = fields
    }
}
