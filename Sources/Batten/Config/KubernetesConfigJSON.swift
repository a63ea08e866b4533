/// `batten config` for Kubernetes input: the extracted workloads with their effective settings and
/// the source position of every value.
public enum KubernetesConfigJSON {
    public static func render(_ workloads: [Workload]) -> JSONValue {
        .array([])
    }
}
