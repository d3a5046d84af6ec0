// Memory copies: memcpy and overlapping memmove of varying sizes and
// alignments inside a 256 KiB buffer, n rounds, as serializers, string
// builders and garbage collectors do. The copies go through wasi-libc's
// memcpy and memmove.
#include <stdint.h>
#include <string.h>

#define SIZE (256 * 1024)
static uint8_t buf[SIZE];

// opaque keeps clang from turning the copies into known-size inline moves.
__attribute__((noinline)) static uint32_t opaque(uint32_t v) { return v; }

__attribute__((export_name("run"))) uint64_t run(int n) {
  for (int i = 0; i < SIZE; i++) buf[i] = (uint8_t)(i * 7 + (i >> 8));
  uint32_t s = 12345;
  uint64_t sum = 0;
  for (int r = 0; r < n; r++) {
    s = s * 1664525u + 1013904223u;
    uint32_t len = opaque(16 + (s >> 8) % 4096);
    uint32_t src = (s >> 4) % (SIZE - len);
    uint32_t dst = (s >> 12) % (SIZE - len);
    if (r & 1)
      memmove(buf + dst, buf + src, len);
    else
      memcpy(buf + (dst & ~7u) % (SIZE - len), buf + SIZE - len - (src & 15), len);
    sum += buf[dst] + buf[(dst + len) / 2];
  }
  for (int i = 0; i < SIZE; i += 64) sum = sum * 31 + buf[i];
  return sum;
}
