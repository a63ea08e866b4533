/// An example of a rule, which is also its test.
///
/// In a triggering example, `↓` marks where each finding must point (the marker is removed before
/// the YAML is read). A corrected example is the file after the rule's fix: it must not trigger.
public struct RuleExample: Sendable {
    public enum Kind: String, Sendable {
        case triggering
        case nonTriggering
    }

    /// The marker for expected finding positions.
    public static let marker: Character = "↓"

    public var kind: Kind
    public var format: InputFormat
    public var yaml: String
    public var corrected: String?
    /// Policy parameters for this example (the rule's defaults otherwise).
    public var parameters: [String: ParameterValue]
    /// Other files of the example project, by relative path (a Dockerfile, an `.env`).
    public var files: [String: String]
    public var note: String?

    public init(
        kind: Kind, format: InputFormat, yaml: String, corrected: String? = nil,
        parameters: [ParameterSetting] = [], files: [String: String] = [:], note: String? = nil
    ) {
        self.kind = kind
        self.format = format
        self.yaml = yaml
        self.corrected = corrected
        self.parameters = Dictionary(parameters.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last })
        self.files = files
        self.note = note
    }

    /// A triggering example; mark each expected finding with `↓`.
    public static func triggering(
        _ format: InputFormat, _ yaml: String, corrected: String? = nil, parameters: [ParameterSetting] = [],
        files: [String: String] = [:], note: String? = nil
    ) -> RuleExample {
        RuleExample(kind: .triggering, format: format, yaml: yaml, corrected: corrected, parameters: parameters, files: files, note: note)
    }

    /// An example that must produce no finding.
    public static func passing(
        _ format: InputFormat, _ yaml: String, parameters: [ParameterSetting] = [],
        files: [String: String] = [:], note: String? = nil
    ) -> RuleExample {
        RuleExample(kind: .nonTriggering, format: format, yaml: yaml, parameters: parameters, files: files, note: note)
    }

    /// The YAML without markers.
    public var cleanYAML: String { yaml.filter { $0 != RuleExample.marker } }

    /// Line and column (1-based, column in Unicode scalars) of each marker in the cleaned text.
    public var markedPositions: [(line: Int, column: Int)] {
        var positions: [(line: Int, column: Int)] = []
        var line = 1
        var column = 1
        for scalar in yaml.unicodeScalars {
            if Character(scalar) == RuleExample.marker {
                positions.append((line, column))
                continue
            }
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return positions
    }
}
