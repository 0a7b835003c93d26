/// Passes over the learning catalogue: buckets, methods, quarters, tracks and courses.
extension Checker {
    mutating func checkLearning() {
        for (s, _) in statements["bucket"] ?? [] {
            guard let n = name(s, 0), let share = number(s, 3) else { continue }
            define(n, .entity(.bucket), rs.buckets.count)
            rs.buckets.append(BucketDef(entity: entity(n, title(s, 1)), share: share.value))
        }
        // Buckets are optional; once declared, every method belongs to one (the IDP form's method
        // columns are the buckets: a method outside them would silently drop off the form).
        let bucketsDeclared = !(statements["bucket"] ?? []).isEmpty
        for (s, _) in statements["method"] ?? [] {
            guard let n = name(s, 0) else { continue }
            var bucket: Int?
            if let bn = name(s, 2) {
                bucket = resolve(bn, .bucket)
            } else if bucketsDeclared {
                invalid(n.span, en: "method `\(n.text)` names no `bucket`: when the rule set declares buckets (the 70:20:10 model), each method belongs to one, e.g. `method \(n.text) \"…\" bucket \(rs.buckets.first?.entity.id ?? "b70")`",
                        th: "วิธีการพัฒนา `\(n.text)` ไม่ได้ระบุ `bucket`: เมื่อชุดกฎประกาศสัดส่วนการเรียนรู้ (แบบ ๗๐ : ๒๐ : ๑๐) ไว้ ทุกวิธีต้องอยู่ในสัดส่วนหนึ่ง เช่น `method \(n.text) \"…\" bucket \(rs.buckets.first?.entity.id ?? "b70")`")
            }
            define(n, .entity(.method), rs.methods.count)
            rs.methods.append(MethodDef(entity: entity(n, title(s, 1)), bucket: bucket))
        }
        for (s, _) in statements["quarter"] ?? [] {
            guard let n = name(s, 0), case .range(let a, let b) = s.args[3] else { continue }
            let from = integer(a) ?? 0, to = integer(b) ?? 0
            for m in [a, b] where !(1...12).contains(integer(m) ?? 0) {
                invalid(m.span, en: "a month is a whole number from 1 to 12", th: "เดือนต้องเป็นจำนวนเต็ม 1 ถึง 12")
            }
            define(n, .entity(.quarter), rs.quarters.count)
            rs.quarters.append(QuarterDef(entity: entity(n, title(s, 1)), months: (from, to)))
        }
        for (s, _) in statements["track"] ?? [] {
            guard let n = name(s, 0) else { continue }
            define(n, .entity(.track), rs.tracks.count)
            var groups: [Int] = []
            for gs in children(s, "groups") { groups += names(gs, 0).compactMap { resolve($0, .group) } }
            var courses: [CourseDef] = []
            var sections: [SectionDef] = []
            var byItem: [Int: [Int]] = [:]
            for c in s.block ?? [] where c.keyword.text == "section" || c.keyword.text == "course" {
                guard let id = string(c, 0) else { continue }
                if c.keyword.text == "section" {
                    if let prior = sections.first(where: { $0.number == id.value }) {
                        diagnostics.add(.duplicateName, id.span, ["section \"\(id.value)\"", "@line:\(lineOf(prior.span))"], related: prior.span)
                    }
                    sections.append(SectionDef(number: id.value, title: title(c, 1) ?? LocalizedText(th: id.value),
                                               skillsets: names(c, 2).compactMap { resolve($0, .skillset) },
                                               dimensions: names(c, 3).compactMap { resolve($0, .dimension) }, span: c.span))
                    continue
                }
                if let prior = courses.first(where: { $0.id == id.value }) {
                    diagnostics.add(.duplicateName, id.span, ["course \"\(id.value)\"", "@line:\(lineOf(prior.span))"], related: prior.span)
                    continue
                }
                var methods: [Int] = []
                for m in children(c, "methods") { methods += names(m, 0).compactMap { resolve($0, .method) } }
                var serves: [(item: Int, topic: String?)] = []
                for sv in children(c, "serves") {
                    guard case .serves(let entries) = sv.args[0] else { continue }
                    for e in entries {
                        guard let item = resolve(e.item, .item) else { continue }
                        if let t = e.topic, !rs.items[item].topics.contains(where: { $0.number == t.value }) {
                            let known = rs.items[item].topics.map { "\"\($0.number)\"" }.joined(separator: ", ")
                            diagnostics.add(.unknownTopic, t.span, [e.item.text, t.value, known.isEmpty ? "-" : known])
                        }
                        serves.append((item, e.topic?.value))
                        if byItem[item]?.last != courses.count { byItem[item, default: []].append(courses.count) }
                    }
                }
                courses.append(CourseDef(id: id.value, title: title(c, 1) ?? LocalizedText(th: id.value),
                                         source: single(c, "source").flatMap { string($0, 0)?.value },
                                         methods: Array(Set(methods)).sorted(), serves: serves, span: c.span,
                                         section: sections.isEmpty ? nil : sections.count - 1))
            }
            rs.tracks.append(TrackDef(entity: entity(n, title(s, 1)), groups: groups, courses: courses, sections: sections,
                                      coursesByItem: byItem))
        }
        for (s, _) in statements["group"] ?? [] {
            guard let n = name(s, 0), let g = rs.groupByID[n.text], symbols[n.text]?.span == n.span,
                  let t = single(s, "track"), let tn = name(t, 0) else { continue }
            rs.groups[g].track = resolve(tn, .track)
        }
    }
}
