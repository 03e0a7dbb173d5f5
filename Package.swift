// swift-tools-version: 6.0
// SupplySim: a discrete-event supply-chain simulator. No package dependencies by design.
import PackageDescription

let package = Package(
  name: "SupplySim",
  // `Synchronization` (Mutex, Atomic) needs macOS 15; Linux has no minimum.
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "supplysim", targets: ["supplysim"]),
    // The library other packages depend on: `import SupplySim` (the CLI is not part of it).
    .library(name: "SupplySim", targets: ["SupplySim"]),
  ],
  targets: [
    .target(name: "Parallelism"),
    .target(name: "Stochastics"),
    .target(name: "SupplyModel", dependencies: ["Stochastics", "Parallelism"]),
    .target(name: "LinearAlgebra"),
    .target(name: "Forecasting", dependencies: ["LinearAlgebra", "Stochastics", "Parallelism"]),
    .target(name: "NeuralForecasting", dependencies: ["Forecasting", "LinearAlgebra", "Stochastics", "Parallelism"]),
    .target(name: "LinearProgramming", dependencies: ["Parallelism"]),
    .target(name: "InventoryOptimization", dependencies: ["Stochastics", "Parallelism"]),
    .target(name: "DemandFitting", dependencies: ["SupplyModel", "Stochastics", "Parallelism"]),
    .target(name: "Replenishment", dependencies: ["SupplyModel", "Stochastics", "Forecasting", "LinearProgramming", "InventoryOptimization"]),
    .target(name: "Scenarios", dependencies: ["DemandFitting", "SupplyModel", "Replenishment", "InventoryOptimization", "Forecasting", "NeuralForecasting", "Stochastics", "Parallelism"]),
    .target(name: "Experiments", dependencies: ["Scenarios", "SupplyModel", "Replenishment", "Forecasting", "Parallelism", "Stochastics"]),
    .target(name: "Reports", dependencies: ["DemandFitting", "Experiments", "Scenarios", "SupplyModel", "Forecasting"]),
    .target(name: "SupplySim", dependencies: [
      "Parallelism", "Stochastics", "SupplyModel", "DemandFitting", "LinearAlgebra", "Forecasting", "NeuralForecasting",
      "LinearProgramming", "InventoryOptimization", "Replenishment", "Scenarios", "Experiments", "Reports",
    ]),
    .target(name: "SupplySimCLI", dependencies: [
      "Scenarios", "DemandFitting", "Experiments", "Reports", "SupplyModel", "Replenishment", "Forecasting",
      "NeuralForecasting", "LinearProgramming", "Stochastics", "Parallelism", "LinearAlgebra",
    ]),
    .executableTarget(name: "supplysim", dependencies: ["SupplySimCLI"]),
    .target(name: "_TestSupport", path: "Sources/_TestSupport"),

    .testTarget(name: "ParallelismTests", dependencies: ["Parallelism"]),
    .testTarget(name: "InventoryOptimizationTests", dependencies: ["InventoryOptimization", "Stochastics"]),
    .testTarget(name: "StochasticsTests", dependencies: ["Stochastics", "_TestSupport"]),
    .testTarget(name: "SupplyModelTests", dependencies: ["SupplyModel", "Stochastics", "Replenishment", "Parallelism", "_TestSupport"]),
    .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", "_TestSupport"]),
    .testTarget(name: "ForecastingTests", dependencies: ["Forecasting", "LinearAlgebra", "Stochastics", "_TestSupport"],
                resources: [.copy("Fixtures")]),
    .testTarget(name: "NeuralForecastingTests", dependencies: ["NeuralForecasting", "Forecasting", "_TestSupport"]),
    .testTarget(name: "LinearProgrammingTests", dependencies: ["LinearProgramming", "_TestSupport"]),
    .testTarget(name: "ReplenishmentTests", dependencies: ["Replenishment", "SupplyModel", "Stochastics", "_TestSupport"]),
    .testTarget(name: "DemandFittingTests", dependencies: ["DemandFitting", "SupplyModel", "Stochastics", "_TestSupport"]),
    .testTarget(name: "ScenariosTests", dependencies: ["Scenarios", "DemandFitting", "SupplyModel", "Stochastics", "_TestSupport"]),
    .testTarget(name: "ExperimentsTests", dependencies: ["Experiments", "Scenarios", "SupplyModel", "Replenishment", "InventoryOptimization", "_TestSupport"]),
    .testTarget(name: "ReportsTests", dependencies: ["Reports", "Experiments", "Scenarios", "_TestSupport"]),
    // Compiled as a user's package would be: `import SupplySim`, no @testable.
    .testTarget(name: "PublicAPITests", dependencies: ["SupplySim"]),
    .testTarget(name: "EndToEndTests", dependencies: ["SupplySimCLI", "_TestSupport"]),
  ]
)
