// Loops over memory: the sieve of Eratosthenes over a 128 KiB byte array,
// repeated n times. Byte loads and stores with a stride, a compare and a
// branch per element.
#include <stdint.h>
#include <string.h>

#define SIZE (128 * 1024)
static unsigned char composite[SIZE];

__attribute__((export_name("run"))) uint64_t run(int n) {
  uint64_t total = 0;
  for (int r = 0; r < n; r++) {
    memset(composite, 0, sizeof composite);
    uint32_t count = 0;
    for (uint32_t i = 2; i < SIZE; i++) {
      if (composite[i]) continue;
      count++;
      for (uint32_t j = i * 2; j < SIZE; j += i) composite[j] = 1;
    }
    total += count;
  }
  return total;
}
