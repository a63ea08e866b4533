/// Deterministic strings made of `pieces`, for comparing a fast path with the general code: string
/// `n` of `count` has `n % longest` pieces, picked by a 64-bit linear congruential generator
/// started at `seed`.
enum GeneratedStrings {
    static func make(from pieces: [String], count: Int, longest: Int, seed: UInt64) -> [String] {
        var state = seed
        return (0..<count).map { length in
            var text = ""
            for _ in 0..<(length % longest) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text += pieces[Int(state >> 33) % pieces.count]
            }
            return text
        }
    }
}
