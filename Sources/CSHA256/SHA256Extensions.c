// SHA-256 block compression (FIPS 180-4 §6.2.2) with the x86 SHA extensions: SHA256RNDS2 does two
// rounds, SHA256MSG1 and SHA256MSG2 the two halves of the message schedule. Batten's portable
// implementation is SHA256.swift, which reads its round constants from here; this file only speeds
// up the same computation where the processor can.
#include "CSHA256.h"

static const uint32_t round_constants[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

const uint32_t *batten_sha256_round_constants(void) { return round_constants; }

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))

#include <cpuid.h>
#include <immintrin.h>

int batten_sha256_hardware_available(void) {
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    const int ssse3 = (ecx >> 9) & 1, sse41 = (ecx >> 19) & 1;
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 0;
    const int sha = (ebx >> 29) & 1;
    return ssse3 && sse41 && sha;
}

__attribute__((target("sha,ssse3,sse4.1")))
void batten_sha256_hardware_compress(uint32_t state[8], const uint8_t *data, size_t blocks) {
    // The instructions keep the working words in two registers, (A, B, E, F) and (C, D, G, H),
    // A and C in the top lanes.
    __m128i abcd = _mm_loadu_si128((const __m128i *)&state[0]);   // lanes a b c d
    __m128i efgh = _mm_loadu_si128((const __m128i *)&state[4]);   // lanes e f g h
    abcd = _mm_shuffle_epi32(abcd, 0xB1);                         // b a d c
    efgh = _mm_shuffle_epi32(efgh, 0x1B);                         // h g f e
    __m128i abef = _mm_alignr_epi8(abcd, efgh, 8);                // f e b a
    __m128i cdgh = _mm_blend_epi16(efgh, abcd, 0xF0);             // h g d c
    // Each 32-bit word of the message is big-endian.
    const __m128i byte_order = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);

    for (size_t block = 0; block < blocks; block++, data += 64) {
        const __m128i abef_before = abef, cdgh_before = cdgh;
        // w[k] holds the schedule words 4k … 4k + 3 of the current group of four, modulo 4.
        __m128i w[4];
        for (int k = 0; k < 16; k++) {
            __m128i words;
            if (k < 4) {
                words = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16 * k)), byte_order);
            } else {
                // W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16], four at a time.
                const __m128i previous = w[(k - 1) & 3];
                words = _mm_sha256msg1_epu32(w[k & 3], w[(k + 1) & 3]);
                words = _mm_add_epi32(words, _mm_alignr_epi8(previous, w[(k - 2) & 3], 4));
                words = _mm_sha256msg2_epu32(words, previous);
            }
            w[k & 3] = words;
            __m128i sums = _mm_add_epi32(words, _mm_loadu_si128((const __m128i *)&round_constants[4 * k]));
            cdgh = _mm_sha256rnds2_epu32(cdgh, abef, sums);
            sums = _mm_shuffle_epi32(sums, 0x0E);
            abef = _mm_sha256rnds2_epu32(abef, cdgh, sums);
        }
        abef = _mm_add_epi32(abef, abef_before);
        cdgh = _mm_add_epi32(cdgh, cdgh_before);
    }

    const __m128i in_order_abef = _mm_shuffle_epi32(abef, 0x1B);  // a b e f
    const __m128i in_order_ghcd = _mm_shuffle_epi32(cdgh, 0xB1);  // g h c d
    _mm_storeu_si128((__m128i *)&state[0], _mm_blend_epi16(in_order_abef, in_order_ghcd, 0xF0));  // a b c d
    _mm_storeu_si128((__m128i *)&state[4], _mm_alignr_epi8(in_order_ghcd, in_order_abef, 8));     // e f g h
}

#else

int batten_sha256_hardware_available(void) { return 0; }

void batten_sha256_hardware_compress(uint32_t state[8], const uint8_t *data, size_t blocks) {
    (void)state;
    (void)data;
    (void)blocks;
}

#endif
