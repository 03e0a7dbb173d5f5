import Scenarios

/// A problem with an input of `supplysim check` or `supplysim baseline` (a rules file, a baseline,
/// a scenario that changed since its baseline): which file, where in it (a JSON path), and what
/// to do. The same type as scenario errors, so every input error prints alike.
public typealias CheckInputError = ScenarioError
