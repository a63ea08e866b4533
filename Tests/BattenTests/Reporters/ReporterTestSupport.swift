import Batten
import Foundation

/// Audits YAML given as standard input, the way `batten audit -` does, for reporter tests.
enum ReporterTestSupport {
    static func result(_ yaml: String, name: String = "compose.yaml", policy: String = "production") throws -> AnalysisResult {
        let resolved = PolicyResolver().resolve(selection: policy)
        guard let policy = resolved.policy else { throw ReporterTestError.noPolicy }
        let request = AnalysisRequest(paths: ["-"], stdinName: name, environment: [:])
        return Analyzer(policy: policy, today: "2026-01-01").run(request, readStandardInput: { Array(yaml.utf8) })
    }

    static func report(_ yaml: String, name: String = "compose.yaml", threshold: Severity = .high) throws -> Report {
        Report(result: try result(yaml, name: name), threshold: threshold)
    }

    enum ReporterTestError: Error {
        case noPolicy
    }

    static let composeWithSecrets = """
        services:
          web:
            image: nginx:1.27
            privileged: true
            environment:
              DB_PASSWORD: s3cr3t-value-42   # the real one
              LOG_LEVEL: info
          api:
            image: example/api:1.0
            environment:
              - API_TOKEN=tok-0123456789abcdef
              - DATABASE_URL=postgres://app:pa55word@db:5432/app
        """
}
