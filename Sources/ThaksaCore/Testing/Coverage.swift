/// Which parts of a rule set the tests exercised: requirement entries, position rules, scores and
/// lists, band cases, IDP picks and course links. Each unit has a source span, so the report can
/// say which lines of which file were never exercised.
public final class Coverage: Tracer {
    public struct Unit: Sendable, Hashable {
        public var kind: String
        public var label: String
        public var span: SourceSpan
    }

    public let units: [Unit]
    public private(set) var hit = Set<Int>()
    let rules: RuleSet
    var requirementUnit: [String: Int] = [:]     // "group/phase/item"
    var positionUnit: [Int: Int] = [:]
    var computedUnit: [Int: Int] = [:]
    var bandUnit: [String: Int] = [:]            // "band/case"
    var pickUnit: [Int: Int] = [:]
    var linkUnit: [String: Int] = [:]            // "track/course/item"
    var current: PersonResultContext?

    struct PersonResultContext { var track: Int? }

    public init(rules: RuleSet) {
        self.rules = rules
        var units: [Unit] = []
        func add(_ kind: String, _ label: String, _ span: SourceSpan) -> Int { units.append(Unit(kind: kind, label: label, span: span)); return units.count - 1 }
        for (g, group) in rules.groups.enumerated() {
            for phase in group.phases.keys.sorted() {
                for r in group.phases[phase]! {
                    requirementUnit["\(g)/\(phase)/\(r.item)"] = add("requirement", "\(group.entity.id) requires \(rules.items[r.item].entity.id)", r.span)
                }
            }
        }
        for (p, pos) in rules.positions.enumerated() { positionUnit[p] = add("position", pos.title, pos.span) }
        for (c, def) in rules.computed.enumerated() { computedUnit[c] = add(def.isList ? "list" : "score", def.entity.id, def.entity.span) }
        for (b, band) in rules.bands.enumerated() {
            for (k, c) in band.cases.enumerated() { bandUnit["\(b)/\(k)"] = add("band case", "\(band.entity.id) \(c.entity.id)", c.entity.span) }
        }
        if let idp = rules.idp { for (k, span) in idp.pickSpans.enumerated() { pickUnit[k] = add("idp pick", "pick \(k + 1)", span) } }
        for (t, track) in rules.tracks.enumerated() {
            for (c, course) in track.courses.enumerated() {
                for s in course.serves where linkUnit["\(t)/\(c)/\(s.item)"] == nil {
                    linkUnit["\(t)/\(c)/\(s.item)"] = add("course link", "\(track.entity.id) \(course.id) serves \(rules.items[s.item].entity.id)", course.span)
                }
            }
        }
        self.units = units
    }

    /// Records what a scored person exercised beyond the traced decisions.
    public func record(_ r: PersonResult) {
        for req in r.requirements {
            if let u = requirementUnit["\(r.group)/\(req.phase)/\(req.item)"] { hit.insert(u) }
        }
        for e in r.idp {
            guard let t = r.track else { continue }
            for c in e.courses { if let u = linkUnit["\(t)/\(c)/\(r.requirements[e.requirement].item)"] { hit.insert(u) } }
        }
    }

    public func group(_ group: Int, reason: GroupReason, position: Int?) {
        if let p = position, let u = positionUnit[p] { hit.insert(u) }
    }
    public func computed(_ slot: Int, _ value: Value) { if let u = computedUnit[slot] { hit.insert(u) } }
    public func band(_ band: Int, case: Int?) { if let c = `case`, let u = bandUnit["\(band)/\(c)"] { hit.insert(u) } }
    public func idp(_ entry: IDPEntry) { if let u = pickUnit[entry.pick] { hit.insert(u) } }

    public var percent: Rational {
        units.isEmpty ? .hundred : (Rational(Int64(hit.count * 100), Int64(units.count)) ?? .zero)
    }
}
