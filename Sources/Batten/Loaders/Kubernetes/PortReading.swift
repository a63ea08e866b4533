import BattenYAML

extension ManifestReader {
    /// A container's `ports`: `containerPort` is the target, `hostPort` the published port.
    mutating func ports(in container: NodeID, field: String) -> (node: NodeRef?, ports: [Port]) {
        let field = field + ".ports"
        guard let list = mappingItems("ports", in: container, field: field) else { return (nil, []) }
        var ports: [Port] = []
        for (index, item) in list.items.enumerated() {
            func itemField() -> String { "\(field)[\(index)]" }
            guard let target = int("containerPort", in: item, field: itemField() + ".containerPort") else {
                if value("containerPort", in: item) == nil {
                    report(.warning, at: item, "\(itemField()) has no containerPort; skipped")
                }
                continue
            }
            let hostPort = int("hostPort", in: item, field: itemField() + ".hostPort")
            let hostIP = string("hostIP", in: item, field: itemField() + ".hostIP")
            let proto = string("protocol", in: item, field: itemField() + ".protocol")?.value.lowercased() ?? "tcp"
            ports.append(
                Port(
                    hostIP: hostIP?.value, published: hostPort.map { String($0.value) }, target: String(target.value),
                    proto: proto, node: ref(item)))
        }
        return (ref(list.node), ports)
    }
}
