// conform checks points of WASI preview1 where runtimes have differed,
// through the raw calls of <wasi/api.h> (and wasi-libc where a program
// would use it), printing one line per point; rust/conform.rs prints the
// same lines. Usage: conform DIR, where DIR is a preopened directory; it
// removes everything it made there.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wasi/api.h>

static const char *ename(__wasi_errno_t e) {
	switch (e) {
	case __WASI_ERRNO_SUCCESS: return "ok";
	case __WASI_ERRNO_NOENT: return "ENOENT";
	case __WASI_ERRNO_NOTCAPABLE: return "ENOTCAPABLE";
	case __WASI_ERRNO_PERM: return "EPERM";
	case __WASI_ERRNO_LOOP: return "ELOOP";
	case __WASI_ERRNO_EXIST: return "EEXIST";
	case __WASI_ERRNO_NOTDIR: return "ENOTDIR";
	case __WASI_ERRNO_ISDIR: return "EISDIR";
	case __WASI_ERRNO_NOTEMPTY: return "ENOTEMPTY";
	case __WASI_ERRNO_INVAL: return "EINVAL";
	case __WASI_ERRNO_BADF: return "EBADF";
	case __WASI_ERRNO_NAMETOOLONG: return "ENAMETOOLONG";
	}
	return "other";
}

static void say(const char *what, __wasi_errno_t e) { printf("%s: %s\n", what, ename(e)); }
static void yes(const char *what, int cond) { printf("%s: %s\n", what, cond ? "yes" : "no"); }

#define DIR_ONLY (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE)

// preopen finds the preopened descriptor named dir.
static __wasi_fd_t preopen(const char *dir) {
	for (__wasi_fd_t fd = 3; fd < 64; fd++) {
		__wasi_prestat_t ps;
		if (__wasi_fd_prestat_get(fd, &ps) != 0) continue;
		char name[256];
		size_t n = ps.u.dir.pr_name_len;
		if (n >= sizeof name || __wasi_fd_prestat_dir_name(fd, (uint8_t *)name, n) != 0) continue;
		name[n] = 0;
		if (!strcmp(name, dir)) return fd;
	}
	fprintf(stderr, "no preopen %s\n", dir);
	exit(2);
}

static __wasi_fd_t open_at(__wasi_fd_t dir, const char *p, __wasi_oflags_t of, __wasi_rights_t base, __wasi_errno_t *e) {
	__wasi_fd_t fd = (__wasi_fd_t)-1;
	*e = __wasi_path_open(dir, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, p, of, base, base, 0, &fd);
	return fd;
}

static void put(__wasi_fd_t dir, const char *p, const char *data) {
	__wasi_errno_t e;
	__wasi_fd_t fd = open_at(dir, p, __WASI_OFLAGS_CREAT | __WASI_OFLAGS_TRUNC, __WASI_RIGHTS_FD_WRITE, &e);
	if (e) {
		fprintf(stderr, "create %s: %s\n", p, ename(e));
		exit(1);
	}
	__wasi_ciovec_t iov = {(const uint8_t *)data, strlen(data)};
	__wasi_size_t n;
	if (__wasi_fd_write(fd, &iov, 1, &n) || __wasi_fd_close(fd)) exit(1);
}

// readdir_all reads the whole listing of dir with buffers of size bufsize,
// resuming from the last whole entry's cookie, into out (names separated
// by spaces). It returns the "." entry's inode.
static __wasi_inode_t readdir_all(__wasi_fd_t dir, size_t bufsize, char *out, size_t outsize) {
	uint8_t buf[4096];
	__wasi_dircookie_t cookie = 0;
	__wasi_inode_t dot = 0;
	out[0] = 0;
	for (;;) {
		__wasi_size_t used;
		if (__wasi_fd_readdir(dir, buf, bufsize, cookie, &used)) return 0;
		size_t off = 0;
		int whole = 0;
		while (off + sizeof(__wasi_dirent_t) <= used) {
			__wasi_dirent_t d;
			memcpy(&d, buf + off, sizeof d);
			if (off + sizeof d + d.d_namlen > used) break;
			char name[256];
			memcpy(name, buf + off + sizeof d, d.d_namlen);
			name[d.d_namlen] = 0;
			if (!strcmp(name, ".")) dot = d.d_ino;
			strncat(out, name, outsize - strlen(out) - 2);
			strcat(out, " ");
			cookie = d.d_next;
			off += sizeof d + d.d_namlen;
			whole++;
		}
		if (used < bufsize) return dot;
		if (whole == 0) return 0; // an entry bigger than the buffer
	}
}

