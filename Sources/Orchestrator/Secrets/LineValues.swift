/// Values on the lines below their key: a YAML block scalar (`password: |` then indented lines), a
/// value on the next line (`password:` then `  X`; an INI `password =` then an indented continuation),
/// the continuation lines of a value, and a JSON value after a line break (`"password":` then `"X"`).
/// A value of several lines ends where a line is indented no deeper than its key.
extension SecretScan {
    /// After a key that starts its line (`SecretCarry.lineValue`): the rest of the line, or the lines
    /// below when the rest is empty or a block indicator.
    mutating func lineValue(from start: Int, indent: Int) {
        var valueStart = start
        while valueStart < count, SecretPatterns.isSpace(data[valueStart]) { valueStart += 1 }
        if valueStart == count {
            pending = .lineValue(indent: indent)
            return
        }
        if SecretPatterns.isLineEnd(data[valueStart]) {
            var below = valueStart
            while below < count, SecretPatterns.isLineEnd(data[below]) { below += 1 }
            if below == count {
                // The line below has not come yet.
                pending = .lineBelow(indent: indent)
                return
            }
            linesBelow(from: valueStart, indent: indent)
            return
        }
        let rest = valueStart..<lineEnd(from: valueStart)
        if isBlockIndicator(rest) {
            var end = rest.upperBound
            while end < count, !SecretPatterns.isLineEnd(data[end]) { end += 1 }
            indentedLines(from: end, indent: indent, midLine: false, scalarOnly: false, seen: 0)
            return
        }
        applyValue(.restOfLine, from: valueStart)
    }

    /// From the end of a key's line (or the start of the line below): a word alone on the next line, or
    /// the lines indented deeper than the key.
    mutating func linesBelow(from start: Int, indent: Int) {
        wordOnTheLineBelow(from: start, indent: indent)
        indentedLines(from: start, indent: indent, midLine: false, scalarOnly: true, seen: 0)
    }

    /// `password:` ending its line, then a line no deeper than the key holding one word that looks like a
    /// secret (`printf 'password:\nX\n'`, a prompt and the answer echoed): a guess, as YAML would not read it so.
    private mutating func wordOnTheLineBelow(from lineEnd: Int, indent: Int) {
        var start = lineEnd
        if start < count, data[start] == 0x0D { start += 1 }
        if start < count, data[start] == 0x0A { start += 1 }
        var content = start
        while content < count, SecretPatterns.isSpace(data[content]) { content += 1 }
        guard content < count, content - start <= indent else { return }
        var end = content
        while end < count, !SecretPatterns.isLineEnd(data[end]) { end += 1 }
        guard end < count, SecretValueShape.looksLikeSecret(data, content..<end) else { return }
        addGuess(content..<end)
    }

    /// `|`, `>`, `|-`, `>+2`, maybe with a comment: a YAML block scalar's indicator.
    func isBlockIndicator(_ range: Range<Int>) -> Bool {
        guard let first = range.first, data[first] == 0x7C || data[first] == 0x3E else { return false }
        var index = first + 1
        while index < range.upperBound, data[index] == 0x2D || data[index] == 0x2B || SecretPatterns.isDigit(data[index]) { index += 1 }
        if index == range.upperBound { return true }
        guard SecretPatterns.isSpace(data[index]) else { return false }
        while index < range.upperBound, SecretPatterns.isSpace(data[index]) { index += 1 }
        return index == range.upperBound || data[index] == 0x23
    }

    /// The lines from `start` (a line end, or inside a value line when `midLine`) indented deeper than
    /// `indent`; blank lines between them too (`seen`: spaces of the first line's indentation in the
    /// region before). A region that ends before the value does is left pending.
    mutating func indentedLines(from start: Int, indent: Int, midLine: Bool, scalarOnly: Bool, seen: Int) {
        var index = start
        var seen = seen
        if midLine {
            var end = index
            while end < count, !SecretPatterns.isLineEnd(data[end]) { end += 1 }
            if scalarOnly { addGuess(index..<end) } else { add(index..<end) }
            if end == count {
                pending = .indentedLines(indent: indent, midLine: true, scalarOnly: scalarOnly, seen: 0)
                return
            }
            index = end
            seen = 0
        }
        while true {
            if index < count, SecretPatterns.isLineEnd(data[index]) { seen = 0 }
            while index < count, SecretPatterns.isLineEnd(data[index]) { index += 1 }
            var content = index
            while content < count, SecretPatterns.isSpace(data[content]) { content += 1 }
            if content == count {
                pending = .indentedLines(indent: indent, midLine: false, scalarOnly: scalarOnly, seen: seen + content - index)
                return
            }
            if SecretPatterns.isLineEnd(data[content]) {
                index = content
                continue
            }
            var end = content
            while end < count, !SecretPatterns.isLineEnd(data[end]) { end += 1 }
            // A list of scalars under the name (`api_keys:` then `- X`, as deep as the name or deeper; secrets15 F22): each item is a value.
            let item = listItemScalar(content..<end)
            let depth = seen + content - index
            // A list item the region's end cut before its scalar: the scalar comes in the next region, deeper than `indent`.
            if end == count, item == nil, depth >= indent, data[content] == 0x2D, end - content == 1 || SecretPatterns.isSpace(data[content + 1]) {
                pending = .indentedLines(indent: indent, midLine: false, scalarOnly: scalarOnly, seen: seen + end - index)
                return
            }
            guard depth > indent || (item != nil && depth == indent) else { return }
            if scalarOnly, item == nil, isMappingOrListLine(content..<end) { return }
            var valueEnd = end
            while valueEnd > content, SecretPatterns.isSpace(data[valueEnd - 1]) { valueEnd -= 1 }
            if let item {
                let value = item.lowerBound..<min(item.upperBound, end == count ? end : valueEnd)
                if scalarOnly { addGuess(value) } else { add(value) }
                if end == count {
                    pending = .indentedLines(indent: indent, midLine: true, scalarOnly: scalarOnly, seen: 0)
                    return
                }
                index = end
                continue
            }
            // Lines under an explicit block indicator are the value; lines that only continue one are a guess.
            let line = content..<(end == count ? end : valueEnd)
            if scalarOnly { addGuess(line) } else { add(line) }
            if end == count {
                pending = .indentedLines(indent: indent, midLine: true, scalarOnly: scalarOnly, seen: 0)
                return
            }
            index = end
        }
    }

