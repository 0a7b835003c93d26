/// L003 courses that serve nothing, L004 required competencies without a course in the group's
/// track, L006 courses that serve no item their track's groups require.
enum CourseRules {
    /// L003: a course without `serves`: the IDP proposes courses only through `serves`.
    @Sendable static func courseServesNothing(_ ctx: LintContext) -> [LintFinding] {
        var out: [LintFinding] = []
        for t in ctx.rules.tracks {
            for c in t.courses where c.serves.isEmpty {
                out.append(LintFinding(rule: "L003", span: ctx.courseIDSpan(c), subject: t.entity.id + "/" + c.id,
                                       args: [c.id, t.entity.id]))
            }
        }
        return out
    }

    /// L004: a competency a group requires in the current phase that no course of the group's
    /// track serves. A group with required competencies and no track at all is one finding.
    @Sendable static func competencyWithoutCourse(_ ctx: LintContext) -> [LintFinding] {
        let rs = ctx.rules
        var out: [LintFinding] = []
        for g in rs.groups.indices {
            let gid = rs.groups[g].entity.id
            let competencies = ctx.currentRequirements(of: g).filter { ctx.isCompetency($0.item) }
            guard !competencies.isEmpty else { continue }
            guard let t = rs.trackOf(group: g) else {
                let ids = competencies.map { rs.items[$0.item].entity.id }.joined(separator: ", ")
                out.append(LintFinding(rule: "L004", variant: "noTrack", span: rs.groups[g].entity.span, subject: gid,
                                       args: [gid, ids]))
                continue
            }
            let track = rs.tracks[t]
            for r in competencies where (track.coursesByItem[r.item] ?? []).isEmpty {
                let item = rs.items[r.item].entity.id
                out.append(LintFinding(rule: "L004", span: r.span, subject: item + "/" + gid,
                                       args: [item, gid, track.entity.id], related: track.entity.span))
            }
        }
        return out
    }

    /// L006: a course (with `serves`) none of whose items any group of its track requires in the
    /// current or the next phase. Tracks that no group uses are left alone.
    @Sendable static func courseServesNoRequiredItem(_ ctx: LintContext) -> [LintFinding] {
        let rs = ctx.rules
        var out: [LintFinding] = []
        for t in rs.tracks.indices {
            let groups = ctx.groups(ofTrack: t)
            guard !groups.isEmpty else { continue }
            var needed = Set<Int>()
            for g in groups { needed.formUnion(ctx.developedItems(of: g)) }
            let track = rs.tracks[t]
            for c in track.courses where !c.serves.isEmpty && !c.serves.contains(where: { needed.contains($0.item) }) {
                let served = c.serves.map { s in
                    rs.items[s.item].entity.id + (s.topic.map { " topic \"\($0)\"" } ?? "")
                }.joined(separator: ", ")
                out.append(LintFinding(rule: "L006", span: ctx.courseIDSpan(c), subject: track.entity.id + "/" + c.id,
                                       args: [c.id, track.entity.id, served,
                                              groups.map { rs.groups[$0].entity.id }.joined(separator: ", ")]))
            }
        }
        return out
    }
}
