// The library product: one import gives another package SupplySim's whole public API.
//
//     dependencies: [.package(url: "https://…/SupplySim.git", from: "1.0.0")]
//     .target(name: "MyStudy", dependencies: [.product(name: "SupplySim", package: "SupplySim")])
//
//     import SupplySim
//
// The modules keep their own names (a type can be written `Replenishment.BaseStockPolicy`), and
// the command-line tool is not part of the library.

@_exported import Parallelism
@_exported import Stochastics
@_exported import SupplyModel
@_exported import DemandFitting
@_exported import LinearAlgebra
@_exported import Forecasting
@_exported import NeuralForecasting
@_exported import LinearProgramming
@_exported import InventoryOptimization
@_exported import Replenishment
@_exported import Scenarios
@_exported import Experiments
@_exported import Reports
