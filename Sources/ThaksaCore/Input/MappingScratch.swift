/// What a worker keeps from row to row while mapping rows to assessments: the strings of cells
/// that repeat (`RepeatedStrings`) and the last assessment's answers array, which the next row
/// fills again in place, so a row allocates no answers once the previous person is done with.
public struct MappingScratch: Sendable {
    var strings: RepeatedStrings
    var answers: [Int32] = []

    public init(slots: Int = 256) { strings = RepeatedStrings(slots: slots) }

    /// Room for `items` answers, all unanswered, for a new assessment: the storage of the last
    /// one's answers when nothing else holds it still (else a new array).
    mutating func answers(items: Int) -> Answers {
        var levels: [Int32] = []
        swap(&levels, &answers)
        if levels.count == items {
            levels.withUnsafeMutableBufferPointer { $0.update(repeating: -1) }
            var a = Answers()
            a.levels = levels
            return a
        }
        return Answers(count: items)
    }
}
