// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "Batten",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "batten", targets: ["batten"]),
        .library(name: "Batten", targets: ["Batten"]),
        .library(name: "BattenYAML", targets: ["BattenYAML"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .target(name: "BattenYAML", dependencies: ["CYAML"]),
        .target(name: "CBuildInfo"),
        .target(
            name: "Batten",
            dependencies: [
                "BattenYAML",
                "CBuildInfo",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.embedInCode("Policies")]
        ),
        .executableTarget(
            name: "batten",
            dependencies: ["Batten", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "batten-bench",
            dependencies: ["Batten", "BattenYAML", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "BattenYAMLTests", dependencies: ["BattenYAML"]),
        .testTarget(name: "BattenTests", dependencies: ["Batten", "BattenYAML"], exclude: ["Fixtures"]),
        .testTarget(name: "CLITests", dependencies: ["batten"], exclude: ["Golden"]),
    ]
)
