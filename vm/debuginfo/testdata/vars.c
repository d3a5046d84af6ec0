// A program whose locals have known values at the line marked BREAK, for
// vm/debuginfo's tests: built -O0 (every local in the stack frame), -O2
// (locals in Wasm locals, location lists, an inlined function) and with
// DWARF 5 and embedded source.
#include <stdio.h>
#include <string.h>

struct point {
  int x;
  int y;
  double weight;
  char tag[8];
};

static inline __attribute__((always_inline)) int square(int v) {
  return v * v; // SQUARE
}

__attribute__((noinline)) int sum_squares(int n) {
  int total = 0;
  for (int i = 1; i <= n; i++) {
    total += square(i); // LOOP
  }
  return total;
}

int main(void) {
  int count = 42;
  double ratio = 2.5;
  char name[16] = ""; // zeroed, so gdb shows the same bytes after the string every run
  struct point p = {3, -4, 1.25, "pt"};
  struct point *pp = &p;
  unsigned char flags = 200;
  long long big = -1234567890123LL;
  float half = 0.5f;
  int primes[4] = {2, 3, 5, 7};
  const char *greeting = "hi there";
  strcpy(name, "hello");
  count += sum_squares(3); // BREAK
  printf("%d %g %s %d %d %u %lld %g %d %s\n", count, ratio, name, pp->x, p.y, flags, big, half, primes[3], greeting);  // PRINT
  return 0;
}
