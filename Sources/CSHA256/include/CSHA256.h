#ifndef BATTEN_CSHA256_H
#define BATTEN_CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// The 64 round constants K0 … K63 of SHA-256 (FIPS 180-4 §4.2.2), for both implementations.
const uint32_t *batten_sha256_round_constants(void);

/// Nonzero when this processor has the x86 SHA extensions (and the SSSE3 and SSE4.1 they are used
/// with here); zero elsewhere, and on every other architecture.
int batten_sha256_hardware_available(void);

/// Mixes `blocks` 64-byte blocks at `data` into the SHA-256 state `state` (the eight words H0 … H7)
/// with the SHA extensions. Call it only when batten_sha256_hardware_available() says so.
void batten_sha256_hardware_compress(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
