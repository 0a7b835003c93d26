/// What a worker keeps from row to row while mapping rows to assessments: the strings of cells
/// that repeat (`RepeatedStrings`) and the last assessment's answers array, which the next row
/// fills again in place, so a row allocates no answers once the previous person is done with.
public struct MappingScratch: Sendable {
    var strings: RepeatedStrings
    var answers: [Int32] = []

    public init(slots: Int = 256) { strings = RepeatedStrings(slots: slots) }

    /// A new assessment with room for `items` answers, all unanswered: in the storage of the
    /// last one's answers when nothing else holds it still (else in a new array).
    mutating func take(items: Int) -> Assessment {
        var a = Assessment(id: "")
        swap(&a.answers.levels, &answers)
        if a.answers.levels.count == items {
            a.answers.levels.withUnsafeMutableBufferPointer { $0.update(repeating: -1) }
        } else {
            a.answers = Answers(count: items)
        }
        return a
    }

    /// Keeps `a`'s answers array for the next `take`.
    mutating func keep(_ a: Assessment) { answers = a.answers.levels }
}
