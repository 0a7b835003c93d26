import Foundation
import Testing
@testable import ThaksaCore

/// The rule index agrees with the checker on the shipped rule set: every declared name once, of
/// the right category, and every use found where the source says it.
@Suite struct RuleIndexTests {
    static let loaded = RuleSetLoader.load(repositoryRoot.appendingPathComponent("rules/ocsc-bma").path)

    @Test func definitionsMatchTheCheckedRuleSet() {
        let rs = RuleIndexTests.loaded.ruleSet
        let index = RuleIndex(files: RuleIndexTests.loaded.files)
        #expect(Set(index.names(of: .item)) == Set(rs.items.map(\.entity.id)))
        #expect(Set(index.names(of: .group)) == Set(rs.groups.map(\.entity.id)))
        #expect(Set(index.names(of: .phase)) == Set(rs.phases.map(\.id)))
        #expect(Set(index.names(of: .track)) == Set(rs.tracks.map(\.entity.id)))
        #expect(Set(index.names(of: .method)) == Set(rs.methods.map(\.entity.id)))
        #expect(Set(index.names(of: .bucket)) == Set(rs.buckets.map(\.entity.id)))
        #expect(Set(index.names(of: .quarter)) == Set(rs.quarters.map(\.entity.id)))
        #expect(Set(index.names(of: .band)) == Set(rs.bands.map(\.entity.id)))
        #expect(Set(index.names(of: .score) + index.names(of: .list)) == Set(rs.computed.map(\.entity.id)))
        #expect(Set(index.names(of: .progress)) == Set(rs.progress.map(\.entity.id)))
        #expect(rs.items.count == 69 && rs.groups.count == 6 && !rs.progress.isEmpty)
    }

    @Test func usesAreFoundAtTheirSpans() throws {
        let loaded = RuleIndexTests.loaded
        let index = RuleIndex(files: loaded.files)
        for occ in index.occurrences {
            let file = try #require(loaded.sources[occ.span.file])
            #expect(file.text(occ.span) == occ.name)
        }
        let dlit = index.references(to: "DLit100")
        let files = Set(dlit.compactMap { loaded.sources[$0.file]?.path.split(separator: "/").last.map(String.init) })
        #expect(files.isSuperset(of: ["framework.thaksa", "groups.thaksa", "courses_management.thaksa"]))
        #expect(index.references(to: "DLit100", includeDefinition: false).count == dlit.count - 1)
        // Every group requiring DLit100 has one `require` entry for it.
        let requiring = loaded.ruleSet.groups.filter { g in g.phases.values.contains { $0.contains { loaded.ruleSet.items[$0.item].entity.id == "DLit100" } } }
        let inGroups = dlit.filter { loaded.sources[$0.file]?.path.hasSuffix("groups.thaksa") == true }
        #expect(inGroups.count == requiring.count)
        // A score used in a band's `on` is a reference.
        let band = try #require(loaded.ruleSet.bands.first)
        let score = loaded.ruleSet.computed[band.score].entity.id
        #expect(index.references(to: score, includeDefinition: false).count >= 1)
    }
}
