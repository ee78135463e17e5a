// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Modex",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "modex", targets: ["ModexTUI"]),
        .library(name: "SeatMapModel", targets: ["SeatMapModel"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .systemLibrary(
            name: "CNcurses",
            providers: [.apt(["libncurses-dev"])]
        ),
        .target(
            name: "SeatMapModel",
            dependencies: [
                "CPQ",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "SeatPickerUI",
            dependencies: ["SeatMapModel"]
        ),
        .executableTarget(
            name: "ModexTUI",
            dependencies: [
                "SeatMapModel",
                "SeatPickerUI",
                "CNcurses",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "ModexTestSupport",
            dependencies: ["SeatMapModel"],
            path: "Tests/ModexTestSupport"
        ),
        .testTarget(
            name: "SeatMapModelTests",
            dependencies: ["SeatMapModel", "ModexTestSupport"]
        ),
        .testTarget(
            name: "SeatPickerUITests",
            dependencies: ["SeatPickerUI", "SeatMapModel", "ModexTestSupport"],
            exclude: ["Snapshots"]
        ),
        .testTarget(
            name: "ModexCLITests",
            dependencies: ["ModexTUI", "SeatMapModel", "ModexTestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
