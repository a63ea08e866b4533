/// A rule parameter whatever its type: what `batten explain` lists and policy validation checks.
public protocol RuleParameterDeclaration: Sendable {
    var name: String { get }
    /// The default, as a policy would write it; its case is the type a policy's value must have.
    var defaultValue: ParameterValue { get }
    var summary: String { get }
}
