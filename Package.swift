// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Thaksa",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "thaksa", targets: ["thaksa"]),
        .library(name: "ThaksaCore", targets: ["ThaksaCore"]),
    ],
    dependencies: [],
    targets: [
        .target(name: "ThaksaCore"),
        .target(name: "ThaksaCLI", dependencies: ["ThaksaCore", "ThaksaLSP"], plugins: ["EmbedRulesPlugin"]),
        .target(name: "ThaksaLSP", dependencies: ["ThaksaCore"]),
        .executableTarget(name: "EmbedRules"),
        .plugin(name: "EmbedRulesPlugin", capability: .buildTool(), dependencies: ["EmbedRules"], path: "Sources/EmbedRulesPlugin"),
        .executableTarget(name: "thaksa", dependencies: ["ThaksaCLI"]),
        .testTarget(name: "ThaksaCoreTests", dependencies: ["ThaksaCore"]),
        .testTarget(name: "ThaksaCLITests", dependencies: ["ThaksaCLI", "ThaksaCore", "thaksa"]),
        .testTarget(name: "ThaksaLSPTests", dependencies: ["ThaksaLSP", "ThaksaCore", "thaksa"], exclude: ["nvim"]),
    ]
)
