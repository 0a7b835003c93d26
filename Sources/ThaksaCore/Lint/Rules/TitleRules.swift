/// L011 duplicate item titles, L012 duplicate course titles within a track, L013 position titles
/// declared more than once without conditions that tell them apart.
enum TitleRules {
    /// A title with spaces and punctuation removed and letters lowercased: two titles with the same
    /// key differ only in spacing, punctuation or case.
    static func key(_ title: String) -> String {
        var out = String.UnicodeScalarView()
        for s in title.lowercased().unicodeScalars where !s.properties.isWhitespace {
            switch s.properties.generalCategory {
            case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
                 .initialPunctuation, .finalPunctuation, .otherPunctuation, .spaceSeparator, .control, .format:
                continue
            default: out.append(s)
            }
        }
        return String(out)
    }

    /// For each title after the first with its key: the earlier one and whether they are identical.
    static func duplicates(_ titles: [String]) -> [(later: Int, first: Int, identical: Bool)] {
        var seen: [String: Int] = [:]
        var out: [(Int, Int, Bool)] = []
        for (i, t) in titles.enumerated() {
            let k = key(t)
            guard !k.isEmpty else { continue }
            if let f = seen[k] { out.append((i, f, titles[f] == t)) } else { seen[k] = i }
        }
        return out
    }

    /// L011: the same item title twice (the Thai title, as shown on forms).
    @Sendable static func duplicateItemTitles(_ ctx: LintContext) -> [LintFinding] {
        let items = ctx.rules.items
        return duplicates(items.map(\.entity.title.th)).map { d in
            LintFinding(rule: "L011", variant: d.identical ? nil : "near", span: items[d.later].entity.span,
                        subject: items[d.later].entity.id, args: [items[d.later].entity.id, items[d.first].entity.id],
                        related: items[d.first].entity.span)
        }
    }

    /// L012: two courses of one track with the same title, or nearly the same.
    @Sendable static func duplicateCourseTitles(_ ctx: LintContext) -> [LintFinding] {
        var out: [LintFinding] = []
        for t in ctx.rules.tracks {
            for d in duplicates(t.courses.map(\.title.th)) {
                let later = t.courses[d.later], first = t.courses[d.first]
                out.append(LintFinding(rule: "L012", variant: d.identical ? nil : "near", span: ctx.courseIDSpan(later),
                                       subject: t.entity.id + "/" + later.id, args: [later.id, first.id, t.entity.id],
                                       related: ctx.courseIDSpan(first)))
            }
        }
        return out
    }

    /// L013: the first declaration of a title whose `when` holds decides the group. A later
    /// declaration is not told apart when an earlier one has no `when`, or the same `when`.
    @Sendable static func ambiguousPositions(_ ctx: LintContext) -> [LintFinding] {
        let rs = ctx.rules
        var out: [LintFinding] = []
        for (j, p) in rs.positions.enumerated() {
            let earlier = (rs.positionsByTitle[p.title] ?? []).filter { $0 < j }
            let cj = ctx.positionCondition(p)
            for i in earlier {
                let q = rs.positions[i]
                let ci = ctx.positionCondition(q)
                let variant: String
                if q.group == p.group, ci == nil || ci == cj { variant = "twice" }
                else if ci == nil { variant = cj == nil ? "unconditional" : "shadowed" }
                else if ci == cj { variant = "sameCondition" }
                else { continue }
                let gi = rs.groups[q.group].entity.id, gj = rs.groups[p.group].entity.id
                out.append(LintFinding(rule: "L013", variant: variant, span: ctx.positionTitleSpan(p),
                                       subject: p.title + "/" + gj, args: [p.title, gi, gj],
                                       related: ctx.positionTitleSpan(q)))
                break
            }
        }
        return out
    }
}
