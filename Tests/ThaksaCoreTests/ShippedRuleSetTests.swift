import Foundation
import Testing
@testable import ThaksaCore

/// The shipped OCSC/BMA rule set, counted against the numbers the sources give.
@Suite struct ShippedRuleSetTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("rules/ocsc-bma").path
    let loaded = RuleSetLoader.load(ShippedRuleSetTests.root)
    var rules: RuleSet { loaded.ruleSet }

    func items(ofKind kind: String) -> [ItemDef] {
        let k = rules.kinds.firstIndex { $0.id == kind }!
        return rules.items.filter { $0.kind == k }
    }

    @Test func checksClean() {
        #expect(!loaded.diagnostics.hasErrors, Comment(rawValue: DiagnosticRenderer(sources: loaded.sources).text(loaded.diagnostics.sorted)))
    }

    @Test func frameworkCounts() {
        #expect(rules.dimensions.count == 5)
        #expect(rules.skillsets.count == 7)
        #expect(items(ofKind: "ability").count == 23)
        let knowledge = items(ofKind: "knowledge").map(\.entity.id)
        let experience = items(ofKind: "experience").map(\.entity.id)
        #expect(knowledge.filter { $0.hasPrefix("KB") }.count == 5)
        #expect(knowledge.filter { $0.hasPrefix("K") && !$0.hasPrefix("KB") }.count == 18)
        #expect(experience.filter { $0.hasPrefix("XB") }.count == 5)
        #expect(experience.filter { $0.hasPrefix("X") && !$0.hasPrefix("XB") }.count == 13)
        #expect(items(ofKind: "attribute").count == 5)
    }

    @Test func groupsAndTheirAbilities() {
        #expect(rules.groups.map(\.entity.id) == ["E", "M", "A", "S", "T", "O"])
        let ability = rules.kinds.firstIndex { $0.id == "ability" }!
        let early = rules.effectivePhase!
        let counts = rules.groups.map { g in (g.phases[early] ?? []).filter { rules.items[$0.item].kind == ability }.count }
        #expect(counts == [9, 13, 9, 8, 16, 5])
    }

    @Test func positionsAndCourses() {
        #expect(rules.positions.count == 134)
        let perGroup = rules.groups.indices.map { g in rules.positions.filter { $0.group == g }.count }
        #expect(perGroup == [8, 11, 16, 40, 4, 55])
        #expect(rules.tracks.count == 4)
        #expect(rules.tracks.reduce(0) { $0 + $1.courses.count } == 114)
    }
}