int main(int argc, char **argv) {
	if (argc != 2) {
		fprintf(stderr, "usage: conform DIR\n");
		return 2;
	}
	__wasi_fd_t pre = preopen(argv[1]);
	if (chdir(argv[1])) return 2;
	__wasi_errno_t e;
	__wasi_fdstat_t st;

	// A preopen reopened with its own rights; directories have directory
	// rights.
	if (__wasi_fd_fdstat_get(pre, &st)) return 1;
	yes("preopen has directory rights", (st.fs_rights_base & DIR_ONLY) == 0 && (st.fs_rights_base & __WASI_RIGHTS_PATH_OPEN));
	__wasi_fd_t again = (__wasi_fd_t)-1;
	e = __wasi_path_open(pre, 0, ".", __WASI_OFLAGS_DIRECTORY, st.fs_rights_base, st.fs_rights_inheriting, 0, &again);
	say("reopen preopen with its rights", e);
	__wasi_fdstat_t st2;
	if (!e && !__wasi_fd_fdstat_get(again, &st2)) {
		yes("reopened has the same rights", st2.fs_rights_base == st.fs_rights_base);
		(void)!__wasi_fd_close(again);
	}
	if (__wasi_path_create_directory(pre, "d")) return 1;
	open_at(pre, "d", 0, __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE, &e);
	say("open directory for reading and writing", e);
	int dfd = open("d", O_RDONLY | O_DIRECTORY);
	yes("open a directory through the library", dfd >= 0);
	if (dfd >= 0 && !__wasi_fd_fdstat_get(dfd, &st2)) yes("directory has directory rights", (st2.fs_rights_base & DIR_ONLY) == 0);
	close(dfd);

	// Trailing slashes.
	put(pre, "file", "hello");
	open_at(pre, "file/", 0, __WASI_RIGHTS_FD_READ, &e);
	say("open file/", e);
	say("unlink file/", __wasi_path_unlink_file(pre, "file/"));
	say("link to target/", __wasi_path_link(pre, 0, "file", pre, "newlink/"));
	say("symlink to target/", __wasi_path_symlink("file", pre, "newsym/"));

	// rename(2): a directory onto an empty one, not onto a full one.
	if (__wasi_path_create_directory(pre, "empty") || __wasi_path_create_directory(pre, "full")) return 1;
	put(pre, "full/x", "x");
	put(pre, "d/inside", "in");
	say("rename directory onto an empty one", __wasi_path_rename(pre, "d", pre, "empty"));
	say("rename directory onto a full one", __wasi_path_rename(pre, "empty", pre, "full"));
	open_at(pre, "empty/inside", 0, __WASI_RIGHTS_FD_READ, &e);
	say("moved directory's content", e);

	// Absolute symlink targets are refused.
	say("symlink absolute", __wasi_path_symlink("/etc/passwd", pre, "abs"));

	// O_TRUNC needs PATH_FILESTAT_SET_SIZE; rights only shrink.
	__wasi_fd_t sub;
	if (__wasi_path_open(pre, 0, "full", __WASI_OFLAGS_DIRECTORY, st.fs_rights_base, st.fs_rights_inheriting, 0, &sub)) return 1;
	if (__wasi_fd_fdstat_set_rights(sub, st.fs_rights_base & ~__WASI_RIGHTS_PATH_FILESTAT_SET_SIZE, st.fs_rights_inheriting)) return 1;
	open_at(sub, "x", __WASI_OFLAGS_TRUNC, __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE, &e);
	say("O_TRUNC without PATH_FILESTAT_SET_SIZE", e);
	say("gain a right back", __wasi_fd_fdstat_set_rights(sub, st.fs_rights_base, st.fs_rights_inheriting));
	__wasi_fd_t weak = open_at(sub, "x", 0, __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE, &e);
	if (!e && !__wasi_fd_fdstat_get(weak, &st2)) {
		yes("file rights within the directory's", (st2.fs_rights_base & ~st.fs_rights_inheriting) == 0);
		(void)!__wasi_fd_close(weak);
	}

	// fd_readdir: "." is the directory's inode; cookies resume exactly.
	for (int i = 0; i < 12; i++) {
		char n[32];
		snprintf(n, sizeof n, "full/entry-with-a-long-name-%02d", i);
		put(pre, n, "");
	}
	char whole[4096], pieces[4096];
	__wasi_inode_t dot = readdir_all(sub, 4096, whole, sizeof whole);
	__wasi_filestat_t fst;
	if (__wasi_fd_filestat_get(sub, &fst)) return 1;
	yes("readdir . is the directory's inode", dot == fst.ino && dot != 0);
	readdir_all(sub, 64, pieces, sizeof pieces);
	yes("readdir resumes exactly", strcmp(whole, pieces) == 0 && strlen(whole) > 0);
	(void)!__wasi_fd_close(sub);

	// Symbolic links, the same wherever the directory is.
	mkdir("ln", 0755);
	put(pre, "ln/target.txt", "through the link");
	say("symlink relative", __wasi_path_symlink("ln/target.txt", pre, "rel"));
	char buf[128];
	ssize_t n = readlink("rel", buf, sizeof buf - 1);
	buf[n > 0 ? n : 0] = 0;
	printf("readlink: %s\n", buf);
	FILE *f = fopen("rel", "r");
	if (f && fgets(buf, sizeof buf, f)) printf("read through link: %s\n", buf);
	if (f) fclose(f);
	struct stat sb, tb;
	yes("lstat is a link", lstat("rel", &sb) == 0 && S_ISLNK(sb.st_mode));
	yes("stat through link is the file", stat("rel", &sb) == 0 && stat("ln/target.txt", &tb) == 0 && S_ISREG(sb.st_mode) && sb.st_ino == tb.st_ino);
	say("symlink to a directory", __wasi_path_symlink("ln", pre, "dirlink"));
	f = fopen("dirlink/target.txt", "r");
	yes("open through a directory link", f != NULL);
	if (f) fclose(f);
	say("symlink dangling", __wasi_path_symlink("nothing", pre, "dangling"));
	open_at(pre, "dangling", 0, __WASI_RIGHTS_FD_READ, &e);
	say("open dangling", e);
	say("symlink climbing out", __wasi_path_symlink("../../x", pre, "up"));
	open_at(pre, "up", 0, __WASI_RIGHTS_FD_READ, &e);
	say("open climbing out", e);
	say("hard link", __wasi_path_link(pre, 0, "ln/target.txt", pre, "hard"));
	yes("hard link shares the inode", stat("hard", &sb) == 0 && sb.st_ino == tb.st_ino && sb.st_nlink == 2);
	say("unlink the link", __wasi_path_unlink_file(pre, "rel"));
	yes("target still there", stat("ln/target.txt", &tb) == 0);

	// A path longer than PATH_MAX is refused, a mebibyte at once.
	char *longp = malloc((1 << 20) + 1);
	for (int i = 0; i < (1 << 20); i += 2) memcpy(longp + i, "x/", 2);
	longp[1 << 20] = 0;
	open_at(pre, longp, 0, __WASI_RIGHTS_FD_READ, &e);
	say("open a 1 MiB path", e);
	free(longp);

	// Clean up.
	const char *files[] = {"file", "full/x", "empty/inside", "hard", "ln/target.txt", "dirlink", "dangling", "up"};
	for (size_t i = 0; i < sizeof files / sizeof *files; i++) unlink(files[i]);
	for (int i = 0; i < 12; i++) {
		char p[64];
		snprintf(p, sizeof p, "full/entry-with-a-long-name-%02d", i);
		unlink(p);
	}
	rmdir("full");
	rmdir("empty");
	rmdir("ln");
	return 0;
}
