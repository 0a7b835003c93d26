/// Organisation targets, measured one person at a time: each aggregate over `people` in a target's
/// measure is an accumulator, so memory stays flat however many people are scored.
public struct TargetTally: Sendable {
    let rules: RuleSet
    var accumulators: [[Accumulator]]
    public private(set) var people = 0

    public init(rules: RuleSet) {
        self.rules = rules
        accumulators = rules.targets.map { $0.accumulators.map { Accumulator($0.kind) } }
    }

    public mutating func add(_ result: PersonResult) throws(EvaluationError) {
        people += 1
        var m = Machine(rules: rules, person: Assessment(id: result.id), group: result.group, requirements: [],
                        requiredCount: 0, track: result.track)
        m.personResult = result
        for (t, target) in rules.targets.enumerated() {
            // A target on `progress` scores counts only people scored over two rounds.
            if target.twoRound && result.progress.isEmpty { continue }
            for (k, def) in target.accumulators.enumerated() {
                if let f = def.filter, !(try m.eval(f).bool) { continue }
                let v = try def.projection.map { c throws(EvaluationError) in try m.eval(c) } ?? .bool(true)
                guard accumulators[t][k].add(v) else { throw EvaluationError(.overflow, [target.entity.id]) }
            }
        }
    }

    public struct Outcome: Sendable {
        public var target: Int
        /// nil when the target has no measure, or nothing to measure yet (no people).
        public var value: Rational?
        public var goal: Rational
        public var met: Bool?
    }

    public func outcomes() -> [Outcome] {
        rules.targets.enumerated().map { t, target in
            var m = Machine(rules: rules, person: Assessment(id: ""), group: -1, requirements: [], requiredCount: 0, track: nil)
            m.accumulatorResults = accumulators[t].map(\.result)
            let goal = (try? m.eval(target.goal))?.number ?? .zero
            guard let code = target.measure, let v = try? m.eval(code) else {
                return Outcome(target: t, value: nil, goal: goal, met: nil)
            }
            return Outcome(target: t, value: v.number, goal: goal, met: Evaluator.compare(target.goalOp, v.number, goal))
        }
    }
}
