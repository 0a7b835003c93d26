/// Mistakes a policy officer makes when editing the structure of a rule set, which `check` cannot
/// see because every name resolves: L015 phase years out of order or overlapping, L016 overlapping
/// quarters, L017 position titles that differ only in spaces, L018 a basic item dropped from one
/// group, L019 a group and its track disagreeing, L020 a target goal outside 0-100, L021 a target
/// year in no phase.
enum StructureRules {
    /// A phase's years as written: `years A to B` or `from A` (open-ended).
    struct PhaseYears { var phase: String; var start: Int; var end: Int?; var span: SourceSpan }

    static func phaseYears(_ ctx: LintContext) -> [PhaseYears] {
        ctx.statements("phase").compactMap { s -> PhaseYears? in
            guard s.block != nil || s.args.count >= 2, case .name(let n)? = s.args.first else { return nil }
            if let y = LintContext.child(s, "years"), case .range(let a, let b)? = y.args.first, a.value.isInteger, b.value.isInteger {
                return PhaseYears(phase: n.text, start: Int(a.value.num), end: Int(b.value.num), span: y.span)
            }
            if let f = LintContext.child(s, "from"), case .number(let a)? = f.args.first, a.value.isInteger {
                return PhaseYears(phase: n.text, start: Int(a.value.num), end: nil, span: f.span)
            }
            return nil
        }.filter { p in ctx.rules.phases.contains { $0.id == p.phase } }   // top-level phases, not a group's
    }

    /// L015: phases follow one another: each starts after the one declared before it ends.
    @Sendable static func phaseOrder(_ ctx: LintContext) -> [LintFinding] {
        let years = phaseYears(ctx)
        var out: [LintFinding] = []
        for (k, p) in years.enumerated() where k > 0 {
            let q = years[k - 1]
            let qText = q.end.map { "\(q.start)-\($0)" } ?? "\(q.start)-"
            let pText = p.end.map { "\(p.start)-\($0)" } ?? "\(p.start)-"
            if p.start < q.start {
                out.append(LintFinding(rule: "L015", variant: "order", span: p.span, subject: p.phase,
                                       args: [p.phase, pText, q.phase, qText], related: q.span))
            } else if q.end.map({ p.start <= $0 }) ?? true {
                out.append(LintFinding(rule: "L015", variant: "overlap", span: p.span, subject: p.phase,
                                       args: [p.phase, pText, q.phase, qText], related: q.span))
            }
        }
        return out
    }

    /// The months of a quarter; `months 10 to 12`, or across the year end `months 11 to 1`.
    static func months(_ q: QuarterDef) -> Set<Int> {
        let (a, b) = q.months
        return a <= b ? Set(a...b) : Set(a...12).union(1...b)
    }

    /// L016: two quarters share a month.
    @Sendable static func overlappingQuarters(_ ctx: LintContext) -> [LintFinding] {
        let qs = ctx.rules.quarters
        var out: [LintFinding] = []
        for (j, q) in qs.enumerated() {
            for i in 0..<j {
                let shared = months(qs[i]).intersection(months(q)).sorted()
                guard !shared.isEmpty else { continue }
                out.append(LintFinding(rule: "L016", span: q.entity.span, subject: q.entity.id,
                                       args: [q.entity.id, qs[i].entity.id, shared.map(String.init).joined(separator: ", ")],
                                       related: qs[i].entity.span))
                break
            }
        }
        return out
    }