    /// `"tokens": ["X", "Y"]`, `"secrets": {"stripe": "X"}`: the strings of the array or object at `start`
    /// that are values (an object's keys are not), over as many as `blockLinesMax` lines (`"unseal_keys_b64": [`
    /// then a key a line; secrets15 F9). A region that ends inside it leaves the rest pending
    /// (`SecretCarry.containerStrings`, `depth` of it open).
    private mutating func containerValues(from start: Int) {
        if let opened = blockOpened(after: start) {
            // `"db_password": {` ending its line (terraform's `output -json`): its `value` below.
            blockDefault(from: opened, linesLeft: SecretScan.blockLinesMax)
            return
        }
        containerStrings(from: start, depth: 0, linesLeft: SecretScan.blockLinesMax)
    }

    mutating func containerStrings(from start: Int, depth: Int, linesLeft: Int) {
        var (depth, lines) = (depth, linesLeft)
        var index = start
        while index < count {
            let byte = data[index]
            if byte == 0x5B || byte == 0x7B {
                depth += 1
            } else if byte == 0x5D || byte == 0x7D {
                depth -= 1
                if depth <= 0 { return }
            } else if byte == 0x22 {
                let inside = quoted(from: index)
                var after = inside.upperBound + 1
                while after < count, SecretPatterns.isWhitespace(data[after]) { after += 1 }
                if (after >= count || data[after] != 0x3A), !SecretValueShape.isPlaceholder(data, inside) { add(inside) }
                index = inside.upperBound
            } else if byte == 0x0A {
                lines -= 1
                guard depth > 0, lines > 0 else { return }
            }
            index += 1
        }
        if depth > 0 { pending = .containerStrings(depth: depth, linesLeft: lines) }
    }

    /// The scalar of a list item line (`- X`, `- "X"`), not a mapping entry (`- name: x`).
    private func listItemScalar(_ line: Range<Int>) -> Range<Int>? {
        guard line.count > 2, data[line.lowerBound] == 0x2D, SecretPatterns.isSpace(data[line.lowerBound + 1]) else { return nil }
        var start = line.lowerBound + 2
        while start < line.upperBound, SecretPatterns.isSpace(data[start]) { start += 1 }
        guard start < line.upperBound, !isMappingOrListLine(start..<line.upperBound) else { return nil }
        if SecretPatterns.isQuote(data[start]), let inside = closedQuote(from: start) { return inside }
        return start..<line.upperBound
    }

    /// `name: x`, `name:`, `- x`, `# x`: a line of a nested mapping or list, or a comment, not a value.
    private func isMappingOrListLine(_ line: Range<Int>) -> Bool {
        let first = data[line.lowerBound]
        if first == 0x23 || (first == 0x2D && (line.count == 1 || SecretPatterns.isSpace(data[line.lowerBound + 1]))) { return true }
        if data[line.upperBound - 1] == 0x3A { return true }
        return line.dropLast().contains { data[$0] == 0x3A && SecretPatterns.isSpace(data[$0 + 1]) }
    }

    /// After a quoted key and its separator: the JSON value that follows, past line breaks; the strings
    /// of an array or object that starts on the key's line (`containerValues`).
    mutating func jsonValue(from start: Int) {
        var valueStart = start
        while valueStart < count, SecretPatterns.isWhitespace(data[valueStart]) { valueStart += 1 }
        if valueStart == count {
            pending = .jsonValue
            return
        }
        let first = data[valueStart]
        if first == 0x7B || first == 0x5B {
            containerValues(from: valueStart)
            return
        }
        let value: Range<Int>
        if SecretPatterns.isQuote(first) {
            value = quoted(from: valueStart)
            // The string goes on in the next region (a quiet release cut it).
            if value.upperBound == count {
                add(value)
                pending = .continueWord
                return
            }
        } else {
            var end = valueStart
            while end < count, !SecretPatterns.isWhitespace(data[end]), data[end] != 0x2C, data[end] != 0x7D, data[end] != 0x5D { end += 1 }
            value = valueStart..<end
        }
        if !SecretValueShape.isPlaceholder(data, value) { add(value) }
    }
}
