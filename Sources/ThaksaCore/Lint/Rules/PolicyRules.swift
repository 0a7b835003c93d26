/// L007 band threshold order, L008 IDP minimum above a group's requirements, L009 bucket shares,
/// L010 programme split.
enum PolicyRules {
    /// L007: cases are tried top to bottom, so in the `>=`/`>` cases of a band each threshold must
    /// be lower than the one before, and in the `<=`/`<` cases higher. The checker reports
    /// unreachable cases and gaps for plain-number thresholds; this also reads constant
    /// expressions (`40 + 40`), which the checker does not analyse, and equal thresholds.
    @Sendable static func bandThresholdOrder(_ ctx: LintContext) -> [LintFinding] {
        var out: [LintFinding] = []
        for band in ctx.rules.bands {
            var previous: [Bool: (value: Rational, c: BandCaseDef)] = [:]   // key: descending chain?
            for c in band.cases {
                guard let op = c.op, let t = c.threshold, let v = LintContext.constantNumber(t) else { continue }
                let descending: Bool
                switch op {
                case .ge, .gt: descending = true
                case .le, .lt: descending = false
                case .eq, .ne: continue
                }
                if let p = previous[descending], descending ? v >= p.value : v <= p.value {
                    out.append(LintFinding(rule: "L007", variant: descending ? "descending" : "ascending", span: c.entity.span,
                                           subject: band.entity.id + "/" + c.entity.id,
                                           args: [band.entity.id, c.entity.id, "\(op.rawValue) \(v)",
                                                  p.c.entity.id, "\(p.c.op!.rawValue) \(p.value)"],
                                           related: p.c.entity.span))
                }
                previous[descending] = (v, c)
            }
        }
        return out
    }

    /// L008: the IDP's minimum item count is more than some group has requirements (current phase).
    @Sendable static func idpMinimumAboveRequirements(_ ctx: LintContext) -> [LintFinding] {
        guard let idp = ctx.rules.idp, idp.minItems > 0 else { return [] }
        let at = LintContext.child(ctx.statements("idp").first, "items")?.span ?? idp.span
        return ctx.rules.groups.indices.compactMap { g in
            let n = ctx.currentRequirements(of: g).count
            guard idp.minItems > n else { return nil }
            let gid = ctx.rules.groups[g].entity.id
            return LintFinding(rule: "L008", span: at, subject: gid,
                               args: [String(idp.minItems), gid, String(n), ctx.phaseName(ctx.currentPhase)],
                               related: ctx.rules.groups[g].entity.span)
        }
    }

    /// L009: the buckets' shares (70:20:10) add up to 100.
    @Sendable static func bucketShares(_ ctx: LintContext) -> [LintFinding] {
        let buckets = ctx.rules.buckets
        guard let first = buckets.first else { return [] }
        var sum: Rational? = .zero
        for b in buckets { sum = sum.flatMap { $0 + b.share } }
        guard sum != .hundred else { return [] }
        let parts = buckets.map { "\($0.entity.id) \($0.share)" }.joined(separator: ", ")
        return [LintFinding(rule: "L009", span: first.entity.span, subject: "buckets",
                            args: [sum.map(\.description) ?? "?", parts])]
    }

    /// L010: the programme's `split` of current and next phase adds up to 100.
    @Sendable static func programmeSplit(_ ctx: LintContext) -> [LintFinding] {
        guard let split = ctx.rules.split else { return [] }
        let sum = split.current + split.next
        guard sum != .hundred else { return [] }
        let programme = ctx.statements("programme").first
        let at = LintContext.child(programme, "split")?.span ?? programme?.span ?? .none
        return [LintFinding(rule: "L010", span: at, subject: "split",
                            args: [split.current.description, split.next.description, sum.map(\.description) ?? "?"])]
    }
}
