// swift-tools-version:5.9
// Evaluation-only timing for the peer benchmark: links ThaksaCore (the package two folders up)
// and times Evaluator.evaluate alone, apart from reading, parsing, mapping and encoding.
// Built by bench/peer/run.py with `--scratch-path .build-peer/evalbench`.
import PackageDescription

let package = Package(
    name: "evalbench",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "Thaksa", path: "../../..")],
    targets: [
        .executableTarget(name: "evalbench", dependencies: [.product(name: "ThaksaCore", package: "Thaksa")]),
    ]
)
