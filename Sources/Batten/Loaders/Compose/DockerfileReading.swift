import BattenYAML

/// Reads the Dockerfile a Compose service is built from and attaches what it says to the service's
/// build settings. A Dockerfile that cannot be read is a note, never an error.
enum DockerfileReading {
    static func attach(to workload: inout WorkloadBuilder, reader: FileReader, state: inout ComposeLoadState) {
        guard var build = workload.compose?.build, let path = build.dockerfilePath else { return }
        let bytes: [UInt8]
        switch reader.contents(of: path, limit: state.limits.maxFileSize) {
        case .success(let read):
            bytes = read
        case .failure(let failure):
            state.diagnostics.append(
                Diagnostic(
                    .note, at: build.node,
                    "service \(workload.name): cannot read its Dockerfile \(path) (\(failure)); its USER and HEALTHCHECK are not known"))
            return
        }
        let display = ComposeEnvironment.displayPath(path, workingDirectory: state.workingDirectory)
        let facts = DockerfileParser.parse(
            String(decoding: bytes, as: UTF8.self), path: display, target: build.target, buildArguments: build.arguments)
        if let target = build.target, facts.stage?.lowercased() != target.lowercased() {
            state.diagnostics.append(
                Diagnostic(
                    .note, at: build.node,
                    "service \(workload.name): its Dockerfile \(display) has no stage named `\(target)`; its last stage is used"))
        }
        build.facts = facts
        workload.compose?.build = build
    }
}
