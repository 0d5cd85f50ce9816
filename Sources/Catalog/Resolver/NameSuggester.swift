/// Finds known names close to a mistyped one: shared prefix, containment, or a small edit distance.
struct NameSuggester {
    let candidates: [String]
    /// More than this many edits is a different word, not a typo.
    static let editDistanceMax = 2
    static let suggestionsMax = 3

    func suggestions(for name: String) -> [String] {
        let query = name.lowercased()
        guard !query.isEmpty else { return [] }
        var scored: [(score: Int, name: String)] = []
        for candidate in candidates {
            let distance = Self.editDistance(query, candidate)
            if distance <= Self.editDistanceMax {
                scored.append((distance, candidate))
            } else if query.count >= 2 && (candidate.hasPrefix(query) || query.hasPrefix(candidate)) {
                scored.append((Self.editDistanceMax + 1, candidate))
            } else if query.count >= 3 && candidate.contains(query) {
                scored.append((Self.editDistanceMax + 2, candidate))
            }
        }
        return scored.sorted { ($0.score, $0.name) < ($1.score, $1.name) }.prefix(Self.suggestionsMax).map(\.name)
    }

    /// Levenshtein distance over characters, two rows at a time.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let left = Array(a)
        let right = Array(b)
        if left.isEmpty { return right.count }
        if right.isEmpty { return left.count }
        var previous = Array(0...right.count)
        var current = [Int](repeating: 0, count: right.count + 1)
        for i in 1...left.count {
            current[0] = i
            for j in 1...right.count {
                let substitution = previous[j - 1] + (left[i - 1] == right[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[right.count]
    }
}
