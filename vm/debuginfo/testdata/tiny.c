// The fuzz seeds' module: small, with a struct, an array, a loop and an
// inlined function, so its DWARF has every kind of entry the reader walks.
// Built (see fuzz_test.go) with:
//   clang --target=wasm32 -nostdlib -Wl,--no-entry -Wl,--export=sum -fdebug-prefix-map=$PWD=/src
//     -g -O0 -o tiny4.wasm tiny.c
//     -g -O1 -gdwarf-5 -gembed-source -o tiny5.wasm tiny.c
struct pair {
  int a;
  double b;
};

static inline int twice(int v) { return v + v; }

int table[4] = {1, 2, 3, 4};

int sum(int n) {
  struct pair p = {n, 0.5};
  int s = 0;
  for (int i = 0; i < n && i < 4; i++) {
    s += twice(table[i]);
  }
  return s + p.a + (int)p.b;
}
