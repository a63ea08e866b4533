/// A located problem in a YAML file: a syntax error from libyaml, a duplicate key, an alias
/// problem, or an exceeded limit.
public struct YAMLError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case syntax
        case encoding
        case duplicateKey
        case undefinedAlias
        case recursiveAlias
        case fileTooLarge
        case tooDeep
        case tooManyNodes
        /// The aliases of a document stand for more than ``YAMLLimits/aliasExpansionBudget(nodes:)``.
        case aliasExpansion
        case io
    }

    public var kind: Kind
    public var path: String
    public var position: SourcePosition
    /// The problem, as libyaml or Batten words it.
    public var message: String
    /// libyaml's context ("while parsing a block mapping") with its position, if any.
    public var context: String?
    public var contextPosition: SourcePosition?

    public init(
        kind: Kind, path: String, position: SourcePosition, message: String,
        context: String? = nil, contextPosition: SourcePosition? = nil
    ) {
        self.kind = kind
        self.path = path
        self.position = position
        self.message = message
        self.context = context
        self.contextPosition = contextPosition
    }

    /// The full message: the problem followed by libyaml's context and where it started.
    public var fullMessage: String {
        guard let context else { return message }
        if let contextPosition { return "\(message) (\(context) at \(contextPosition.line):\(contextPosition.column))" }
        return "\(message) (\(context))"
    }

    /// `path:line:col: error: message`.
    public var description: String { "\(path):\(position.line):\(position.column): error: \(fullMessage)" }
}
