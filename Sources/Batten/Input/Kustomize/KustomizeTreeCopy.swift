import BattenYAML
import Foundation

/// A copy of the files a kustomization uses, with the files a ``FileReader`` overlay replaces
/// holding the replaced bytes, so that the kustomize tool renders the kustomization as it would be
/// after an edit, while the user's files stay untouched (`batten fix` re-audits its edits this way).
///
/// The copy holds every file the kustomization and its bases use (resources, patches, generator
/// files, kustomization files) and the other regular files beside each kustomization file
/// (transformer configurations and the like), laid out as they are below their common directory.
enum KustomizeTreeCopy {
    enum Outcome: Equatable {
        /// The reader replaces no file the kustomization uses: render it where it is.
        case unchanged
        /// The copy of the kustomization's directory.
        case copied(String)
        /// Why no copy could be made.
        case failed(String)
    }

    /// Copies the files of the kustomization in `directory` into `root` when `reader` replaces one
    /// of them.
    static func make(directory: String, kustomizationPath: String, reader: FileReader, limits: YAMLLimits, into root: String) -> Outcome {
        guard !reader.overlay.isEmpty else { return .unchanged }
        let walk = KustomizeWalk(
            [KustomizeDirectory(directory: directory, kustomizationPath: kustomizationPath, origin: .explicit)], reader: reader,
            limits: limits)
        var files = Set(walk.ownedFiles.map(FileReader.absolute))
        guard files.contains(where: { reader.overlay[$0] != nil }) else { return .unchanged }
        for kustomization in walk.users.keys.map(FileReader.absolute) {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: kustomization)) ?? []
            for entry in entries where reader.isFile(atPath: kustomization + "/" + entry) {
                files.insert(kustomization + "/" + entry)
            }
        }
        let top = FileReader.absolute(directory)
        let base = commonDirectory(files.map(KustomizePaths.directory(of:)) + [top])
        for file in files.sorted() {
            // A file that cannot be read is left out: kustomize then names it in its error.
            guard let bytes = reader.contents(atPath: file, maxBytes: limits.maxFileSize, allowingSpecialFiles: false) else { continue }
            let copy = KustomizePaths.join(root, KustomizePaths.relative(from: base, to: file))
            do {
                try FileManager.default.createDirectory(
                    atPath: KustomizePaths.directory(of: copy), withIntermediateDirectories: true)
                try Data(bytes).write(to: URL(fileURLWithPath: copy))
            } catch {
                return .failed("cannot copy \(file) to render the edited kustomization: \(error.localizedDescription)")
            }
        }
        return .copied(KustomizePaths.join(root, KustomizePaths.relative(from: base, to: top)))
    }

    /// The deepest directory that holds every one of `directories` (absolute paths).
    static func commonDirectory(_ directories: [String]) -> String {
        guard let first = directories.first else { return "/" }
        var common = first.split(separator: "/")
        for directory in directories.dropFirst() {
            let parts = directory.split(separator: "/")
            var count = 0
            while count < common.count, count < parts.count, common[count] == parts[count] { count += 1 }
            common = Array(common.prefix(count))
        }
        return "/" + common.joined(separator: "/")
    }
}
