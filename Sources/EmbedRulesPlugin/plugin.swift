import Foundation
import PackagePlugin

/// Embeds the shipped rule set (rules/ocsc-bma/*.thaksa and its tests/*.csv) into the target it is applied to, so the
/// `thaksa` binary carries it wherever it is copied. Rebuilt whenever a rule file changes.
@main
struct EmbedRulesPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL.appendingPathComponent("rules/ocsc-bma")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        let tests = ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("tests").path)) ?? [])
            .filter { $0.lowercased().hasSuffix(".csv") }.map { "tests/" + $0 }
        let inputs = (names.filter { $0.hasSuffix(".thaksa") } + tests).sorted().map { root.appendingPathComponent($0) }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedRules.swift")
        return [.buildCommand(displayName: "Embedding the shipped rule set",
                              executable: try context.tool(named: "EmbedRules").url,
                              arguments: [output.path, root.path] + inputs.map(\.path),
                              inputFiles: inputs,
                              outputFiles: [output])]
    }
}
