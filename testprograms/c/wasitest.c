// wasitest exercises WASI through wasi-libc: arguments, environment,
// stdin/stdout/stderr, files and directories, clocks, sleeping, random
// numbers and the exit status. It works in the directory named by its
// first argument and exits with the status given as its second; the test
// compares its output line by line.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define CHECK(cond, what)                                           \
	do {                                                            \
		if (!(cond)) {                                              \
			fprintf(stderr, "FAIL %s: %s\n", what, strerror(errno)); \
			return 1;                                               \
		}                                                           \
	} while (0)

static int cmp(const void *a, const void *b) {
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv) {
	if (argc < 3) {
		fprintf(stderr, "usage: wasitest DIR STATUS [ARGS...]\n");
		return 2;
	}
	const char *dir = argv[1];
	printf("argc=%d\n", argc);
	for (int i = 3; i < argc; i++) printf("arg[%d]=%s\n", i, argv[i]);
	const char *g = getenv("GREETING");
	printf("GREETING=%s\n", g ? g : "(unset)");

	char line[256];
	if (fgets(line, sizeof line, stdin)) printf("stdin: %s", line);
	fprintf(stderr, "to stderr\n");

	CHECK(chdir(dir) == 0, "chdir");
	CHECK(mkdir("d", 0755) == 0, "mkdir");
	FILE *f = fopen("d/a.txt", "w+");
	CHECK(f != NULL, "fopen");
	fputs("hello, file\n", f);
	CHECK(fseek(f, 7, SEEK_SET) == 0, "fseek");
	CHECK(fgets(line, sizeof line, f) != NULL, "fgets");
	printf("read after seek: %s", line);
	fclose(f);

	int fd = open("d/a.txt", O_RDWR);
	CHECK(fd >= 0, "open");
	CHECK(ftruncate(fd, 5) == 0, "ftruncate");
	struct stat st;
	CHECK(fstat(fd, &st) == 0, "fstat");
	printf("size after truncate: %lld regular=%d\n", (long long)st.st_size, S_ISREG(st.st_mode));
	struct timespec times[2] = {{1000000000, 0}, {1234567890, 500}};
	CHECK(futimens(fd, times) == 0, "futimens");
	CHECK(fstat(fd, &st) == 0, "fstat");
	printf("mtime: %lld.%09ld\n", (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
	close(fd);

	CHECK(rename("d/a.txt", "d/b.txt") == 0, "rename");
	CHECK(access("d/a.txt", F_OK) != 0 && errno == ENOENT, "old name gone");
	f = fopen("d/c.txt", "w");
	CHECK(f != NULL, "fopen c");
	fclose(f);
	CHECK(mkdir("d/sub", 0755) == 0, "mkdir sub");

	DIR *dp = opendir("d");
	CHECK(dp != NULL, "opendir");
	char *names[16];
	int n = 0;
	struct dirent *de;
	while ((de = readdir(dp)) != NULL && n < 16) {
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..")) names[n++] = strdup(de->d_name);
	}
	closedir(dp);
	qsort(names, n, sizeof names[0], cmp);
	printf("readdir:");
	for (int i = 0; i < n; i++) printf(" %s", names[i]);
	printf("\n");

	CHECK(stat("d/sub", &st) == 0 && S_ISDIR(st.st_mode), "stat dir");
	CHECK(rmdir("d") != 0 && errno == ENOTEMPTY, "rmdir non-empty");
	CHECK(rmdir("d/sub") == 0, "rmdir");
	CHECK(unlink("d/b.txt") == 0 && unlink("d/c.txt") == 0, "unlink");
	CHECK(rmdir("d") == 0, "rmdir d");
	CHECK(stat("d", &st) != 0 && errno == ENOENT, "d gone");
	CHECK(open("../outside", O_RDONLY) < 0, "sandbox");
	printf("files ok\n");

	struct timespec t0, t1, rt;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct timespec nap = {0, 20 * 1000 * 1000};
	nanosleep(&nap, NULL);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	long long ms = (t1.tv_sec - t0.tv_sec) * 1000LL + (t1.tv_nsec - t0.tv_nsec) / 1000000;
	printf("slept at least 20ms: %s\n", ms >= 20 ? "yes" : "no");
	clock_gettime(CLOCK_REALTIME, &rt);
	printf("realtime after 2020: %s\n", rt.tv_sec > 1577836800 ? "yes" : "no");

	unsigned char buf[32] = {0};
	CHECK(getentropy(buf, sizeof buf) == 0, "getentropy");
	int nonzero = 0;
	for (int i = 0; i < 32; i++) nonzero |= buf[i];
	printf("random: %s\n", nonzero ? "ok" : "all zero");

	fflush(stdout);
	return atoi(argv[2]);
}
