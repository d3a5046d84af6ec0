// escape tries, through plain POSIX calls of wasi-libc, to read, write,
// list, delete or re-time host files outside the directory it is given.
// Usage: escape ATTACK DIR REL ABS
//   DIR  the mounted directory it works in (a guest path)
//   REL  a relative path from DIR to the host's canary directory
//   ABS  the canary directory's absolute host path
// Every step prints "step: result" (ok, or the errno's name), and what it
// read or listed, so the test can check that nothing outside leaked; the
// test itself checks that nothing outside changed.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *ename(int e) {
	switch (e) {
	case 0: return "ok";
	case ENOENT: return "ENOENT";
	case ENOTCAPABLE: return "ENOTCAPABLE";
	case EPERM: return "EPERM";
	case EROFS: return "EROFS";
	case ELOOP: return "ELOOP";
	case EEXIST: return "EEXIST";
	case ENOTDIR: return "ENOTDIR";
	case EISDIR: return "EISDIR";
	case EACCES: return "EACCES";
	case EXDEV: return "EXDEV";
	case EBUSY: return "EBUSY";
	case EINVAL: return "EINVAL";
	case EBADF: return "EBADF";
	case ENOTEMPTY: return "ENOTEMPTY";
	}
	return "other";
}

// report prints a step's outcome: ok when rc >= 0, else errno's name.
static int report(const char *step, int rc) {
	printf("%s: %s\n", step, rc >= 0 ? "ok" : ename(errno));
	return rc;
}

static char rel[1024], abs_[1024];

static void join(char *out, size_t n, const char *a, const char *b) { snprintf(out, n, "%s/%s", a, b); }

// try_read reads name under dirfd and prints what it got.
static void try_read(const char *step, int dirfd, const char *name) {
	int fd = report(step, openat(dirfd, name, O_RDONLY));
	if (fd >= 0) {
		char buf[256];
		ssize_t n = read(fd, buf, sizeof buf - 1);
		if (n > 0) {
			buf[n] = 0;
			printf("  read %s\n", buf);
		}
		close(fd);
	}
}

// try_list lists the directory open as dirfd (which it consumes).
static void try_list(const char *step, int dirfd) {
	DIR *d = fdopendir(dirfd);
	if (!d) {
		report(step, -1);
		close(dirfd);
		return;
	}
	struct dirent *e;
	errno = 0;
	int n = 0;
	while ((e = readdir(d))) {
		printf("  listed %s\n", e->d_name);
		n++;
	}
	printf("%s: %s entries=%d\n", step, errno ? ename(errno) : "ok", n);
	closedir(d);
}

// try_write creates and writes name under dirfd.
static void try_write(const char *step, int dirfd, const char *name) {
	int fd = report(step, openat(dirfd, name, O_CREAT | O_WRONLY | O_TRUNC, 0644));
	if (fd >= 0) {
		report("  write", write(fd, "PWNED", 5));
		close(fd);
	}
}

// everything runs each kind of access through dirfd, which should refer
// to what it was opened on, whatever has happened to its name.
static void everything(int dirfd) {
	try_read("read secret", dirfd, "canary-secret.txt");
	try_write("create", dirfd, "made-by-guest.txt");
	try_write("overwrite secret", dirfd, "canary-secret.txt");
	report("unlink secret", unlinkat(dirfd, "canary-secret.txt", 0));
	report("rmdir subdir", unlinkat(dirfd, "canary-subdir", AT_REMOVEDIR));
	report("mkdir", mkdirat(dirfd, "guest-newdir", 0755));
	struct timespec ts[2] = {{1, 0}, {1, 0}};
	report("utimens secret", utimensat(dirfd, "canary-secret.txt", ts, 0));
	report("utimens self", utimensat(dirfd, ".", ts, 0));
	int again = openat(dirfd, ".", O_RDONLY | O_DIRECTORY);
	if (again >= 0) try_list("list", again);
	else report("list", -1);
}

// make_link makes a link named name to the canary: absolute first (which
// must be refused), then by a relative path climbing out.
static void make_link(const char *name, const char *sub) {
	char a[1200], r[1200];
	if (sub) {
		join(a, sizeof a, abs_, sub);
		join(r, sizeof r, rel, sub);
	} else {
		snprintf(a, sizeof a, "%s", abs_);
		snprintf(r, sizeof r, "%s", rel);
	}
	if (report("symlink absolute", symlink(a, name)) < 0) report("symlink relative", symlink(r, name));
}

