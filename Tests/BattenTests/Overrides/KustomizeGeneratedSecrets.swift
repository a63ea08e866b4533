import BattenYAML

@testable import Batten

/// The Secrets that an overlay's `secretGenerator` adds to the output of `kubectl kustomize`, told
/// apart from the input's objects. kustomize names each generated Secret `NAME-HASH` and rewrites the
/// `secretKeyRef` names of the workloads it knows to that name; the strategic merge simulation knows
/// only `NAME`, so the objects are compared with the names put back.
struct KustomizeGeneratedSecrets {
    /// A generator entry of `kustomization.yaml`: the Secret's name and namespace, and its env files.
    struct Generator: Hashable {
        var name: String
        var namespace: String
        var envs: [String]
    }

    var generators: [Generator]
    /// The generated Secrets, by the generator they come from.
    var secrets: [Generator: YAMLValue] = [:]
    /// The output's other objects, by ``OverrideTestSupport/key(_:)``.
    var objects: [String: YAMLValue] = [:]
    /// `namespace/NAME-HASH` → `NAME`.
    private var originalNames: [String: String] = [:]

    init(output: [String: YAMLValue], kustomization: YAMLValue) {
        generators = (kustomization["secretGenerator"]?.items ?? []).compactMap { entry in
            guard let name = entry["name"]?.scalarText else { return nil }
            return Generator(
                name: name, namespace: entry["namespace"]?.scalarText ?? "",
                envs: (entry["envs"]?.items ?? []).compactMap(\.scalarText))
        }
        for (key, object) in output {
            let metadata = object["metadata"]
            let name = metadata?["name"]?.scalarText ?? ""
            let namespace = metadata?["namespace"]?.scalarText ?? ""
            let generator =
                object["kind"]?.scalarText == "Secret"
                ? generators.first { generator in
                    generator.namespace == namespace && name.hasPrefix(generator.name + "-")
                        && name.dropFirst(generator.name.count + 1).count == 10
                } : nil
            if let generator {
                secrets[generator] = object
                originalNames["\(namespace)/\(name)"] = generator.name
            } else {
                objects[key] = object
            }
        }
    }

    /// `object` with every `secretKeyRef` name of a generated Secret put back to the generator's name.
    func restoringNames(_ object: YAMLValue) -> YAMLValue {
        let namespace = object["metadata"]?["namespace"]?.scalarText ?? ""
        return Self.mapReferences(object) { name in originalNames["\(namespace)/\(name)"] ?? name }
    }

    /// The `secretKeyRef` names in `object` that are a generator's name as written: kustomize did not
    /// rewrite them, so the pod would look for a Secret that does not exist.
    func unsuffixedReferences(in object: YAMLValue) -> [String] {
        let namespace = object["metadata"]?["namespace"]?.scalarText ?? ""
        var found: [String] = []
        _ = Self.mapReferences(object) { name in
            if generators.contains(where: { $0.name == name && $0.namespace == namespace }) { found.append(name) }
            return name
        }
        return found
    }

    /// `value` with the `name` of every `secretKeyRef` mapping replaced by `rename(name)`.
    private static func mapReferences(_ value: YAMLValue, _ rename: (String) -> String) -> YAMLValue {
        switch value.content {
        case .mapping(let entries):
            return YAMLValue(
                .mapping(
                    entries.map { entry in
                        guard entry.key.scalarText == "secretKeyRef", case .mapping(let fields) = entry.value.content else {
                            return YAMLValue.Entry(entry.key, mapReferences(entry.value, rename))
                        }
                        let renamed = fields.map { field -> YAMLValue.Entry in
                            guard field.key.scalarText == "name", let name = field.value.scalarText else { return field }
                            return YAMLValue.Entry(field.key, .string(rename(name)))
                        }
                        return YAMLValue.Entry(entry.key, YAMLValue(.mapping(renamed), tag: entry.value.tag, flow: entry.value.flow))
                    }), tag: value.tag, flow: value.flow)
        case .sequence(let items):
            return YAMLValue(.sequence(items.map { mapReferences($0, rename) }), tag: value.tag, flow: value.flow)
        case .scalar:
            return value
        }
    }
}
