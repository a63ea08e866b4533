import BattenYAML

/// Which kustomizations of the input are rendered, and which files they own.
///
/// A kustomization that another one of the input builds on (a base, a component) is audited
/// through the one that uses it, not on its own, unless it was named on the command line; the
/// files a rendered kustomization uses (its resources, patches, generator files and kustomization
/// files, through every base) are not audited again as loose files.
struct KustomizeWalk: Sendable {
    /// The kustomizations to render, in input order.
    var roots: [KustomizeDirectory] = []
    /// Normalized paths of the files the rendered kustomizations use.
    var ownedFiles: Set<String> = []
    /// For each kustomization directory (normalized) that the input reaches, the roots that use it.
    var users: [String: Set<String>] = [:]

    init(_ directories: [KustomizeDirectory], reader: FileReader, limits: YAMLLimits) {
        var seen = Set<String>()
        let unique = directories.filter { seen.insert(KustomizePaths.normalized($0.directory)).inserted }
        var closures: [String: Set<String>] = [:]
        var files: [String: Set<String>] = [:]
        for directory in unique {
            var reached = Set<String>()
            var used = Set<String>()
            collect(KustomizePaths.normalized(directory.directory), reached: &reached, files: &used, reader: reader, limits: limits)
            reached.remove(KustomizePaths.normalized(directory.directory))
            closures[directory.directory] = reached
            files[directory.directory] = used
        }
        let reachedByOthers = Set(closures.values.flatMap { $0 })
        for directory in unique {
            let normalized = KustomizePaths.normalized(directory.directory)
            guard directory.origin == .explicit || !reachedByOthers.contains(normalized) else { continue }
            roots.append(directory)
            ownedFiles.formUnion(files[directory.directory] ?? [])
            for reached in (closures[directory.directory] ?? []).union([normalized]) {
                users[reached, default: []].insert(normalized)
            }
        }
    }

    /// Follows `resources`, `bases` and `components` from the kustomization in `directory`.
    private func collect(
        _ directory: String, reached: inout Set<String>, files: inout Set<String>, reader: FileReader, limits: YAMLLimits
    ) {
        guard reached.insert(directory).inserted, reached.count < 1000,
            let path = KustomizationFile.path(in: directory),
            let kustomization = KustomizationFile(path: path, reader: reader, limits: limits)
        else { return }
        files.insert(KustomizePaths.normalized(path))
        files.formUnion(kustomization.usedFiles.map(KustomizePaths.normalized))
        for resource in kustomization.resources {
            let normalized = KustomizePaths.normalized(resource)
            if KustomizationFile.path(in: normalized) != nil {
                collect(normalized, reached: &reached, files: &files, reader: reader, limits: limits)
            } else {
                files.insert(normalized)
            }
        }
    }

    /// True when a walked file belongs to a rendered kustomization.
    func owns(_ path: String) -> Bool {
        ownedFiles.contains(KustomizePaths.normalized(path))
    }
}