// Attacks.

// replace_dir: open a directory, remove it, put a link to the canary in
// its place, then use the descriptor.
static void replace_dir(void) {
	report("mkdir d", mkdir("d", 0755));
	int dfd = report("open d", open("d", O_RDONLY | O_DIRECTORY));
	report("rmdir d", rmdir("d"));
	make_link("d", NULL);
	everything(dfd);
	struct stat st;
	if (report("fstat dfd", fstat(dfd, &st)) == 0) printf("  nlink %d\n", (int)st.st_nlink);
	struct timespec ts[2] = {{1, 0}, {1, 0}};
	report("futimens dfd", futimens(dfd, ts));
	// And through the name, which is now the link.
	int via = open("d", O_RDONLY | O_DIRECTORY);
	report("open d again", via);
	if (via >= 0) everything(via);
	unlink("d");
}

// rename_swap: as replace_dir, but the directory is renamed away (and so
// still exists) before the link takes its name.
static void rename_swap(void) {
	report("mkdir d", mkdir("d", 0755));
	int dfd = report("open d", open("d", O_RDONLY | O_DIRECTORY));
	report("rename d", rename("d", "d.old"));
	make_link("d", NULL);
	everything(dfd);
	DIR *check = opendir("d.old");
	if (check) {
		struct dirent *e;
		while ((e = readdir(check)))
			if (e->d_name[0] != '.') printf("  d.old has %s\n", e->d_name);
		closedir(check);
	}
}

// utimens_link: re-time a link to the canary's secret without following
// it, and with following.
static void utimens_link(void) {
	make_link("l", "canary-secret.txt");
	struct timespec ts[2] = {{1, 0}, {1, 0}};
	report("utimens nofollow", utimensat(AT_FDCWD, "l", ts, AT_SYMLINK_NOFOLLOW));
	report("utimens follow", utimensat(AT_FDCWD, "l", ts, 0));
	struct stat st;
	report("stat follow", stat("l", &st));
	report("lstat", lstat("l", &st));
	char buf[256];
	ssize_t n = readlink("l", buf, sizeof buf - 1);
	report("readlink", (int)n);
	unlink("l");
}

// fstat_replaced: open a file and a directory, replace both names by links
// to the canary, then fstat and futimens the descriptors.
static void fstat_replaced(void) {
	int fd = open("f", O_CREAT | O_RDWR | O_TRUNC, 0644);
	report("create f", fd);
	report("write f", write(fd, "mine", 4));
	report("unlink f", unlink("f"));
	make_link("f", "canary-secret.txt");
	struct stat st;
	if (report("fstat f", fstat(fd, &st)) == 0) printf("  size %lld\n", (long long)st.st_size);
	struct timespec ts[2] = {{1, 0}, {1, 0}};
	report("futimens f", futimens(fd, ts));
	report("ftruncate f", ftruncate(fd, 0));
	report("pwrite f", (int)pwrite(fd, "PWNED", 5, 0));
	close(fd);
	unlink("f");

	report("mkdir e", mkdir("e", 0755));
	int dfd = report("open e", open("e", O_RDONLY | O_DIRECTORY));
	report("rmdir e", rmdir("e"));
	make_link("e", NULL);
	if (report("fstat e", fstat(dfd, &st)) == 0) printf("  nlink %d\n", (int)st.st_nlink);
	report("futimens e", futimens(dfd, ts));
	close(dfd);
	unlink("e");
}

// rename_parent: open a directory two levels down, move its parent, then
// climb with "..".
static void rename_parent(void) {
	report("mkdir a", mkdir("a", 0755));
	report("mkdir a/b", mkdir("a/b", 0755));
	int dfd = report("open a/b", open("a/b", O_RDONLY | O_DIRECTORY));
	report("rename a c", rename("a", "c"));
	make_link("a", NULL);
	try_write("create in b", dfd, "made-in-b");
	char up[1200];
	snprintf(up, sizeof up, "../../%s/canary-secret.txt", rel);
	try_read("read ../..", dfd, up);
	try_read("read ..", dfd, "../canary-secret.txt");
	int p = openat(dfd, "..", O_RDONLY | O_DIRECTORY);
	report("open ..", p);
	if (p >= 0) try_list("list ..", p);
	unlink("a");
}

