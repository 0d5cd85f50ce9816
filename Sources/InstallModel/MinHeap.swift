/// A binary min-heap: the ready set of a topological sort that always takes the lowest plan index, or the
/// lanes of a timeline by when they free up, in O(log n) per operation instead of a scan of everything held.
public struct MinHeap<Element: Comparable> {
    private var items: [Element] = []

    public init() {}

    public init(_ items: some Sequence<Element>) {
        for item in items { insert(item) }
    }

    public var isEmpty: Bool { items.isEmpty }

    /// The smallest element, without taking it.
    public var min: Element? { items.first }

    public mutating func insert(_ item: Element) {
        items.append(item)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child] < items[parent] else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    /// Takes the smallest element out.
    public mutating func popMin() -> Element? {
        guard let last = items.popLast() else { return nil }
        guard !items.isEmpty else { return last }
        let smallest = items[0]
        items[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var least = parent
            if left < items.count, items[left] < items[least] { least = left }
            if right < items.count, items[right] < items[least] { least = right }
            guard least != parent else { break }
            items.swapAt(parent, least)
            parent = least
        }
        return smallest
    }
}
