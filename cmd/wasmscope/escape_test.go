//go:build linux

package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The sandbox under attack: testprograms/c/escape.c tries, through plain
// POSIX calls, to read, write, list, delete or re-time files beside the
// folder it is given, by every route known to have worked against a design
// that remembered directories by name (a directory replaced by a link
// after it was opened, a renamed parent, "..", hard links, links the host
// made). Each attack runs against a host folder mounted read-write at
// /sandbox, read-only, and at "/", and the test checks from the host that
// the canary beside the folder is exactly as it was and that nothing of it
// reached the program's output.

const canarySecret = "CANARY-SECRET-CONTENT"

// canaryTime is the canary's access and modification time, so a read
// (atime under relatime) or a re-timing shows.
var canaryTime = time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)

// plantCanary makes top/canary (a secret file and an empty directory,
// both old) and returns its path.
func plantCanary(t *testing.T, top string) string {
	t.Helper()
	canary := filepath.Join(top, "canary")
	for _, err := range []error{
		os.MkdirAll(filepath.Join(canary, "canary-subdir"), 0o755),
		os.WriteFile(filepath.Join(canary, "canary-secret.txt"), []byte(canarySecret), 0o644),
		os.Chtimes(filepath.Join(canary, "canary-secret.txt"), canaryTime, canaryTime),
		os.Chtimes(filepath.Join(canary, "canary-subdir"), canaryTime, canaryTime),
		os.Chtimes(canary, canaryTime, canaryTime),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	return canary
}

// snapshot describes everything under top but the mounted box: names,
// types, sizes, contents, permissions, link counts, modification and
// change times. Not access times: the snapshot's own reading moves them
// (relatime); a read shows in the program's output instead.
func snapshot(t *testing.T, top, box string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(top, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == box {
			return filepath.SkipDir
		}
		info, err := os.Lstat(p)
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%s %v %d", strings.TrimPrefix(p, top), info.Mode(), info.Size())
		if st, ok := info.Sys().(*syscall.Stat_t); ok {
			fmt.Fprintf(&b, " nlink=%d mtime=%d ctime=%d", st.Nlink, st.Mtim.Nano(), st.Ctim.Nano())
		}
		if info.Mode().IsRegular() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			fmt.Fprintf(&b, " %q", data)
		}
		b.WriteByte('\n')
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestSandboxEscapes(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the canary checks read Linux stat fields")
	}
	wasm := buildC(t, filepath.Join(programsDir, "c", "escape.c"))
	attacks := []struct {
		name string
		// want are lines the read-write /sandbox run must print: the
		// attack did what it meant to, and the descriptor kept meaning
		// what it was opened on.
		want []string
	}{
		{"replace-dir", []string{"symlink absolute: ENOTCAPABLE", "symlink relative: ok",
			"read secret: ENOENT", "create: ENOENT", "list: ENOENT", "open d again: ENOTCAPABLE"}},
		{"rename-swap", []string{"symlink absolute: ENOTCAPABLE", "read secret: ENOENT", "create: ok",
			"  d.old has made-by-guest.txt", "  d.old has guest-newdir"}},
		{"utimens-link", []string{"symlink absolute: ENOTCAPABLE", "utimens nofollow: ok",
			"utimens follow: ENOTCAPABLE", "stat follow: ENOTCAPABLE", "lstat: ok"}},
		{"fstat-replaced", []string{"fstat f: ok", "  size 4", "futimens f: ok", "fstat e: ok", "futimens e: ok"}},
		{"rename-parent", []string{"rename a c: ok", "create in b: ok", "read ../..: ENOTCAPABLE",
			"read ..: ENOTCAPABLE", "open ..: ENOTCAPABLE"}},
		{"dotdot-replaced", []string{"read p/q/../canary-secret.txt: ENOTCAPABLE",
			"read p/canary-secret.txt: ENOTCAPABLE", "read q/../../p/canary-secret.txt: ENOTCAPABLE"}},
		{"hardlink", []string{"link relative: ENOTCAPABLE", "linkat absolute: ENOTCAPABLE",
			"linkat follow: ENOTCAPABLE", "linkat nofollow: ok", "read h4: ENOTCAPABLE"}},
		{"hostlinks", []string{"[hostabs]", "[hostrel]", "open: ENOTCAPABLE", "read through: ENOTCAPABLE",
			"unlink through: ENOTCAPABLE", "utimens through: ENOTCAPABLE", "utimens the link itself: ok",
			"utimens following the link: ENOTCAPABLE", "opendir: ENOTCAPABLE"}},
	}
	mounts := []struct {
		name, guest, suffix string
	}{
		{"rw", "/sandbox", ""},
		{"ro", "/sandbox", ":ro"},
		{"root", "/", ""},
	}
	for _, a := range attacks {
		for _, m := range mounts {
			t.Run(a.name+"/"+m.name, func(t *testing.T) {
				top := t.TempDir()
				box := filepath.Join(top, "box")
				must(t, os.Mkdir(box, 0o755))
				canary := plantCanary(t, top)
				must(t, os.Symlink(canary, filepath.Join(box, "hostabs")))
				must(t, os.Symlink("../canary", filepath.Join(box, "hostrel")))
				before := snapshot(t, top, box)
				stdout, stderr, status := runCLI(t, "", "run", "--mount", box+":"+m.guest+m.suffix, wasm,
					a.name, m.guest, "../canary", canary)
				if status != 0 || !strings.HasSuffix(stdout, "done\n") {
					t.Fatalf("status %d, stderr %q, stdout:\n%s", status, stderr, stdout)
				}
				if after := snapshot(t, top, box); after != before {
					t.Errorf("outside the mount changed:\nbefore:\n%s\nafter:\n%s\nprogram said:\n%s", before, after, stdout)
				}
				for _, leak := range []string{canarySecret, "listed canary-secret.txt", "listed canary-subdir"} {
					if strings.Contains(stdout, leak) {
						t.Errorf("the program saw %q outside its mount:\n%s", leak, stdout)
					}
				}
				if m.name != "rw" {
					return
				}
				lines := strings.Split(stdout, "\n")
				sort.Strings(lines)
				for _, w := range a.want {
					i := sort.SearchStrings(lines, w)
					if i == len(lines) || lines[i] != w {
						t.Errorf("missing %q in:\n%s", w, stdout)
					}
				}
			})
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
