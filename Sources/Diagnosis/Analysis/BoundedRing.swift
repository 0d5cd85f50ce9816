/// The last `capacity` values appended; older ones are dropped.
struct BoundedRing<Element: Sendable>: Sendable {
    let capacity: Int
    private var storage: [Element] = []
    private var next = 0

    init(capacity: Int) {
        precondition(capacity > 0, "a ring needs room for one element")
        self.capacity = capacity
    }

    mutating func append(_ element: Element) {
        if storage.count < capacity {
            storage.append(element)
        } else {
            storage[next] = element
        }
        next = (next + 1) % capacity
    }

    /// Oldest first.
    var elements: [Element] {
        storage.count < capacity ? storage : Array(storage[next...] + storage[..<next])
    }

    var isEmpty: Bool { storage.isEmpty }
}

extension BoundedRing where Element == [UInt8] {
    /// Appends a copy of `bytes`, reusing the storage of the slot it overwrites (no allocation once full).
    mutating func appendCopy(of bytes: [UInt8]) {
        guard storage.count == capacity else { return append(bytes) }
        storage[next].removeAll(keepingCapacity: true)
        storage[next].append(contentsOf: bytes)
        next = (next + 1) % capacity
    }
}
