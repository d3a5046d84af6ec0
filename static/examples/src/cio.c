// cio: the C example of the playground (wasi-libc). It greets its arguments,
// reads stdin line by line until EOF, writes what it read in upper case to
// shout.txt and prints a summary, exercising args, stdin, files and stdout.
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
	printf("hello from C");
	for (int i = 1; i < argc; i++) {
		printf(" %s", argv[i]);
	}
	printf("\n");
	const char *who = getenv("USER");
	if (who != NULL) {
		printf("USER=%s\n", who);
	}
	printf("type lines, then EOF\n");
	fflush(stdout);

	FILE *out = fopen("shout.txt", "w");
	if (out == NULL) {
		perror("shout.txt");
		return 1;
	}
	char line[256];
	int lines = 0;
	while (fgets(line, sizeof line, stdin) != NULL) {
		lines++;
		for (char *p = line; *p; p++) {
			*p = (char)toupper((unsigned char)*p);
		}
		fputs(line, out);
		printf("read: %s", line);
		fflush(stdout);
	}
	fclose(out);
	printf("%d lines written to shout.txt\n", lines);
	return 0;
}
