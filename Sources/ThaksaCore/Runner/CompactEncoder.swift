/// `score --format jsonl --compact`: the lean form of the results (docs/results.md). Codes and
/// numbers only, one object per person; the titles, and what follows from the rules alone (each
/// group's requirement lists), are written once, in a header record on the first line.
extension ResultEncoder {
    /// The first line: what the codes of the records stand for, in the chosen language.
    public var compactHeader: [UInt8] {
        func title(_ e: Entity) -> JSONValue { .string(e.title.text(lang)) }
        let defaults = defaultLists
        var groups: [(String, JSONValue)] = []
        for (g, group) in rules.groups.enumerated() {
            groups.append((group.entity.id, .object([
                ("title", title(group.entity)),
                ("required", .array(defaults[g].required.map { .string(code($0)) })),
                ("upcoming", .array(defaults[g].upcoming.map { .string(code($0)) })),
            ])))
        }
        let items = rules.items.map { item in
            (item.entity.id, JSONValue.object([("kind", .string(item.kind >= 0 ? rules.kinds[item.kind].id : "")), ("title", title(item.entity))]))
        }
        let scores = scoreSlots.map { (rules.computed[$0].entity.id, title(rules.computed[$0].entity)) }
        let families = familySlots.map { s in
            (rules.computed[s].entity.id, JSONValue.object([("title", title(rules.computed[s].entity)),
                                                            ("members", .object(members(s).map { ($0.id, title($0)) }))]))
        }
        let gapFieldTitles = gapFields.map { ($0.entity.id, title($0.entity)) }
        let bands = rules.bands.map { band in
            (band.entity.id, JSONValue.object([("title", title(band.entity)),
                                               ("cases", .object(band.cases.map { ($0.entity.id, title($0.entity)) }))]))
        }
        let courses = rules.tracks.map { track in
            (track.entity.id, JSONValue.object(track.courses.map { c in
                (c.id, .object([("title", .string(c.title.text(lang))), ("source", c.source.map(JSONValue.string) ?? .null)]))
            }))
        }
        let methods = rules.methods.map { m in
            (m.entity.id, JSONValue.object([("title", title(m.entity)), ("bucket", m.bucket.map { .string(rules.buckets[$0].entity.id) } ?? .null)]))
        }
        let header = JSONValue.object([
            ("compact", .int(1)),
            ("ruleset", .string(rules.id)),
            ("version", rules.version.map(JSONValue.string) ?? .null),
            ("lang", .string(lang.rawValue)),
            ("groups", .object(groups)),
            ("items", .object(items)),
            ("scores", .object(scores)),
            ("families", .object(families)),
            ("gap_fields", .object(gapFieldTitles)),
            ("bands", .object(bands)),
            ("courses", .object(courses)),
            ("methods", .object(methods)),
            ("quarters", .object(rules.quarters.map { ($0.entity.id, title($0.entity)) })),
        ])
        return Array((header.serialized() + "\n").utf8)
    }

    /// Per group: the items it requires now and next when the input adjusts nothing.
    var defaultLists: [(required: [Int], upcoming: [Int])] {
        rules.groups.map { g in
            let required = rules.effectivePhase.flatMap { g.phases[$0] }?.map(\.item) ?? []
            let next = rules.nextPhase.flatMap { g.phases[$0] }?.map(\.item) ?? []
            var upcoming: [Int] = []
            for i in next where !required.contains(i) && !upcoming.contains(i) { upcoming.append(i) }
            return (required, upcoming)
        }
    }

    /// `,"gap_fields":{field: [value per gap, …], …}` when the `gaps` list has `with` fields: the
    /// gaps stay a list of codes, each field a list in the same order.
    func gapFieldValues(_ r: PersonResult, into w: inout ByteWriter) {
        guard !gapFields.isEmpty, let values = gapsSlot.flatMap({ r.fieldValues[$0] }) else { return }
        w.raw(",\"gap_fields\":{")
        for (j, field) in gapFields.enumerated() {
            if j > 0 { w.byte(UInt8(ascii: ",")) }
            w.string(field.entity.id); w.raw(":[")
            for (k, row) in values.enumerated() {
                if k > 0 { w.byte(UInt8(ascii: ",")) }
                write(j < row.count ? row[j] : .bool(false), field.type, into: &w)
            }
            w.byte(UInt8(ascii: "]"))
        }
        w.byte(UInt8(ascii: "}"))
    }

    /// One person's result in the lean form.
    public func compactLine(_ r: PersonResult, into w: inout ByteWriter) {
        let f = fragments
        w.raw("{\"id\":"); w.string(r.id)
        w.raw(",\"group\":"); w.raw(f.group[r.group])
        w.raw(",\"group_reason\":"); w.raw(f.reason[r.groupReason]!)
        combinedGroups(r, into: &w)
        // The lists only when add or waive changed them from the group's (in the header).
        let defaults = f.defaults[r.group]
        if !r.required.lazy.map(\.item).elementsEqual(defaults.required)
            || !r.requirements[r.requiredCount...].lazy.map(\.item).elementsEqual(defaults.upcoming) {
            w.raw(",\"required\":"); codes(r.required.lazy.map(\.item), into: &w)
            w.raw(",\"upcoming\":"); codes(r.requirements[r.requiredCount...].lazy.map(\.item), into: &w)
        }
        w.raw(",\"gaps\":"); codes(gaps(r).lazy.map { r.requirements[$0].item }, into: &w)
        gapFieldValues(r, into: &w)
        w.raw(",\"unanswered\":"); codes(r.required.lazy.filter { !$0.answered }.map(\.item), into: &w)
        w.raw(",\"scores\":")
        scores(r, into: &w)
        families(r, into: &w)
        w.raw(",\"bands\":")
        bands(r, into: &w)
        w.raw(",\"idp\":[")
        for (k, e) in r.idp.enumerated() {
            if k > 0 { w.byte(UInt8(ascii: ",")) }
            w.raw("{\"item\":"); w.raw(f.code[r.requirements[e.requirement].item])
            w.raw(",\"courses\":[")
            separated(e.courses, into: &w) { c, w in w.raw(f.courseID[r.track!][c]) }
            w.raw("],\"methods\":[")
            separated(e.methods, into: &w) { m, w in w.raw(f.method[m]) }
            w.raw("],\"quarter\":")
            if let q = e.quarter { w.raw(f.quarter[q]) } else { w.raw("null") }
            idpFieldValues(e, into: &w)
            w.byte(UInt8(ascii: "}"))
        }
        w.raw("],\"idp_short\":")
        if r.idp.count < (rules.idp?.minItems ?? 0) { w.raw("true}\n") } else { w.raw("false}\n") }
    }
}
