internal import CSHA256

/// SHA-256 (FIPS 180-4), for fingerprints that must be the same on every machine and every run.
enum SHA256 {
    /// The digest of `input` as its eight words (the state after the last block), for a caller
    /// that needs only some of its bytes; with the processor's SHA extensions when `hardware`.
    ///
    /// The blocks are read in place and the padding is written into a buffer of two blocks on the
    /// stack; a fingerprint hashes a few short blocks per finding, so allocations would cost more
    /// than the rounds.
    static func words(of input: UnsafeBufferPointer<UInt8>, hardware: Bool = hardwareAvailable) -> State {
        var state = State()
        let whole = input.count / 64 * 64
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128) { tail in
            let rest = input.count - whole
            let length = rest < 56 ? 64 : 128
            for index in 0..<length { tail[index] = index < rest ? input[whole + index] : 0 }
            tail[rest] = 0x80
            let bitLength = UInt64(input.count) &* 8
            for index in 0..<8 { tail[length - 1 - index] = UInt8(truncatingIfNeeded: bitLength >> UInt64(index * 8)) }
            let blocks = UnsafeBufferPointer(rebasing: input[0..<whole])
            let padding = UnsafeBufferPointer(rebasing: tail[0..<length])
            if hardware {
                state.compressWithExtensions(blocks)
                state.compressWithExtensions(padding)
            } else {
                state.compress(eachBlockOf: blocks)
                state.compress(eachBlockOf: padding)
            }
        }
        return state
    }

    /// True when the processor has the SHA extensions (x86-64 with SHA-NI): the digests are the
    /// same either way; a fingerprint's 150 to 250 bytes hash in about a quarter of the time.
    static let hardwareAvailable = batten_sha256_hardware_available() != 0

    /// The eight working words of the hash between blocks.
    struct State {
        var h0: UInt32 = 0x6a09e667, h1: UInt32 = 0xbb67ae85, h2: UInt32 = 0x3c6ef372, h3: UInt32 = 0xa54ff53a
        var h4: UInt32 = 0x510e527f, h5: UInt32 = 0x9b05688c, h6: UInt32 = 0x1f83d9ab, h7: UInt32 = 0x5be0cd19

        /// Mixes each 64-byte block of `blocks` (a whole number of them) into the state.
        mutating func compress(eachBlockOf blocks: UnsafeBufferPointer<UInt8>) {
            var offset = 0
            while offset + 64 <= blocks.count {
                compress(UnsafeBufferPointer(rebasing: blocks[offset..<offset + 64]))
                offset += 64
            }
        }

        /// As ``compress(eachBlockOf:)``, with the processor's SHA extensions; only when
        /// ``SHA256/hardwareAvailable``.
        mutating func compressWithExtensions(_ blocks: UnsafeBufferPointer<UInt8>) {
            guard blocks.count >= 64, let data = blocks.baseAddress else { return }
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 8) { words in
                guard let pointer = words.baseAddress else { return }
                words[0] = h0; words[1] = h1; words[2] = h2; words[3] = h3
                words[4] = h4; words[5] = h5; words[6] = h6; words[7] = h7
                batten_sha256_hardware_compress(pointer, data, blocks.count / 64)
                h0 = words[0]; h1 = words[1]; h2 = words[2]; h3 = words[3]
                h4 = words[4]; h5 = words[5]; h6 = words[6]; h7 = words[7]
            }
        }

        /// Mixes one 64-byte block into the state.
        mutating func compress(_ block: UnsafeBufferPointer<UInt8>) {
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { schedule in
                for index in 0..<16 {
                    let base = index * 4
                    schedule[index] = UInt32(block[base]) << 24 | UInt32(block[base + 1]) << 16
                        | UInt32(block[base + 2]) << 8 | UInt32(block[base + 3])
                }
                for index in 16..<64 {
                    let early = schedule[index - 15], late = schedule[index - 2]
                    let s0 = rotate(early, 7) ^ rotate(early, 18) ^ (early >> 3)
                    let s1 = rotate(late, 17) ^ rotate(late, 19) ^ (late >> 10)
                    schedule[index] = schedule[index - 16] &+ s0 &+ schedule[index - 7] &+ s1
                }
                var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7
                let constants = UnsafeBufferPointer(start: batten_sha256_round_constants(), count: 64)
                // Eight rounds per pass, the working words changing roles instead of places:
                // each round writes only the two words it changes.
                var index = 0
                while index < 64 {
                    round(a, b, c, &d, e, f, g, &h, constants[index] &+ schedule[index])
                    round(h, a, b, &c, d, e, f, &g, constants[index + 1] &+ schedule[index + 1])
                    round(g, h, a, &b, c, d, e, &f, constants[index + 2] &+ schedule[index + 2])
                    round(f, g, h, &a, b, c, d, &e, constants[index + 3] &+ schedule[index + 3])
                    round(e, f, g, &h, a, b, c, &d, constants[index + 4] &+ schedule[index + 4])
                    round(d, e, f, &g, h, a, b, &c, constants[index + 5] &+ schedule[index + 5])
                    round(c, d, e, &f, g, h, a, &b, constants[index + 6] &+ schedule[index + 6])
                    round(b, c, d, &e, f, g, h, &a, constants[index + 7] &+ schedule[index + 7])
                    index += 8
                }
                h0 = h0 &+ a
                h1 = h1 &+ b
                h2 = h2 &+ c
                h3 = h3 &+ d
                h4 = h4 &+ e
                h5 = h5 &+ f
                h6 = h6 &+ g
                h7 = h7 &+ h
            }
        }

        /// Byte `index` (0 ..< 32) of the digest: the words are written big-endian.
        func byte(_ index: Int) -> UInt8 {
            let word: UInt32
            switch index >> 2 {
            case 0: word = h0
            case 1: word = h1
            case 2: word = h2
            case 3: word = h3
            case 4: word = h4
            case 5: word = h5
            case 6: word = h6
            default: word = h7
            }
            return UInt8(truncatingIfNeeded: word >> UInt32(24 - 8 * (index & 3)))
        }

        /// The digest: the words big-endian.
        var bytes: [UInt8] { (0..<32).map(byte) }

        /// The first `count` bytes (at most 32) of the digest in lower-case hexadecimal, written
        /// straight into the string.
        func hex(bytes count: Int) -> String {
            String(unsafeUninitializedCapacity: 2 * count) { hex in
                for index in 0..<count {
                    let byte = byte(index)
                    hex[2 * index] = Self.hexDigit(byte >> 4)
                    hex[2 * index + 1] = Self.hexDigit(byte & 0x0F)
                }
                return 2 * count
            }
        }

        /// The lower-case hexadecimal digit of `value` (0 ... 15).
        @inline(__always)
        private static func hexDigit(_ value: UInt8) -> UInt8 {
            value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
        }
    }

    /// The digest of the UTF-8 bytes of `text`, in lower-case hexadecimal.
    static func hex(_ text: String, hardware: Bool = hardwareAvailable) -> String {
        Array(text.utf8).withUnsafeBufferPointer { words(of: $0, hardware: hardware) }.hex(bytes: 32)
    }
}

/// `value` rotated right by `count` (1 ... 31); the masking shifts compile to one rotate instruction.
@inline(__always)
private func rotate(_ value: UInt32, _ count: UInt32) -> UInt32 { (value &>> count) | (value &<< (32 &- count)) }

/// One round of FIPS 180-4 §6.2.2 step 3 on working words named by their roles (`a` … `h`), with
/// `constantAndWord` = K_t + W_t: `d` becomes `d + T1`, `h` becomes `T1 + T2`; the caller renames
/// the words for the next round.
@inline(__always)
private func round(
    _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32, _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32,
    _ constantAndWord: UInt32
) {
    let s1 = rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)
    let choice = (e & f) ^ (~e & g)
    let temp1 = h &+ s1 &+ choice &+ constantAndWord
    let s0 = rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)
    let majority = (a & b) ^ (a & c) ^ (b & c)
    d = d &+ temp1
    h = temp1 &+ s0 &+ majority
}
