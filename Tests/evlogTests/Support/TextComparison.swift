/// Where two runs' printed lines first differ, said so a failure message can show it.
enum TextComparison {
    /// nil when `expected` and `actual` are the same lines.
    static func firstDifference(expected: [String], actual: [String]) -> String? {
        for index in 0..<max(expected.count, actual.count) {
            let left = index < expected.count ? expected[index] : "<no line>"
            let right = index < actual.count ? actual[index] : "<no line>"
            if left != right {
                return "line \(index + 1) of \(expected.count) vs \(actual.count): expected «\(left)», got «\(right)»"
            }
        }
        return nil
    }

    /// How many times `needle` occurs in `haystack` (bytes, so compressed files can be searched too).
    static func occurrences(of needle: String, in haystack: [UInt8]) -> Int {
        let pattern = Array(needle.utf8)
        guard !pattern.isEmpty, haystack.count >= pattern.count else { return 0 }
        var count = 0
        var index = 0
        while index <= haystack.count - pattern.count {
            if haystack[index] == pattern[0], haystack[index..<(index + pattern.count)].elementsEqual(pattern) {
                count += 1
                index += pattern.count
            } else {
                index += 1
            }
        }
        return count
    }
}
