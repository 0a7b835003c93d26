import Foundation

/// One person across two rounds: what changed, the plan agreed in the BEFORE round and its IDP2
/// outcomes, and the rule set's `progress` scores (in `after.progress`).
public struct PersonProgress: Sendable {
    public enum Status: String, Sendable { case both, before_only, after_only }

    public var id: String
    public var name: String
    public var unit: String
    public var status: Status
    public var before: PersonResult?
    public var after: PersonResult?
    /// Item codes (indices) that were gaps before and are held after / gaps after that were not
    /// gaps before / gaps before not known to be closed.
    public var closedGaps: [Int] = []
    public var newGaps: [Int] = []
    public var remainingGaps: [Int] = []
    /// The plan agreed in the BEFORE round (item indices) and whether it came from the `plan` column.
    public var plan: [Int] = []
    public var planAgreed = false
    public var outcomes: [Int: OutcomeRecord] = [:]
    public var beforeGaps: Set<Int> = []

    public var groupChanged: Bool {
        guard let b = before, let a = after else { return false }
        return b.group != a.group
    }
}

/// Everything `thaksa progress` reports: people in AFTER's order, then BEFORE-only people.
public struct ProgressReport: Sendable {
    public var people: [PersonProgress] = []
    public var yearBefore: Int?
    public var yearAfter: Int?
    public var warnings: [String] = []
}

/// Pairs two rounds by `id`, checks that they belong together, attaches the IDP2 outcomes to the
/// plan agreed in the BEFORE round and evaluates the rule set's `progress` scores.
public struct ProgressRunner: Sendable {
    public let rules: RuleSet
    let evaluator: Evaluator
    let encoder: ResultEncoder

    public init(rules: RuleSet) {
        self.rules = rules
        evaluator = Evaluator(rules: rules)
        encoder = ResultEncoder(rules: rules)
    }

