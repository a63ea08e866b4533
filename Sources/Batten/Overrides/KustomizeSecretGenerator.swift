import BattenYAML
import Foundation

/// The Secrets a kustomize overlay generates for the plaintext `env` values it moves to
/// `valueFrom.secretKeyRef` (``KubernetesSecretMigration``): one `secretGenerator` entry per Secret,
/// reading `secrets/NAME.env`, which the overlay writes with each key and an empty value for the
/// user to fill. The values themselves are never written.
///
/// In the overlay, the move is `known` rather than a decision: the overlay creates the Secret the
/// edit refers to, and kustomize's name suffix rewrites the `secretKeyRef` names of the workload
/// kinds it knows (the only kinds the overlay patches, ``KustomizePatchTarget/mergesStrategically``).
struct KustomizeSecretGenerator {
    struct Secret: Equatable {
        var name: String
        var namespace: String?
        var keys: [String]
        /// The env file, relative to the overlay directory.
        var file: String
    }

    /// The Secrets, in the order the fixed findings name them.
    var secrets: [Secret]

    /// The directory of the env files, relative to the overlay directory.
    static let directory = "secrets"

    /// The Secrets that the `fixed` findings' `secretKeyRef`s name.
    init(fixed: [Finding]) {
        var secrets: [Secret] = []
        for finding in fixed where finding.target.format == .kubernetes {
            guard let fix = finding.fix,
                let reference = KubernetesSecretMigration.reference(of: fix, namespace: finding.target.namespace)
            else { continue }
            if let index = secrets.firstIndex(where: { $0.name == reference.secret && $0.namespace == reference.namespace }) {
                if !secrets[index].keys.contains(reference.key) { secrets[index].keys.append(reference.key) }
                continue
            }
            let stem = OverridePaths.slug([reference.namespace ?? "", reference.secret])
            var file = "\(Self.directory)/\(stem).env"
            var counter = 2
            while secrets.contains(where: { $0.file == file }) {
                file = "\(Self.directory)/\(stem)-\(counter).env"
                counter += 1
            }
            secrets.append(Secret(name: reference.secret, namespace: reference.namespace, keys: [reference.key], file: file))
        }
        self.secrets = secrets
    }

    /// `result` with the migrations of workloads the overlay patches made `known`: the overlay
    /// generates their Secret. The others (kinds without a patch) stay decisions.
    static func promoted(_ result: AnalysisResult) -> AnalysisResult {
        var updated = result
        let patched = Set(
            result.workloads.filter {
                $0.format == .kubernetes && KustomizePatchTarget(workload: $0).mergesStrategically
            }.map(\.id))
        for index in updated.findings.indices where patched.contains(updated.findings[index].workloadID) {
            let finding = updated.findings[index]
            guard var fix = finding.fix, fix.kind == .decision,
                let reference = KubernetesSecretMigration.reference(of: fix, namespace: finding.target.namespace)
            else { continue }
            fix.kind = .known
            fix.reason =
                "the overlay generates the Secret \(reference.secret); write the value after \(reference.key)= in "
                + "\(Self.directory)/\(OverridePaths.slug([reference.namespace ?? "", reference.secret])).env"
            fix.snippet = nil
            updated.findings[index].fix = fix
        }
        return updated
    }

    /// The `secretGenerator` entries of `kustomization.yaml`.
    var entries: YAMLValue {
        .sequence(
            secrets.map { secret in
                var entry: [(String, YAMLValue)] = [("name", .string(secret.name))]
                if let namespace = secret.namespace { entry.append(("namespace", .string(namespace))) }
                entry.append(("envs", .sequence([.string(secret.file)])))
                return .mapping(entry)
            })
    }

    /// The env file of `secret`: a comment, then `KEY=` for each key.
    static func envFile(_ secret: Secret) -> [UInt8] {
        var text = "# The values of the Secret \(secret.name), one KEY=value a line: fill them in before building the overlay.\n"
        text += "# Batten keeps this file once it is edited; keep it out of version control.\n"
        for key in secret.keys { text += "\(key)=\n" }
        return Array(text.utf8)
    }

    /// The header lines that say which env files to fill.
    var headerLines: [String] {
        guard !secrets.isEmpty else { return [] }
        return ["Secrets: fill in the values (KEY=value) before building; Batten never writes them and keeps an edited file:"]
            + secrets.map { "  \($0.file): " + $0.keys.joined(separator: ", ") + " of the Secret \($0.name)" }
    }

    /// `bytes` of the input at `path` with the values the `fixed` findings move to a Secret written
    /// as `""`, so that the overlay's copy of the input does not hold them.
    static func redacted(_ bytes: [UInt8], path: String, fixed: [Finding]) -> [UInt8] {
        let ranges = fixed.filter { finding in
            finding.location.path == path && finding.fix.flatMap { KubernetesSecretMigration.reference(of: $0, namespace: nil) } != nil
        }.map(\.location.byteRange).filter { !$0.isEmpty && $0.upperBound <= bytes.count }.sorted { $0.lowerBound > $1.lowerBound }
        var result = bytes
        var previous = Int.max
        for range in ranges where range.upperBound <= previous {
            // The range starts at the `value` key, which stays; a block scalar's range ends after its
            // last line break, which stays too.
            let slice = Array(result[range])
            guard
                let colon = slice.indices.first(where: { index in
                    slice[index] == UInt8(ascii: ":") && index + 1 < slice.count && [UInt8(ascii: " "), UInt8(ascii: "\n")].contains(slice[index + 1])
                })
            else { continue }
            let lineBreaks = slice.reversed().prefix { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
            result.replaceSubrange(range, with: slice[...colon] + Array(" \"\"".utf8) + lineBreaks.reversed())
            previous = range.lowerBound
        }
        return result
    }

    /// The `existing` text of an env file the user edited, with a `KEY=` line appended for each key
    /// of `generated` it lacks; nil when it lacks none.
    static func completed(_ existing: [UInt8], with generated: [UInt8]) -> [UInt8]? {
        func keys(_ bytes: [UInt8]) -> [String] {
            String(decoding: bytes, as: UTF8.self).split(separator: "\n").compactMap { line in
                let trimmed = line.drop { $0 == " " || $0 == "\t" }
                guard !trimmed.hasPrefix("#"), let equals = trimmed.firstIndex(of: "=") else { return nil }
                return String(trimmed[..<equals]).trimmingCharacters(in: .whitespaces)
            }
        }
        let present = Set(keys(existing))
        let missing = keys(generated).filter { !present.contains($0) }
        guard !missing.isEmpty else { return nil }
        var bytes = existing
        if let last = bytes.last, last != UInt8(ascii: "\n") { bytes.append(UInt8(ascii: "\n")) }
        for key in missing { bytes += Array("\(key)=\n".utf8) }
        return bytes
    }
}
