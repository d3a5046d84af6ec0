// Integer hashing and bit operations over a 64 KiB buffer, n rounds: FNV-1a,
// table-driven CRC-32 and an xxHash32-style multiply-rotate mix. Byte and
// word loads, xor, shifts, rotates and 32-bit multiplies.
#include <stdint.h>
#include <string.h>

#define SIZE (64 * 1024)
static uint8_t buf[SIZE];
static uint32_t crc_table[256];

static uint32_t rotl(uint32_t x, int r) { return (x << r) | (x >> (32 - r)); }

static void setup(void) {
  uint32_t s = 0x9E3779B9u;
  for (int i = 0; i < SIZE; i++) {
    s ^= s << 13;
    s ^= s >> 17;
    s ^= s << 5;
    buf[i] = (uint8_t)s;
  }
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i;
    for (int k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    crc_table[i] = c;
  }
}

static uint32_t fnv1a(const uint8_t *p, int n, uint32_t h) {
  for (int i = 0; i < n; i++) h = (h ^ p[i]) * 16777619u;
  return h;
}

static uint32_t crc32(const uint8_t *p, int n, uint32_t c) {
  c = ~c;
  for (int i = 0; i < n; i++) c = crc_table[(c ^ p[i]) & 0xFF] ^ (c >> 8);
  return ~c;
}

static uint32_t xxmix(const uint8_t *p, int n, uint32_t seed) {
  const uint32_t P1 = 2654435761u, P2 = 2246822519u, P3 = 3266489917u;
  uint32_t v1 = seed + P1 + P2, v2 = seed + P2, v3 = seed, v4 = seed - P1;
  for (int i = 0; i + 16 <= n; i += 16) {
    uint32_t w[4];
    memcpy(w, p + i, 16);
    v1 = rotl(v1 + w[0] * P2, 13) * P1;
    v2 = rotl(v2 + w[1] * P2, 13) * P1;
    v3 = rotl(v3 + w[2] * P2, 13) * P1;
    v4 = rotl(v4 + w[3] * P2, 13) * P1;
  }
  uint32_t h = rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18) + (uint32_t)n;
  h ^= h >> 15;
  h *= P2;
  h ^= h >> 13;
  h *= P3;
  return h ^ (h >> 16);
}

__attribute__((export_name("run"))) uint64_t run(int n) {
  setup();
  uint32_t f = 2166136261u, c = 0, x = 0;
  for (int r = 0; r < n; r++) {
    f = fnv1a(buf, SIZE, f);
    c = crc32(buf, SIZE, c);
    x = xxmix(buf, SIZE, x ^ f);
    buf[r % SIZE] ^= (uint8_t)(f ^ c ^ x);
  }
  return ((uint64_t)(f ^ x) << 32) | c;
}