    public func run(before: (path: String, display: String), after: (path: String, display: String),
                    outcomes: (path: String, display: String)?) -> Result<ProgressReport, InputErrors> {
        let real = { (p: String) in URL(fileURLWithPath: p).resolvingSymlinksInPath().standardizedFileURL.path }
        if real(before.path) == real(after.path) {
            return .failure(InputErrors([InputError(file: after.display, row: 0,
                en: "BEFORE and AFTER are the same file; give the two rounds' files",
                th: "ไฟล์รอบก่อนและรอบหลังเป็นไฟล์เดียวกัน ให้ระบุไฟล์ของการประเมินสองรอบ")]))
        }
        // The same round under two names (a copy) is as much a mistake as the same path twice.
        let size = { (p: String) in (try? FileManager.default.attributesOfItem(atPath: p)[.size] as? Int) ?? -1 }
        if size(before.path) == size(after.path), let x = FileManager.default.contents(atPath: before.path),
           let y = FileManager.default.contents(atPath: after.path), x == y {
            return .failure(InputErrors([InputError(file: after.display, row: 0,
                en: "\(after.display) has the same content as \(before.display); give the two rounds' files",
                th: "\(after.display) มีเนื้อหาเหมือน \(before.display) ทุกไบต์ ให้ระบุไฟล์ของการประเมินสองรอบ")]))
        }
        var errors: [InputError] = []
        let b = RoundReader.read(path: before.path, display: before.display, rules: rules)
        let a = RoundReader.read(path: after.path, display: after.display, rules: rules)
        var roundB = Round(file: before.display), roundA = Round(file: after.display)
        switch b { case .success(let r): roundB = r; case .failure(let e): errors += e.items }
        switch a { case .success(let r): roundA = r; case .failure(let e): errors += e.items }
        if !errors.isEmpty { return .failure(InputErrors(errors)) }
        for r in [roundB, roundA] where !r.hasItems {
            errors.append(InputError(file: r.file, row: 1,
                en: "no column names an item of this rule set; was the file made for another rule set?",
                th: "ไม่มีคอลัมน์ใดเป็นรายการของชุดกฎนี้ ไฟล์นี้ทำไว้สำหรับชุดกฎอื่นหรือไม่"))
        }
        if let yb = roundB.fiscalYear, let ya = roundA.fiscalYear, ya <= yb {
            errors.append(InputError(file: after.display, row: 0,
                en: "the AFTER round is fiscal year \(ya), not later than the BEFORE round's \(yb); give the earlier round first",
                th: "รอบหลังเป็นปีงบประมาณ \(ya) ซึ่งไม่หลังรอบก่อน (\(yb)) ให้ระบุรอบที่ก่อนกว่าก่อน"))
        }
        let afterIDs = Set(roundA.people.map(\.assessment.id))
        if !roundB.people.isEmpty, !roundA.people.isEmpty, !roundB.people.contains(where: { afterIDs.contains($0.assessment.id) }) {
            errors.append(InputError(file: after.display, row: 0,
                en: "no id of \(after.display) is in \(before.display); are these two rounds of the same people?",
                th: "ไม่มีรหัสใดใน \(after.display) อยู่ใน \(before.display) ทั้งสองไฟล์เป็นการประเมินของคนกลุ่มเดียวกันหรือไม่"))
        }
        if !errors.isEmpty { return .failure(InputErrors(errors)) }

        var report = ProgressReport(yearBefore: roundB.fiscalYear, yearAfter: roundA.fiscalYear, warnings: roundB.warnings + roundA.warnings)
        let resultsB = evaluate(roundB, &errors), resultsA = evaluate(roundA, &errors)
        if !errors.isEmpty { return .failure(InputErrors(errors)) }

        // The BEFORE round: results and agreed plans by id.
        var beforeByID: [String: Int] = [:]
        for (k, p) in roundB.people.enumerated() { beforeByID[p.assessment.id] = k }
        let plans = ProgressRunner.plans(roundB, resultsB)

        // IDP2 outcomes, checked against the BEFORE round's plans.
        var outcomesByID: [String: [Int: OutcomeRecord]] = [:]
        if let o = outcomes {
            let planOf = Dictionary(beforeByID.map { ($0.key, plans[$0.value]) }, uniquingKeysWith: { a, _ in a })
            let (matched, outcomeErrors) = match(o, round: before.display, plans: planOf)
            outcomesByID = matched
            errors += outcomeErrors
        }
        if !errors.isEmpty { return .failure(InputErrors(errors.sorted { ($0.file, $0.row, $0.column) < ($1.file, $1.row, $1.column) })) }

        // AFTER's order, then BEFORE-only people.
        var seen = Set<String>()
        for (k, p) in roundA.people.enumerated() {
            let id = p.assessment.id
            seen.insert(id)
            var result = resultsA[k]
            let bk = beforeByID[id]
            var person = PersonProgress(id: id, name: p.assessment.name, unit: p.assessment.unit, status: bk == nil ? .after_only : .both,
                                        before: bk.map { resultsB[$0] }, after: result)
            if let bk {
                person.plan = plans[bk]
                person.planAgreed = roundB.people[bk].agreedPlan != nil
                person.outcomes = outcomesByID[id] ?? [:]
            }
            let context = RoundContext(before: person.before, beforeAnswers: bk.map { roundB.people[$0].assessment.answers } ?? Answers(),
                                       plan: person.plan, outcomes: person.outcomes.mapValues(\.outcome))
            do { result.progress = try progressValues(result, p.assessment, context) } catch {
                errors.append(InputError(file: after.display, row: p.row, columnName: "rules",
                                         en: error.message(.en) + " (a rule error)", th: error.message(.th) + " (ข้อผิดพลาดในกฎ)"))
                continue
            }
            person.after = result
            compare(&person, p.assessment.answers)
            report.people.append(person)
        }
        for (k, p) in roundB.people.enumerated() where !seen.contains(p.assessment.id) {
            var person = PersonProgress(id: p.assessment.id, name: p.assessment.name, unit: p.assessment.unit, status: .before_only,
                                        before: resultsB[k], after: nil)
            person.plan = plans[k]
            person.planAgreed = p.agreedPlan != nil
            person.outcomes = outcomesByID[p.assessment.id] ?? [:]
            compare(&person, Answers())
            report.people.append(person)
        }
        if !errors.isEmpty { return .failure(InputErrors(errors)) }
        return .success(report)
    }

    /// The plan agreed in a round for each person: the `plan` column, else the draft IDP's items.
    static func plans(_ round: Round, _ results: [PersonResult]) -> [[Int]] {
        round.people.indices.map { k in
            round.people[k].agreedPlan ?? results[k].idp.map { results[k].requirements[$0.requirement].item }
        }
    }

