/// A span-free text form of the syntax tree: two trees are the same, ignoring where things were
/// written (and parentheses, which the tree does not keep), exactly when their dumps are equal.
enum SyntaxDump {
    static func dump(_ statements: [Statement]) -> String {
        var out = ""
        for s in statements { statement(s, &out) }
        return out
    }

    static func statement(_ s: Statement, _ out: inout String) {
        out += "(" + s.keyword.text
        for a in s.args { out += " "; arg(a, &out) }
        if let block = s.block {
            out += " {"
            for c in block { statement(c, &out) }
            out += "}"
        }
        out += ")"
    }

    static func q(_ s: String) -> String { s.debugDescription }
    static func num(_ r: Rational) -> String { "\(r.num)/\(r.den)" }

    static func arg(_ a: Arg, _ out: inout String) {
        switch a {
        case .name(let n): out += "name:" + n.text
        case .names(let ns): out += "names[" + ns.map(\.text).joined(separator: ",") + "]"
        case .string(let t): out += "str:" + q(t.value)
        case .strings(let ts): out += "strs[" + ts.map { q($0.value) }.joined(separator: ",") + "]"
        case .number(let n): out += "num:" + num(n.value)
        case .range(let a, let b): out += "range:" + num(a.value) + ".." + num(b.value)
        case .title(let t): out += "title:" + q(t.th.value) + (t.en.map { " en:" + q($0.value) } ?? "")
        case .requirements(let es):
            out += "req["
            for e in es {
                out += e.item.text
                if let l = e.level { out += " level:"; arg(l, &out) }
                if let w = e.weight { out += " weight:" + num(w.value) }
                if let w = e.weightName { out += " weight:" + w.text }
                out += ";"
            }
            out += "]"
        case .serves(let es):
            out += "serves[" + es.map { $0.item.text + ($0.topic.map { " topic:" + q($0.value) } ?? "") }.joined(separator: ";") + "]"
        case .expr(let e): out += "expr:"; expr(e, &out)
        case .compare(let op, let e): out += "cmp:" + op.rawValue + " "; expr(e, &out)
        case .word(let w, _): out += "word:" + w
        case .per(let p, let v): out += "per:" + p.text + " " + v.text
        case .fields(let fs):
            out += "with["
            for f in fs {
                out += f.name.text + (f.title.map { " title:" + q($0.th.value) + ($0.en.map { " en:" + q($0.value) } ?? "") } ?? "") + "="
                expr(f.expr, &out)
                out += ";"
            }
            out += "]"
        case .absent: out += "absent"
        }
    }

    static func expr(_ e: Expr, _ out: inout String) {
        switch e.kind {
        case .number(let r): out += num(r)
        case .string(let s): out += q(s)
        case .bool(let b): out += b ? "true" : "false"
        case .name(let n): out += "$" + n
        case .member(let b, let n): out += "(. "; expr(b, &out); out += " " + n.text + ")"
        case .unary(let op, let x): out += "(u" + op.rawValue + " "; expr(x, &out); out += ")"
        case .binary(let op, let l, let r): out += "(" + op.rawValue + " "; expr(l, &out); out += " "; expr(r, &out); out += ")"
        case .ifThen(let c, let a, let b):
            out += "(if "; expr(c, &out); out += " "; expr(a, &out); out += " "; expr(b, &out); out += ")"
        case .call(let n, let args):
            out += "(call " + n.text
            for a in args { out += " "; expr(a, &out) }
            out += ")"
        case .query(let s, let f, let order):
            out += "(query "; expr(s, &out)
            if let f { out += " where "; expr(f, &out) }
            for k in order { out += " by "; expr(k.key, &out); if k.descending { out += " desc" } }
            out += ")"
        case .first(let n, let q):
            out += "(first "; expr(n, &out); out += " "; expr(q, &out); out += ")"
        case .list(let items):
            out += "(list"
            for i in items { out += " "; expr(i, &out) }
            out += ")"
        case .missing: out += "(missing)"
        }
    }
}
