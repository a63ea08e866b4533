import BattenYAML

/// Plaintext secrets that hold the same value in several services of one Compose project (an
/// application's `WORDPRESS_DB_PASSWORD` and the database's `MARIADB_PASSWORD`) must stay equal: their
/// migrations (``ComposeSecretMigration``) share one secret, named after the first in report order.
/// Secrets of the same name and different values are told apart by their service's name.
enum ComposeSecretSharing {
    /// One secret and the variables that read it.
    struct Secret: Sendable {
        var name: String
        /// `service VARIABLE`, in report order.
        var readers: [String]
    }

    /// `findings` with the migrations' secret names made shared or distinct, and the secrets.
    static func apply(to findings: [Finding], workloads: [Workload]) -> (findings: [Finding], secrets: [Secret]) {
        var byValue: [String: Int] = [:]
        var secrets: [Secret] = []
        var result = findings
        for index in result.indices.sorted(by: { Finding.reportOrder(result[$0], result[$1]) }) {
            let finding = result[index]
            guard let fix = finding.fix, let name = ComposeSecretMigration.secret(of: fix),
                let workload = workloads.first(where: { $0.id == finding.workloadID }),
                case let variableName = String(finding.setting.dropFirst("environment.".count)),
                let variable = workload.containers.first?.environment.first(where: { $0.name == variableName }),
                let value = variable.rawValue ?? variable.value
            else { continue }
            let reader = "\(workload.name) \(variableName)"
            if let shared = byValue[value] {
                secrets[shared].readers.append(reader)
                result[index].fix = ComposeSecretMigration.renamed(fix, from: name, to: secrets[shared].name)
                continue
            }
            var unique = name
            if secrets.contains(where: { $0.name == unique }) { unique = "\(workload.name.lowercased())_\(name)" }
            var suffix = 2
            while secrets.contains(where: { $0.name == unique }) {
                unique = "\(workload.name.lowercased())_\(name)_\(suffix)"
                suffix += 1
            }
            if unique != name { result[index].fix = ComposeSecretMigration.renamed(fix, from: name, to: unique) }
            byValue[value] = secrets.count
            secrets.append(Secret(name: unique, readers: [reader]))
        }
        return (result, secrets)
    }
}
