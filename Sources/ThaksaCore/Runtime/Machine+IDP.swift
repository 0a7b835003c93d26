/// Drafting the IDP: items from each `pick` in turn (each item once) up to the maximum; for each,
/// the courses of the person's track that serve it, the methods those courses support, a quarter.
extension Machine {
    mutating func planIDP(_ tracer: Tracer?) throws(EvaluationError) -> [IDPEntry] {
        guard let policy = rules.idp else { return [] }
        var chosen: [(requirement: Int, pick: Int)] = []
        var seen = Set<Int>()
        picking: for (p, code) in policy.picks.enumerated() {
            for r in try eval(code).indices where seen.insert(requirements[r].item).inserted {
                if chosen.count == policy.maxItems { break picking }
                chosen.append((r, p))
            }
        }
        var out: [IDPEntry] = []
        for (k, c) in chosen.enumerated() {
            let item = requirements[c.requirement].item
            var courses: [Int] = []
            if let t = track { courses = Array((rules.tracks[t].coursesByItem[item] ?? []).prefix(policy.coursesPerItem)) }
            var methods = Set<Int>()
            for ci in courses { methods.formUnion(rules.tracks[track!].courses[ci].methods) }
            var ordered = methods.sorted()
            if policy.methods == .onePerBucket {
                var byBucket: [Int] = []
                for b in rules.buckets.indices {
                    if let m = ordered.first(where: { rules.methods[$0].bucket == b }) { byBucket.append(m) }
                }
                ordered = byBucket
            }
            let quarter = policy.schedule.isEmpty ? nil : policy.schedule[k % policy.schedule.count]
            var entry = IDPEntry(requirement: c.requirement, courses: courses, methods: ordered, quarter: quarter, pick: c.pick)
            if c.pick < policy.pickFields.count, !policy.pickFields[c.pick].isEmpty {
                elements.append(c.requirement)
                defer { elements.removeLast() }
                for f in policy.pickFields[c.pick] { entry.fields.append(try eval(f.code)) }
            }
            tracer?.idp(entry)
            out.append(entry)
        }
        return out
    }
}
