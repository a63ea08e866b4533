extension Workload {
    /// True for a Kubernetes pod that declares `spec.os.name: windows`. The API server accepts only
    /// `linux` and `windows` there, and the Pod Security Standards compare the value exactly.
    var isWindowsPod: Bool { kubernetes?.osName?.value == "windows" }
}
