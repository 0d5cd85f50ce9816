/// The random secret in the URL `evlog serve` prints: 32 bytes from the system's generator, as hex.
public enum ServeToken {
    public static func fresh() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format2: UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}

private extension String {
    init(format2 byte: UInt8) {
        let digits = Array("0123456789abcdef")
        self = String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }
}
