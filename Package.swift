// swift-tools-version: 6.0
// SupplySim: a discrete-event supply-chain simulator. No package dependencies by design.
import PackageDescription

let package = Package(
  name: "SupplySim",
  products: [
    .executable(name: "supplysim", targets: ["supplysim"]),
    // The library other packages depend on: `import SupplySim` (the CLI is not part of it).
    .library(name: "SupplySim", targets: ["SupplySim"]),
  ],
  targets: [
    .target(name: "Stochastics"),
    .target(name: "EventEngine"),
    .target(name: "SupplyModel", dependencies: ["Stochastics", "EventEngine"]),
    .target(name: "LinearAlgebra"),
    .target(name: "Forecasting", dependencies: ["LinearAlgebra", "Stochastics"]),
    .target(name: "NeuralForecasting", dependencies: ["Forecasting", "LinearAlgebra", "Stochastics"]),
    .target(name: "LinearProgramming"),
    .target(name: "Replenishment", dependencies: ["SupplyModel", "Stochastics", "Forecasting", "LinearProgramming"]),
    .target(name: "Scenarios", dependencies: ["SupplyModel", "Replenishment", "Forecasting", "NeuralForecasting", "Stochastics"]),
    .target(name: "Experiments", dependencies: ["Scenarios", "SupplyModel", "Replenishment", "EventEngine", "Stochastics"]),
    .target(name: "Reports", dependencies: ["Experiments", "Scenarios", "SupplyModel", "Forecasting"]),
    .target(name: "SupplySim", dependencies: [
      "Stochastics", "EventEngine", "SupplyModel", "LinearAlgebra", "Forecasting", "NeuralForecasting",
      "LinearProgramming", "Replenishment", "Scenarios", "Experiments", "Reports",
    ]),
    .target(name: "SupplySimCLI", dependencies: [
      "Scenarios", "Experiments", "Reports", "SupplyModel", "Replenishment", "Forecasting",
      "NeuralForecasting", "LinearProgramming", "Stochastics", "EventEngine", "LinearAlgebra",
    ]),
    .executableTarget(name: "supplysim", dependencies: ["SupplySimCLI"]),
    .target(name: "_TestSupport", path: "Sources/_TestSupport"),

    .testTarget(name: "StochasticsTests", dependencies: ["Stochastics", "_TestSupport"]),
    .testTarget(name: "EventEngineTests", dependencies: ["EventEngine", "_TestSupport"]),
    .testTarget(name: "SupplyModelTests", dependencies: ["SupplyModel", "Stochastics", "Replenishment", "_TestSupport"]),
    .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", "_TestSupport"]),
    .testTarget(name: "ForecastingTests", dependencies: ["Forecasting", "LinearAlgebra", "Stochastics", "_TestSupport"],
                resources: [.copy("Fixtures")]),
    .testTarget(name: "NeuralForecastingTests", dependencies: ["NeuralForecasting", "Forecasting", "_TestSupport"]),
    .testTarget(name: "LinearProgrammingTests", dependencies: ["LinearProgramming", "_TestSupport"]),
    .testTarget(name: "ReplenishmentTests", dependencies: ["Replenishment", "SupplyModel", "Stochastics", "_TestSupport"]),
    .testTarget(name: "ScenariosTests", dependencies: ["Scenarios", "SupplyModel", "_TestSupport"]),
    .testTarget(name: "ExperimentsTests", dependencies: ["Experiments", "Scenarios", "_TestSupport"]),
    .testTarget(name: "ReportsTests", dependencies: ["Reports", "Experiments", "Scenarios", "_TestSupport"]),
    // Compiled as a user's package would be: `import SupplySim`, no @testable.
    .testTarget(name: "PublicAPITests", dependencies: ["SupplySim"]),
    .testTarget(name: "EndToEndTests", dependencies: ["SupplySimCLI", "_TestSupport"]),
  ]
)
