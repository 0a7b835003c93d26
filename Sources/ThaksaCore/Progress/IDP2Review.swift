/// What one IDP2 page shows (001 L1657-1667): a person's result in the round the plan was agreed
/// in, that plan's items and the outcomes recorded for them (an item without one is left to fill in).
public struct IDP2Review: Sendable {
    public var person: PersonResult
    public var plan: [Int]
    public var outcomes: [Int: OutcomeRecord]
}

extension ProgressRunner {
    /// Reads the round the plans were agreed in and the IDP2 outcomes about it, checked as
    /// `progress` checks them (id in the round, item in the plan, given once). People in file order.
    public func reviews(round file: (path: String, display: String), outcomes: (path: String, display: String))
        -> Result<(fiscalYear: Int?, people: [IDP2Review]), InputErrors> {
        var errors: [InputError] = []
        let round: Round
        switch RoundReader.read(path: file.path, display: file.display, rules: rules) {
        case .success(let r): round = r
        case .failure(let e): return .failure(e)
        }
        let results = evaluate(round, &errors)
        if !errors.isEmpty { return .failure(InputErrors(errors)) }
        let plans = ProgressRunner.plans(round, results)
        var planOf: [String: [Int]] = [:]
        for (k, p) in round.people.enumerated() { planOf[p.assessment.id] = plans[k] }
        let (matched, outcomeErrors) = match(outcomes, round: file.display, plans: planOf)
        if !outcomeErrors.isEmpty {
            return .failure(InputErrors(outcomeErrors.sorted { ($0.file, $0.row, $0.column) < ($1.file, $1.row, $1.column) }))
        }
        let people = results.indices.map { k in IDP2Review(person: results[k], plan: plans[k], outcomes: matched[results[k].id] ?? [:]) }
        return .success((round.fiscalYear, people))
    }
}
