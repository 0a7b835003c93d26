/// `score --format jsonl --compact`: the lean form of the results (docs/results.md). Codes and
/// numbers only, one object per person; the titles, and what follows from the rules alone (each
/// group's requirement lists), are written once, in a header record on the first line.
extension ResultEncoder {
    /// The first line: what the codes of the records stand for, in the chosen language.
    public var compactHeader: [UInt8] {
        func title(_ e: Entity) -> JSONValue { .string(e.title.text(lang)) }
        let defaults = fragments.defaults
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
    static func defaultLists(_ rules: RuleSet) -> [(required: [Int], upcoming: [Int])] {
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
        let f = fragments, a = f.arena
        w.raw("{\"id\":"); w.string(r.id)
        w.raw(",\"group\":"); w.raw(f.group[r.group], a)
        w.raw(",\"group_reason\":"); w.raw(f.reason[Fragments.index(r.groupReason)], a)
        combinedGroups(r, into: &w)
        r.requirements.withUnsafeBufferPointer { reqs in
            // The lists only when add or waive changed them from the group's (in the header).
            let required = 0..<r.requiredCount, upcoming = r.requiredCount..<reqs.count
            if !ResultEncoder.items(reqs, required, equal: f.defaults[r.group].required)
                || !ResultEncoder.items(reqs, upcoming, equal: f.defaults[r.group].upcoming) {
                w.raw(",\"required\":"); itemCodes(reqs, required, into: &w)
                w.raw(",\"upcoming\":"); itemCodes(reqs, upcoming, into: &w)
            }
            w.raw(",\"gaps\":[")
            let gaps = gaps(r)
            for k in gaps.indices {
                if k > 0 { w.byte(UInt8(ascii: ",")) }
                w.raw(f.code[reqs[gaps[k]].item], a)
            }
            w.byte(UInt8(ascii: "]"))
            gapFieldValues(r, into: &w)
            w.raw(",\"unanswered\":"); itemCodes(reqs, required, into: &w) { !$0.answered }
        }
        w.raw(",\"scores\":")
        scores(r, into: &w)
        families(r, into: &w)
        w.raw(",\"bands\":")
        bands(r, into: &w)
        w.raw(",\"idp\":[")
        for k in r.idp.indices {
            if k > 0 { w.byte(UInt8(ascii: ",")) }
            w.raw("{\"item\":"); w.raw(f.code[r.requirements[r.idp[k].requirement].item], a)
            w.raw(",\"courses\":[")
            w.fragments(r.idp[k].courses, of: f.courseID, offset: r.track.map { f.courseStart[$0] } ?? 0, a)
            w.raw("],\"methods\":[")
            w.fragments(r.idp[k].methods, of: f.method, a)
            w.raw("],")
            idpEntryEnd(r.idp[k], into: &w)
        }
        idpEnd(r, into: &w)
    }

    /// Whether the items of `reqs[range]` are `items`, in order.
    static func items(_ reqs: UnsafeBufferPointer<Requirement>, _ range: Range<Int>, equal items: [Int]) -> Bool {
        guard range.count == items.count else { return false }
        for (k, i) in zip(range, items) where reqs[k].item != i { return false }
        return true
    }
}
