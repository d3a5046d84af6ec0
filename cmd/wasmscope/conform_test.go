package main

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// conformWant is what c/conform.c and rust/conform.rs print, one line per
// point of preview1 (see the programs): the same on a host folder and in
// memory, the in-memory filesystem's links included.
const conformWant = `preopen has directory rights: yes
reopen preopen with its rights: ok
reopened has the same rights: yes
open directory for reading and writing: EISDIR
open a directory through the library: yes
directory has directory rights: yes
open file/: ENOTDIR
unlink file/: ENOTDIR
link to target/: ENOENT
symlink to target/: ENOENT
rename directory onto an empty one: ok
rename directory onto a full one: ENOTEMPTY
moved directory's content: ok
symlink absolute: ENOTCAPABLE
O_TRUNC without PATH_FILESTAT_SET_SIZE: ENOTCAPABLE
gain a right back: ENOTCAPABLE
file rights within the directory's: yes
readdir . is the directory's inode: yes
readdir resumes exactly: yes
symlink relative: ok
readlink: ln/target.txt
read through link: through the link
lstat is a link: yes
stat through link is the file: yes
symlink to a directory: ok
open through a directory link: yes
symlink dangling: ok
open dangling: ENOENT
symlink climbing out: ok
open climbing out: ENOTCAPABLE
hard link: ok
hard link shares the inode: yes
unlink the link: ok
target still there: yes
open a 1 MiB path: ENAMETOOLONG
`

// TestConformPrograms runs the conformance programs in C and Rust against
// a host folder and an in-memory one.
func TestConformPrograms(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("building programs needs a toolchain the js/wasm test has no process for")
	}
	programs := []struct {
		lang  string
		build func(t *testing.T) string
	}{
		{"c", func(t *testing.T) string { return buildC(t, filepath.Join(programsDir, "c", "conform.c")) }},
		{"rust", func(t *testing.T) string { return buildRust(t, filepath.Join(programsDir, "rust", "conform.rs")) }},
	}
	for _, p := range programs {
		t.Run(p.lang, func(t *testing.T) {
			wasm := p.build(t)
			for _, where := range []string{"host", "memory"} {
				t.Run(where, func(t *testing.T) {
					box := t.TempDir()
					host := box
					if where == "memory" {
						host = ""
					}
					stdout, stderr, status := runCLI(t, "", "run", "--mount", host+":/sandbox", wasm, "/sandbox")
					if status != 0 || stdout != conformWant {
						t.Errorf("status %d, stderr %q, stdout:\n%s\nwant:\n%s", status, stderr, stdout, conformWant)
					}
					if entries, _ := os.ReadDir(box); len(entries) != 0 {
						t.Errorf("left behind %v", entries)
					}
				})
			}
		})
	}
}
