/// The stored fields of a large model value, shared by its copies until one of them changes (copy on
/// write).
///
/// Rules walk workloads and containers by value; a plain struct of forty-odd fields copies every
/// string, array and optional reference on each of those copies, which cost more than the rules'
/// own checks. With the fields here a copy is one reference. Reading goes through a pointer, so it
/// needs no exclusivity check; writing first copies the fields when another value still holds them.
struct SharedFields<Values: Sendable>: Sendable {
    private var storage: Storage

    init(_ values: Values) {
        storage = Storage(values)
    }

    /// The fields, for reading.
    var read: UnsafePointer<Values> {
        UnsafePointer(storage.values)
    }

    /// The fields, for writing: copied first if another value shares them.
    var write: UnsafeMutablePointer<Values> {
        mutating get {
            if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.values.pointee) }
            return storage.values
        }
    }

    /// Owns the fields; changed only through ``write``, while no other value holds it.
    private final class Storage: @unchecked Sendable {
        let values: UnsafeMutablePointer<Values>

        init(_ values: Values) {
            self.values = .allocate(capacity: 1)
            self.values.initialize(to: values)
        }

        deinit {
            values.deinitialize(count: 1)
            values.deallocate()
        }
    }
}
