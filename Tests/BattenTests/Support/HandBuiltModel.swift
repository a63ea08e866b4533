import Batten
import BattenYAML

/// Model values built by hand, for tests that check a rule or a fixer on a shape no loader makes.
enum HandBuiltModel {
    /// A node of a throw-away document, for model values built by hand.
    static func node(_ text: String = "key: value") -> NodeRef {
        let document = YAMLParser.parse(text).documents[0]
        return document.ref(document.root ?? NodeID(0))
    }

    /// A scalar of a hand-built merged Compose tree.
    static func scalar(_ value: String) -> SourcedTree { .scalar(SourcedScalar(value: value, raw: value, node: nil)) }

    /// A mapping of a hand-built merged Compose tree.
    static func mapping(_ entries: [(String, SourcedTree)]) -> SourcedTree {
        .mapping(entries.map { SourcedTreeEntry(key: $0.0, keyNode: nil, value: $0.1) }, node: nil)
    }

    /// Compose service details around a hand-built merged tree.
    static func composeService(_ merged: SourcedTree) -> ComposeServiceDetails {
        ComposeServiceDetails(projectName: "p", projectDirectory: "/p", definitions: [], merged: merged)
    }
}
