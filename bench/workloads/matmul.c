// Loops over memory with floating point: a dense n x n double matrix product
// C = A * B, the i-k-j order compilers vectorize natively but an interpreter
// runs as loads, a multiply-add and a store per inner step.
#include <stdint.h>
#include <string.h>

#define MAX 256
static double a[MAX * MAX], b[MAX * MAX], c[MAX * MAX];

__attribute__((export_name("run"))) uint64_t run(int n) {
  if (n > MAX) n = MAX;
  for (int i = 0; i < n * n; i++) {
    a[i] = (double)(i % 17) * 0.5 - 3.0;
    b[i] = (double)(i % 13) * 0.25 + 1.0;
  }
  memset(c, 0, sizeof c);
  for (int i = 0; i < n; i++)
    for (int k = 0; k < n; k++) {
      double aik = a[i * n + k];
      for (int j = 0; j < n; j++) c[i * n + j] += aik * b[k * n + j];
    }
  double sum = 0;
  for (int i = 0; i < n * n; i++) sum += c[i] * (double)((i % 7) + 1);
  uint64_t bits;
  memcpy(&bits, &sum, sizeof bits);
  return bits;
}
