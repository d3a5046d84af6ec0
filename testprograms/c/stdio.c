// stdio.c writes to stdout and stderr interleaved, so a test can compare
// how its output is buffered under wasmscope with how the same program
// compiled natively buffers it: line by line when stdout is a terminal,
// fully (until exit) when it is a pipe or a file, while stderr is never
// buffered.
#include <stdio.h>
#include <unistd.h>

int main(void) {
	// The C libraries decide stdout's buffering at different moments
	// (musl, which wasi-libc is, at its first flush; glibc at its first
	// write), so the first line is flushed explicitly: past it both follow
	// the same rule, and only what stdout is decides the order.
	printf("isatty: stdin %d, stdout %d, stderr %d\n", isatty(0), isatty(1), isatty(2));
	fflush(stdout);
	for (int i = 1; i <= 3; i++) {
		printf("out %d\n", i);
		fprintf(stderr, "err %d\n", i);
	}
	return 0;
}
