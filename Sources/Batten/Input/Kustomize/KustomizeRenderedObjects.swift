import BattenYAML

/// The objects of a kustomize build by `apiVersion kind namespace/name`, to tell whether two
/// builds give the same objects whatever their order and layout.
struct KustomizeRenderedObjects {
    var objects: [String: YAMLValue] = [:]

    /// The objects of every document of `streams` (the first of two with one key wins).
    init(_ streams: [YAMLStream]) {
        for stream in streams {
            for document in stream.documents {
                guard let root = document.root else { continue }
                let value = document.value(root, applyMerges: true)
                let metadata = value["metadata"]
                let key =
                    [value["apiVersion"]?.scalarText ?? "", value["kind"]?.scalarText ?? ""].joined(separator: " ") + " "
                    + ((metadata?["namespace"]?.scalarText).map { $0 + "/" } ?? "") + (metadata?["name"]?.scalarText ?? "")
                if objects[key] == nil { objects[key] = value }
            }
        }
    }

    /// The first object where `self` differs from `intended`, or nil when they are the same objects.
    func difference(from intended: KustomizeRenderedObjects) -> String? {
        for key in intended.objects.keys.sorted() {
            guard let object = objects[key] else { return "\(key) is missing" }
            guard let wanted = intended.objects[key], !object.means(wanted) else { continue }
            return "\(key): " + (YAMLValueDifference.firstDifference(wanted, object) ?? "differs")
        }
        if let extra = objects.keys.sorted().first(where: { intended.objects[$0] == nil }) { return "\(extra) is added" }
        return nil
    }
}
