/// A yes/no test on one requirement, compiled to a flat list of operations (postfix) when an
/// expression only uses requirement fields and constants, e.g. `kind = ability and not held`.
/// Scoring a person runs such tests for every requirement several times, so they avoid the
/// general interpreter: no boxed values, no recursion.
public struct RequirementPredicate: Sendable, Hashable {
    public enum Op: Sendable, Hashable {
        case held, answered, added, constant(Bool)
        /// Compare a whole-number field with a constant.
        case compare(IntField, BinaryOp, Int)
        case not, and, or
    }

    public enum IntField: Sendable, Hashable { case kind, level, rank, answer, item, phase }

    public let ops: [Op]

    /// nil when the expression uses anything else (the interpreter handles it then).
    public init?(_ code: Code) {
        var ops: [Op] = []
        guard RequirementPredicate.compile(code, into: &ops), ops.count <= 64 else { return nil }
        self.ops = ops
    }

    static func compile(_ c: Code, into ops: inout [Op]) -> Bool {
        switch c {
        case .element(.requirement, .held): ops.append(.held)
        case .element(.requirement, .answered): ops.append(.answered)
        case .element(.requirement, .added): ops.append(.added)
        case .constant(.bool(let b)): ops.append(.constant(b))
        case .not(let x):
            guard compile(x, into: &ops) else { return false }
            ops.append(.not)
        case .and(let a, let b), .or(let a, let b):
            guard compile(a, into: &ops), compile(b, into: &ops) else { return false }
            if case .and = c { ops.append(.and) } else { ops.append(.or) }
        case .compare(let op, let a, let b, _):
            if let f = field(a), let k = constant(b) { ops.append(.compare(f, op, k)) }
            else if let k = constant(a), let f = field(b) { ops.append(.compare(f, flipped(op), k)) }
            else { return false }
        default: return false
        }
        return true
    }

    static func field(_ c: Code) -> IntField? {
        switch c {
        case .element(.requirement, .kind): return .kind
        case .element(.requirement, .level): return .level
        case .element(.requirement, .rank): return .rank
        case .element(.requirement, .answer): return .answer
        case .element(.requirement, .item): return .item
        case .element(.requirement, .phase): return .phase
        default: return nil
        }
    }

    static func constant(_ c: Code) -> Int? {
        switch c {
        case .constant(.entity(let e)): return e
        case .constant(.number(let n)) where n.isInteger && n.num.magnitude < 1 << 40: return Int(n.num)
        default: return nil
        }
    }

    static func flipped(_ op: BinaryOp) -> BinaryOp {
        switch op {
        case .lt: return .gt
        case .le: return .ge
        case .gt: return .lt
        case .ge: return .le
        default: return op
        }
    }

    @inline(__always)
    public func test(_ r: Requirement) -> Bool {
        var stack: UInt64 = 0   // bit stack: the top is bit 0
        for op in ops {
            switch op {
            case .held: stack = stack << 1 | (r.held ? 1 : 0)
            case .answered: stack = stack << 1 | (r.answered ? 1 : 0)
            case .added: stack = stack << 1 | (r.added ? 1 : 0)
            case .constant(let b): stack = stack << 1 | (b ? 1 : 0)
            case .not: stack ^= 1
            case .and: stack = (stack >> 1) & ~1 | (stack & (stack >> 1) & 1)
            case .or: stack = (stack >> 1) & ~1 | ((stack | (stack >> 1)) & 1)
            case .compare(let f, let op, let k):
                let x = RequirementPredicate.value(f, r)
                stack = stack << 1 | (Machine.order(op, x < k, x == k) ? 1 : 0)
            }
        }
        return stack & 1 == 1
    }

    /// A whole-number field of a requirement (an unanswered item's answer reads as 0, as in the interpreter).
    @inline(__always)
    static func value(_ f: IntField, _ r: Requirement) -> Int {
        switch f {
        case .kind: return r.kind
        case .level: return r.level
        case .rank: return r.rank
        case .answer: return r.answer ?? 0
        case .item: return r.item
        case .phase: return r.phase
        }
    }
}
