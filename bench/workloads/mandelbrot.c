// Floating point in a tight loop: escape iterations of an n x n Mandelbrot
// grid (at most 100 per point), summed; f64 multiply, add and compare.
#include <stdint.h>

__attribute__((export_name("run"))) uint64_t run(int n) {
  uint64_t total = 0;
  for (int py = 0; py < n; py++) {
    double ci = 2.0 * py / n - 1.0;
    for (int px = 0; px < n; px++) {
      double cr = 2.5 * px / n - 2.0;
      double zr = 0, zi = 0;
      int it = 0;
      while (it < 100 && zr * zr + zi * zi <= 4.0) {
        double t = zr * zr - zi * zi + cr;
        zi = 2.0 * zr * zi + ci;
        zr = t;
        it++;
      }
      total = total * 31 + it;
    }
  }
  return total;
}