    /// L017: two position titles, for different groups, that differ only in spaces (`L013` covers
    /// the same title; runs of spaces are already one title).
    @Sendable static func positionTitleSpacing(_ ctx: LintContext) -> [LintFinding] {
        let rs = ctx.rules
        var first: [String: Int] = [:]
        var out: [LintFinding] = []
        for (j, p) in rs.positions.enumerated() {
            let key = String(p.title.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init))
            guard let i = first[key] else { first[key] = j; continue }
            let q = rs.positions[i]
            guard q.title != p.title, q.group != p.group else { continue }
            out.append(LintFinding(rule: "L017", span: ctx.positionTitleSpan(p), subject: p.title,
                                   args: [p.title, rs.groups[p.group].entity.id, q.title, rs.groups[q.group].entity.id],
                                   related: ctx.positionTitleSpan(q)))
        }
        return out
    }

    /// L018: a basic item is one outside the framework's dimensions and skill sets (competencies
    /// differ by group by design) that every other group requires in the current phase, with at
    /// least three groups — in the OCSC framework the basic knowledge KB, basic experience XB and
    /// attributes AT. The one group that lacks it, while it requires other basic items of the same
    /// kind, has most likely lost it in an edit.
    /// Reported at the group's `require` line holding items of the same kind, else at the group.
    @Sendable static func basicItemDropped(_ ctx: LintContext) -> [LintFinding] {
        let rs = ctx.rules
        guard rs.groups.count >= 3, let phase = ctx.currentPhase else { return [] }
        let required = rs.groups.indices.map { Set(ctx.currentRequirements(of: $0).map(\.item)) }
        var out: [LintFinding] = []
        for item in rs.items.indices where !ctx.isCompetency(item) {
            let missing = rs.groups.indices.filter { !required[$0].contains(item) }
            guard missing.count == 1, let g = missing.first else { continue }
            let kind = rs.items[item].kind
            // The group shares the basic items of this kind otherwise (it is not a different structure).
            let sharesKind = required[g].contains { i in
                rs.items[i].kind == kind && !ctx.isCompetency(i) && required.allSatisfy { $0.contains(i) }
            }
            guard sharesKind else { continue }
            let sameKind = Set(rs.items.indices.filter { rs.items[$0].kind == kind }.map { rs.items[$0].entity.id })
            var at = rs.groups[g].entity.span
            let block = groupStatement(ctx, g)?.block?.first { s in
                if s.keyword.text == "phase", case .name(let n)? = s.args.first { return n.text == rs.phases[phase].id } else { return false }
            }
            if let line = block?.block?.first(where: { s in
                guard s.keyword.text == "require", case .requirements(let entries)? = s.args.first else { return false }
                return entries.contains { sameKind.contains($0.item.text) }
            }) { at = line.span } else if let b = block { at = b.keyword.span }
            let id = rs.items[item].entity.id, gid = rs.groups[g].entity.id
            out.append(LintFinding(rule: "L018", span: at, subject: "\(id)/\(gid)",
                                   args: [id, gid, String(rs.groups.count - 1), ctx.phaseName(phase)],
                                   related: rs.items[item].entity.span))
        }
        return out
    }

    /// The `group` statement that declared group `g`.
    static func groupStatement(_ ctx: LintContext, _ g: Int) -> Statement? {
        let at = ctx.rules.groups[g].entity.span
        return ctx.statements("group").first { s in if case .name(let n)? = s.args.first { return n.span == at } else { return false } }
    }

    /// L019: a track lists in `groups` a group whose own `track` is another one (the IDP of that
    /// group draws on its own track, so the list says something the rules do not do).
    @Sendable static func groupTrackMismatch(_ ctx: LintContext) -> [LintFinding] {
        let rs = ctx.rules
        var out: [LintFinding] = []
        for (t, track) in rs.tracks.enumerated() {
            let statement = ctx.statements("track").first { s in
                if case .name(let n)? = s.args.first { return n.span == track.entity.span } else { return false }
            }
            let at = LintContext.child(statement, "groups")?.span ?? track.entity.span
            for g in track.groups {
                guard let own = rs.groups[g].track, own != t else { continue }
                let gid = rs.groups[g].entity.id
                out.append(LintFinding(rule: "L019", span: at, subject: "\(gid)/\(track.entity.id)",
                                       args: [track.entity.id, gid, rs.tracks[own].entity.id], related: rs.groups[g].entity.span))
            }
        }
        return out
    }

    /// The declared targets' statements with their names.
    static func targets(_ ctx: LintContext) -> [(Name, Statement)] {
        ctx.statements("target").compactMap { t in
            guard case .name(let n)? = t.args.first, ctx.rules.targets.contains(where: { $0.entity.id == n.text }) else { return nil }
            return (n, t)
        }
    }

    /// L020: a target's goal is a percentage (ร้อยละ), so a fixed goal outside 0-100 is a typo.
    @Sendable static func targetGoal(_ ctx: LintContext) -> [LintFinding] {
        var out: [LintFinding] = []
        for (n, target) in targets(ctx) {
            if let goal = LintContext.child(target, "goal"), case .compare(_, let e)? = goal.args.first,
               case .number(let v) = e.kind, v < .zero || v > .hundred {
                out.append(LintFinding(rule: "L020", span: goal.span, subject: n.text, args: [n.text, v.description]))
            }
        }
        return out
    }

    /// L021: a target's year falls in no phase's years.
    @Sendable static func targetYear(_ ctx: LintContext) -> [LintFinding] {
        let years = phaseYears(ctx)
        var out: [LintFinding] = []
        for (n, target) in targets(ctx) {
            if !years.isEmpty, let y = LintContext.child(target, "year"), case .number(let v)? = y.args.first, v.value.isInteger {
                let year = Int(v.value.num)
                if !years.contains(where: { year >= $0.start && ($0.end.map { year <= $0 } ?? true) }) {
                    let spans = years.map { p in p.end.map { "\(p.phase) \(p.start)-\($0)" } ?? "\(p.phase) \(p.start)-" }
                    out.append(LintFinding(rule: "L021", span: y.span, subject: n.text,
                                           args: [n.text, String(year), spans.joined(separator: ", ")]))
                }
            }
        }
        return out
    }
}
