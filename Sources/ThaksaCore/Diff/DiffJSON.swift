/// The report for tools: keys in a fixed order, ids rather than titles where both exist.
public enum DiffJSON {
    public static func render(_ r: DiffReport) -> String {
        func loc(_ l: RuleLocation?) -> JSONValue {
            l.map { .object([("file", .string($0.file)), ("line", .int($0.line))]) } ?? .null
        }
        func opt(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
        func examples(_ e: Impact.Examples) -> JSONValue {
            .object([("count", .int(e.count)), ("examples", .array(e.ids.map(JSONValue.string))),
                     ("causes", .array(e.causes.sorted().map { JSONValue.int($0) }))])
        }
        var changes: [JSONValue] = []
        for (k, c) in r.changes.enumerated() {
            var fields: [(String, JSONValue)] = [
                ("index", .int(k)), ("kind", .string(c.kind.rawValue)), ("subject", .string(c.subject.rawValue)), ("key", .string(c.key)),
                ("title", c.title.map { .object([("th", .string($0.th)), ("en", opt($0.en))]) } ?? .null),
                ("aspect", opt(c.aspect)), ("before", opt(c.before)), ("after", opt(c.after)),
                ("old", loc(c.old)), ("new", loc(c.new)),
                ("text", .object([("en", .string(r.describe(c, .en))), ("th", .string(r.describe(c, .th)))])),
            ]
            if let i = r.impact, k < i.touched.count {
                fields.append(("touched", i.touched[k].map { examples($0) } ?? .string("not attributable")))
            }
            changes.append(.object(fields))
        }
        var top: [(String, JSONValue)] = [("old", .string(r.oldLabel)), ("new", .string(r.newLabel)), ("changes", .array(changes))]
        if let i = r.impact {
            func breakdown(_ d: [String: Impact.Breakdown], _ order: [String]) -> JSONValue {
                .array(order.compactMap { k in
                    d[k].map { b in
                        .object([("key", .string(k)), ("people", .int(b.people)), ("changed", .int(b.changed)),
                                 ("kinds", .object(b.kinds.keys.sorted().map { ($0, .int(b.kinds[$0] ?? 0)) }))])
                    }
                })
            }
            let groups = (r.old.groups.map(\.entity.id) + r.new.groups.map(\.entity.id) + i.byGroup.keys.sorted()).uniqued()
            top.append(("impact", .object([
                ("people", .int(i.people + i.failsOld + i.failsNew)),
                ("scored_under_both", .int(i.people)),
                ("changed", examples(i.changed)),
                ("kinds", .object(i.kinds.keys.sorted().map { ($0, examples(i.kinds[$0] ?? .init())) })),
                ("by_group", breakdown(i.byGroup, groups)),
                ("by_unit", breakdown(i.byUnit, i.byUnit.keys.sorted())),
                ("group_moves", .array(Impact.ranked(i.groupMoves, { $0 }).map { k, e in
                    .object([("move", .string(k)), ("people", examples(e))]) })),
                ("band_moves", .array(Impact.ranked(i.bandMoves, { "\($0.band) \($0.group) \($0.from) \($0.to)" }).map { m, e in
                    .object([("band", .string(m.band)), ("group", .string(m.group)), ("from", .string(m.from)), ("to", .string(m.to)),
                             ("people", examples(e))]) })),
                ("idp_lost", .array(Impact.ranked(i.idpLost, { $0 }).map { k, e in .object([("item", .string(k)), ("people", examples(e))]) })),
                ("idp_gained", .array(Impact.ranked(i.idpGained, { $0 }).map { k, e in .object([("item", .string(k)), ("people", examples(e))]) })),
                ("rejected_under_old", .int(i.failsOld)),
                ("rejected_under_new", .int(i.failsNew)),
                ("rejected_examples", .array(i.failures.map { f in
                    .object([("side", .string(f.side)), ("id", .string(f.id)), ("file", .string(f.error.file)), ("row", .int(f.error.row)),
                             ("error", .object([("en", .string(f.error.en)), ("th", .string(f.error.th))]))]) })),
                ("rejected_under_both", examples(i.badBoth)),
                ("targets", .array(i.targets.map { v in
                    .object([("id", .string(v.id)), ("before", opt(v.before)), ("after", opt(v.after)),
                             ("met_before", v.metBefore.map(JSONValue.bool) ?? .null), ("met_after", v.metAfter.map(JSONValue.bool) ?? .null)]) })),
            ])))
        }
        return JSONValue.object(top).serialized(pretty: true) + "\n"
    }
}
