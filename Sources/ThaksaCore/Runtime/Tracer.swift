/// Receives the decisions of one evaluation, for `explain`, coverage and test-failure detail.
/// The evaluator checks for a tracer once per decision, so with none attached it costs nothing.
public protocol Tracer: AnyObject {
    func group(_ group: Int, reason: GroupReason, position: Int?)
    func computed(_ slot: Int, _ value: Value)
    func band(_ band: Int, case: Int?)
    func idp(_ entry: IDPEntry)
}
