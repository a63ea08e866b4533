/// The output formats of `batten audit --format`.
public enum ReportFormat: String, Sendable, Hashable, CaseIterable {
    case text
    case json
    case sarif
    case junit
    case github
    case markdown

    /// The reporter for the format; `style`, `showSuppressed` and `showsDetails` only matter to text.
    public func reporter(style: TerminalStyle = .plain, showSuppressed: Bool = false, showsDetails: Bool = true) -> any Reporter {
        switch self {
        case .text: return TextReporter(style: style, showSuppressed: showSuppressed, showsDetails: showsDetails)
        case .json: return JSONReporter()
        case .sarif: return SARIFReporter()
        case .junit: return JUnitReporter()
        case .github: return GitHubReporter()
        case .markdown: return MarkdownReporter()
        }
    }
}

/// Where one report goes.
public enum ReportDestination: Sendable, Hashable {
    case standardOutput
    case file(String)
}

/// The reports of one run: each `--format` paired with the `--output` at the same position; a
/// format without an output (or with `-`) goes to standard output, which at most one may use.
public struct OutputPlan: Sendable, Hashable {
    /// The reports in the order of their `--format`.
    public var outputs: [Output]

    /// One report and where it goes.
    public struct Output: Sendable, Hashable {
        public var format: ReportFormat
        public var destination: ReportDestination

        public init(format: ReportFormat, destination: ReportDestination) {
            self.format = format
            self.destination = destination
        }
    }

    /// Pairs `formats` and `paths`. No format means text to standard output; an output without a
    /// format, more outputs than formats, two reports to standard output, or one file written twice
    /// is an error.
    public init(formats: [ReportFormat], paths: [String]) throws(OutputPlanError) {
        guard !formats.isEmpty || paths.isEmpty else {
            throw OutputPlanError("--output without --format: give the report's format, e.g. --format text --output \(paths[0])")
        }
        let formats = formats.isEmpty ? [ReportFormat.text] : formats
        guard paths.count <= formats.count else {
            throw OutputPlanError(
                "\(paths.count) --output for \(formats.count) --format: the n-th --output is the file of the n-th --format")
        }
        var outputs: [Output] = []
        var files = Set<String>()
        for (index, format) in formats.enumerated() {
            let path = index < paths.count ? paths[index] : "-"
            if path == "-" {
                outputs.append(Output(format: format, destination: .standardOutput))
            } else {
                guard files.insert(path).inserted else { throw OutputPlanError("--output \(path) is given twice") }
                outputs.append(Output(format: format, destination: .file(path)))
            }
        }
        let toStandardOutput = outputs.filter { $0.destination == .standardOutput }.map(\.format.rawValue)
        guard toStandardOutput.count <= 1 else {
            throw OutputPlanError(
                "only one report can go to standard output, not \(toStandardOutput.joined(separator: " and ")): give the others an --output file")
        }
        self.outputs = outputs
    }
}

/// A `--format` / `--output` combination that cannot be written.
public struct OutputPlanError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