    /// Reads IDP2 outcomes and checks each against the round's plans (by id): the id is in the
    /// round, the item in that person's plan, and given once.
    func match(_ o: (path: String, display: String), round: String, plans: [String: [Int]]) -> ([String: [Int: OutcomeRecord]], [InputError]) {
        let (records, readErrors) = OutcomesReader.read(path: o.path, display: o.display, rules: rules)
        var errors = readErrors
        var outcomesByID: [String: [Int: OutcomeRecord]] = [:]
        for r in records {
            guard let plan = plans[r.id] else {
                errors.append(InputError(file: o.display, row: r.row, column: r.idColumn, columnName: "id",
                    en: "id `\(r.id)` is not in the BEFORE round (\(round))",
                    th: "รหัส `\(r.id)` ไม่อยู่ในการประเมินรอบก่อน (\(round))"))
                continue
            }
            let code = rules.items[r.item].entity.id
            guard plan.contains(r.item) else {
                let planCodes = plan.map { rules.items[$0].entity.id }.joined(separator: ", ")
                errors.append(InputError(file: o.display, row: r.row, column: r.itemColumn, columnName: "item",
                    en: "`\(code)` is not in the plan of `\(r.id)` (\(planCodes.isEmpty ? "no plan" : planCodes))",
                    th: "`\(code)` ไม่อยู่ในแผนพัฒนาของ `\(r.id)` (\(planCodes.isEmpty ? "ไม่มีแผน" : planCodes))"))
                continue
            }
            if let prior = outcomesByID[r.id]?[r.item] {
                errors.append(InputError(file: o.display, row: r.row, column: r.itemColumn, columnName: "item",
                    en: "the outcome of `\(code)` for `\(r.id)` is already given in row \(prior.row)",
                    th: "ผลของ `\(code)` ของ `\(r.id)` ระบุไว้แล้วในแถว \(prior.row)"))
                continue
            }
            outcomesByID[r.id, default: [:]][r.item] = r
        }
        return (outcomesByID, errors)
    }

    func evaluate(_ round: Round, _ errors: inout [InputError]) -> [PersonResult] {
        var out: [PersonResult] = []
        for p in round.people {
            do { out.append(try evaluator.evaluate(p.assessment)) } catch {
                errors.append(InputError(file: round.file, row: p.row, en: error.message(.en), th: error.message(.th)))
            }
        }
        return out
    }

    /// The rule set's `progress` scores for one person, in dependency order.
    func progressValues(_ after: PersonResult, _ a: Assessment, _ context: RoundContext) throws(EvaluationError) -> [Value] {
        guard !rules.progress.isEmpty else { return [] }
        var m = Machine(rules: rules, person: a, group: after.group, requirements: after.requirements,
                        requiredCount: after.requiredCount, track: after.track)
        m.values = after.values
        m.groups = after.groups
        m.round = context
        m.progressValues = Array(repeating: .bool(false), count: rules.progress.count)
        for i in rules.progressOrder { m.progressValues[i] = try m.eval(rules.progress[i].code) }
        return m.progressValues
    }

    /// Gaps before and after, compared on the union of both rounds' requirements: a gap before is
    /// closed when the item is held after, at the level AFTER requires (or, if AFTER no longer
    /// requires it, at the level BEFORE required).
    func compare(_ p: inout PersonProgress, _ afterAnswers: Answers) {
        let gapsB = p.before.map { r in encoder.gaps(r).map { r.requirements[$0].item } } ?? []
        let gapsA = p.after.map { r in encoder.gaps(r).map { r.requirements[$0].item } } ?? []
        p.beforeGaps = Set(gapsB)
        guard let after = p.after else { p.remainingGaps = gapsB; return }
        for item in gapsB {
            let level = after.requirements.first { $0.item == item }?.level
                ?? p.before?.requirements.first { $0.item == item }?.level ?? 1
            if let answer = afterAnswers[item], answer >= level { p.closedGaps.append(item) } else { p.remainingGaps.append(item) }
        }
        let before = Set(gapsB)
        p.newGaps = gapsA.filter { !before.contains($0) }
    }
}
