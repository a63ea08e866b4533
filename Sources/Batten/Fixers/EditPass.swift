import BattenYAML

/// Chooses which changes of a file are rendered together on one parse of its text, so that a file
/// with thousands of changes is parsed and spliced a handful of times instead of once per change.
///
/// Changes are taken in their order. A change joins the pass unless it works below the same entry
/// as a change taken before it (a second key under a `securityContext` the first one creates must
/// see it), or its edits touch the text another change edits — except insertions of new keys into
/// the same mapping at the same point, which land one after the other as they would one pass each.
/// A change left out waits for the next pass, and so does every later change that depends on it, so
/// the result is the text that applying the changes one at a time gives.
struct EditPass {
    /// A path in a file: the document and the keys and indices from its root.
    struct Place: Hashable {
        var document: Int
        var components: [NodePath.Component]
    }

    /// A change's edits, rendered against the text of this pass.
    struct Rendered {
        var index: Int
        var edits: [TextEdit]
        /// True when the change only adds a new key to its mapping (the insertions that may share a point).
        var insertsNewKey: Bool
        var mapping: Place
    }

    /// Where a change works, with every place interned as a number once per file (passes then
    /// compare numbers, not paths): the entry it works below, and its full place with all prefixes.
    struct Footprint {
        var entry: Int
        var prefixes: [Int]
    }

    /// The footprints of `changes`, in their order.
    static func footprints(of changes: [PlacedChange]) -> [Footprint] {
        var numbers: [Place: Int] = [:]
        func number(_ place: Place) -> Int {
            if let known = numbers[place] { return known }
            let next = numbers.count
            numbers[place] = next
            return next
        }
        return changes.map { placed in
            let full = fullPlace(of: placed)
            var prefix = Place(document: full.document, components: [])
            var prefixes = [number(prefix)]
            for component in full.components {
                prefix.components.append(component)
                prefixes.append(number(prefix))
            }
            return Footprint(entry: number(entry(of: placed)), prefixes: prefixes)
        }
    }

    /// The places the changes of this pass (taken or left for later) reach, with all their
    /// prefixes, and the entries they work below.
    private var reached = Set<Int>()
    private var entries = Set<Int>()

    /// The entry a change works below: its mapping and first key (the mapping itself for a rename,
    /// which can meet any key of it).
    static func entry(of placed: PlacedChange) -> Place {
        var components = placed.mapping.components
        if case .renameKey = placed.operation {
            return Place(document: placed.mapping.documentIndex, components: components)
        }
        if let first = placed.path.first { components.append(.key(first)) }
        return Place(document: placed.mapping.documentIndex, components: components)
    }

    static func fullPlace(of placed: PlacedChange) -> Place {
        Place(document: placed.mapping.documentIndex, components: placed.mapping.components + placed.path.map { .key($0) })
    }

    /// Records a change as met in this pass and tells whether it may be rendered in it: false when
    /// it works below, above or at an entry that an earlier change of the pass (taken or not) works on.
    mutating func admit(_ footprint: Footprint) -> Bool {
        let independent = !reached.contains(footprint.entry) && !footprint.prefixes.contains { entries.contains($0) }
        entries.insert(footprint.entry)
        reached.formUnion(footprint.prefixes)
        return independent
    }

    /// The indices of the rendered changes whose edits must wait for a later pass: those that meet
    /// the edits of an earlier change (insertions of new keys into one mapping at one point
    /// excepted), and those that meet the edits of a change that waits.
    static func collisions(_ rendered: [Rendered]) -> Set<Int> {
        var owners: [(edit: TextEdit, owner: Int)] = []
        for (position, change) in rendered.enumerated() {
            for edit in change.edits { owners.append((edit, position)) }
        }
        owners.sort { lhs, rhs in
            lhs.edit.range.lowerBound != rhs.edit.range.lowerBound
                ? lhs.edit.range.lowerBound < rhs.edit.range.lowerBound : lhs.owner < rhs.owner
        }
        // Every pair of edits of different changes that overlap or touch, the earlier change first.
        var meetings: [Int: Set<Int>] = [:]
        var active: [(edit: TextEdit, owner: Int)] = []
        for current in owners {
            active.removeAll { $0.edit.range.upperBound < current.edit.range.lowerBound }
            for other in active where other.owner != current.owner && meet(other.edit, current.edit) {
                let (first, second) = other.owner < current.owner ? (other.owner, current.owner) : (current.owner, other.owner)
                meetings[second, default: []].insert(first)
            }
            active.append(current)
        }
        var waiting = Set<Int>()
        for position in rendered.indices {
            guard let earlier = meetings[position] else { continue }
            let change = rendered[position]
            for other in earlier {
                let sharesPoint = change.insertsNewKey && rendered[other].insertsNewKey && change.mapping == rendered[other].mapping
                if waiting.contains(other) || !sharesPoint {
                    waiting.insert(position)
                    break
                }
            }
        }
        return Set(waiting.map { rendered[$0].index })
    }

    /// True when two edits overlap or touch (`a` starting no later than `b`).
    private static func meet(_ a: TextEdit, _ b: TextEdit) -> Bool {
        let (first, second) = a.range.lowerBound <= b.range.lowerBound ? (a, b) : (b, a)
        if second.range.lowerBound < first.range.upperBound { return true }
        if second.range.lowerBound == first.range.lowerBound { return true }
        return second.range.lowerBound == first.range.upperBound && (first.range.isEmpty || second.range.isEmpty)
    }
}