// dotdot_replaced: ".." through a directory whose name was replaced.
static void dotdot_replaced(void) {
	report("mkdir p", mkdir("p", 0755));
	report("mkdir p/q", mkdir("p/q", 0755));
	int q = report("open p/q", open("p/q", O_RDONLY | O_DIRECTORY));
	report("rename p", rename("p", "p.old"));
	make_link("p", NULL);
	try_read("read p/q/../canary-secret.txt", AT_FDCWD, "p/q/../canary-secret.txt");
	try_read("read p/canary-secret.txt", AT_FDCWD, "p/canary-secret.txt");
	try_read("read q/../../p/canary-secret.txt", q, "../../p/canary-secret.txt");
	try_write("create p/x", AT_FDCWD, "p/made-by-guest.txt");
	unlink("p");
}

// hardlink: hard links to the canary, directly and through links.
static void hardlink(void) {
	char r[1200];
	join(r, sizeof r, rel, "canary-secret.txt");
	report("link relative", link(r, "h1"));
	report("linkat absolute", linkat(AT_FDCWD, abs_, AT_FDCWD, "h2", 0));
	make_link("l", "canary-secret.txt");
	// Through a directory descriptor: wasi-libc's linkat does not take
	// AT_FDCWD.
	int here = open(".", O_RDONLY | O_DIRECTORY);
	report("linkat follow", linkat(here, "l", here, "h3", AT_SYMLINK_FOLLOW));
	report("linkat nofollow", linkat(here, "l", here, "h4", 0));
	close(here);
	try_read("read h3", AT_FDCWD, "h3");
	try_read("read h4", AT_FDCWD, "h4");
	report("rename to outside", rename("l", r));
	unlink("h1");
	unlink("h2");
	unlink("h3");
	unlink("h4");
	unlink("l");
}

// hostlinks: links the host made in the directory (hostabs, an absolute
// link, and hostrel, a relative one climbing out) are never followed.
static void hostlinks(void) {
	const char *links[] = {"hostabs", "hostrel"};
	for (int i = 0; i < 2; i++) {
		int dfd = open(links[i], O_RDONLY | O_DIRECTORY);
		printf("[%s]\n", links[i]);
		report("open", dfd);
		if (dfd >= 0) everything(dfd);
		char p[256];
		snprintf(p, sizeof p, "%s/canary-secret.txt", links[i]);
		try_read("read through", AT_FDCWD, p);
		report("unlink through", unlink(p));
		struct timespec ts[2] = {{1, 0}, {1, 0}};
		report("utimens through", utimensat(AT_FDCWD, p, ts, 0));
		report("utimens the link itself", utimensat(AT_FDCWD, links[i], ts, AT_SYMLINK_NOFOLLOW));
		report("utimens following the link", utimensat(AT_FDCWD, links[i], ts, 0));
		DIR *d = opendir(links[i]);
		if (d) {
			try_list("opendir", dirfd(d));
		} else {
			report("opendir", -1);
		}
	}
}

int main(int argc, char **argv) {
	if (argc != 5) {
		fprintf(stderr, "usage: escape ATTACK DIR REL ABS\n");
		return 2;
	}
	snprintf(rel, sizeof rel, "%s", argv[3]);
	snprintf(abs_, sizeof abs_, "%s", argv[4]);
	if (chdir(argv[2]) != 0) {
		perror("chdir");
		return 2;
	}
	const char *a = argv[1];
	if (!strcmp(a, "replace-dir")) replace_dir();
	else if (!strcmp(a, "rename-swap")) rename_swap();
	else if (!strcmp(a, "utimens-link")) utimens_link();
	else if (!strcmp(a, "fstat-replaced")) fstat_replaced();
	else if (!strcmp(a, "rename-parent")) rename_parent();
	else if (!strcmp(a, "dotdot-replaced")) dotdot_replaced();
	else if (!strcmp(a, "hardlink")) hardlink();
	else if (!strcmp(a, "hostlinks")) hostlinks();
	else {
		fprintf(stderr, "unknown attack %s\n", a);
		return 2;
	}
	printf("done\n");
	return 0;
}
