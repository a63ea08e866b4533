import BattenYAML

/// Checks that the networks, named volumes, secrets and configs a service uses are declared at the
/// top level, as Compose requires. An undeclared one is a warning at the item that names it: Batten
/// can still analyse the service, but `docker compose` rejects the project.
enum ComposeReferences {
    static func check(_ service: ComposeServiceState, resources: SourcedTree, diagnostics: inout [Diagnostic]) {
        func report(_ kind: String, _ name: String, at node: NodeRef?) {
            diagnostics.append(
                Diagnostic(
                    .warning, at: node ?? service.mapping,
                    "service \"\(service.name)\" uses \(kind) \"\(name)\", which is not declared under top-level \(kind)s; docker compose rejects this"))
        }
        func declared(_ kind: String, _ name: String) -> Bool {
            resources[kind]?.entry(name) != nil
        }
        let tree = service.tree
        for entry in tree["networks"]?.entries ?? [] where entry.key != "default" && !declared("networks", entry.key) {
            report("network", entry.key, at: entry.keyNode)
        }
        for item in tree["volumes"]?.items ?? [] {
            guard case .success(let spec) = ComposeVolumeSpec.parse(item), spec.type == "volume",
                let source = spec.source, !declared("volumes", source)
            else { continue }
            report("volume", source, at: item.node)
        }
        for kind in ["secrets", "configs"] {
            for item in tree[kind]?.items ?? [] {
                guard let name = item.text ?? item["source"]?.text, !declared(kind, name) else { continue }
                report(String(kind.dropLast()), name, at: item.node)
            }
        }
    }
}
