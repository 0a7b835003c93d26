/// L001 unused items, L002 unused lists.
enum UsageRules {
    /// L001: an item no group requires (any phase), no course serves and no expression names.
    @Sendable static func unusedItems(_ ctx: LintContext) -> [LintFinding] {
        let rs = ctx.rules
        var used = Set<Int>()
        for g in rs.groups { for reqs in g.phases.values { used.formUnion(reqs.map(\.item)) } }
        for t in rs.tracks { for c in t.courses { used.formUnion(c.serves.map(\.item)) } }
        let named = ctx.namesInExpressions()
        return rs.items.indices.compactMap { i in
            let item = rs.items[i]
            guard !used.contains(i), !named.contains(item.entity.id) else { return nil }
            return LintFinding(rule: "L001", span: item.entity.span, subject: item.entity.id, args: [item.entity.id])
        }
    }

    /// L002: a list read by no score, list, band, IDP pick or target. Scores are not reported:
    /// every score is a result of its own (it is printed for each person), used or not.
    @Sendable static func unusedLists(_ ctx: LintContext) -> [LintFinding] {
        let rs = ctx.rules
        var used = Set<Int>()
        for c in rs.computed + rs.progress { LintContext.references(c.code, into: &used) }
        for b in rs.bands where b.score >= 0 {
            used.insert(b.score)
            for c in b.cases { if let t = c.threshold { LintContext.references(t, into: &used) } }
        }
        for p in rs.idp?.picks ?? [] { LintContext.references(p, into: &used) }
        for t in rs.targets {
            if let m = t.measure { LintContext.references(m, into: &used) }
            LintContext.references(t.goal, into: &used)
            for a in t.accumulators {
                if let f = a.filter { LintContext.references(f, into: &used) }
                if let p = a.projection { LintContext.references(p, into: &used) }
            }
        }
        return rs.computed.indices.compactMap { i in
            let c = rs.computed[i]
            guard c.isList, !used.contains(i) else { return nil }
            return LintFinding(rule: "L002", span: c.entity.span, subject: c.entity.id, args: [c.entity.id])
        }
    }
}
