/// L005: group requirement lists versus the audience marks of sub-topics, in both directions.
///
/// Computed from the compiled rule set alone, so an edit to either side shows up at once:
/// - `marked`: some sub-topic of item X names group G in its `audience`, but G does not require X
///   in the current phase. Located at G's mark in the first such sub-topic.
/// - `listed`: G requires X in the current phase, X has sub-topics with audience marks, and none of
///   them names G. Located at the requirement.
/// One finding per (item, group, direction). Items whose sub-topics carry no audience marks at all
/// (or that have no sub-topics) are not compared: there is nothing to disagree with.
enum AudienceRule {
    @Sendable static func requirementsVersusAudience(_ ctx: LintContext) -> [LintFinding] {
        let rs = ctx.rules
        guard let phase = ctx.currentPhase else { return [] }
        let phaseID = ctx.phaseName(phase)
        let required: [[Int: RequirementDef]] = rs.groups.indices.map { g in
            Dictionary(ctx.currentRequirements(of: g).map { ($0.item, $0) }, uniquingKeysWith: { a, _ in a })
        }
        var out: [LintFinding] = []
        for (i, item) in rs.items.enumerated() where item.topics.contains(where: { !$0.audience.isEmpty }) {
            let code = item.entity.id
            for g in rs.groups.indices {
                let gid = rs.groups[g].entity.id
                let marking = item.topics.filter { $0.audience.contains(g) }
                let requirement = required[g][i]
                if let first = marking.first, requirement == nil {
                    out.append(LintFinding(rule: "L005", variant: "marked", span: ctx.audienceMark(first, group: g),
                                           subject: code + "/" + gid,
                                           args: [code, marking.map(\.number).joined(separator: ", "), gid, phaseID]))
                } else if marking.isEmpty, let r = requirement {
                    out.append(LintFinding(rule: "L005", variant: "listed", span: r.span, subject: code + "/" + gid,
                                           args: [code, gid, item.topics.map(\.number).joined(separator: ", "), phaseID],
                                           related: item.topics[0].span))
                }
            }
        }
        return out
    }
}
