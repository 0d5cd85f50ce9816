/// The directory part of a path as executors pass it to commands (`/etc/apt/keyrings/x.asc` →
/// `/etc/apt/keyrings`); empty for a bare file name.
func parentDirectory(of path: String) -> String {
    String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
}
