// Command wasitest exercises WASI through Go's wasip1 port: arguments,
// environment, stdin/stdout/stderr, files and directories, clocks,
// sleeping, random numbers and the exit status. It works in the directory
// named by its first argument and exits with the status given as its
// second; the test compares its output line by line.
package main

import (
	"bufio"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"time"
)

func check(err error, what string) {
	if err != nil {
		fmt.Fprintf(os.Stderr, "FAIL %s: %v\n", what, err)
		os.Exit(1)
	}
}

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: wasitest DIR STATUS [ARGS...]")
		os.Exit(2)
	}
	fmt.Printf("argc=%d\n", len(os.Args))
	for i, a := range os.Args[3:] {
		fmt.Printf("arg[%d]=%s\n", i+3, a)
	}
	g, ok := os.LookupEnv("GREETING")
	if !ok {
		g = "(unset)"
	}
	fmt.Printf("GREETING=%s\n", g)
	if line, err := bufio.NewReader(os.Stdin).ReadString('\n'); err == nil {
		fmt.Printf("stdin: %s", line)
	}
	fmt.Fprintln(os.Stderr, "to stderr")

	check(os.Chdir(os.Args[1]), "chdir")
	check(os.Mkdir("d", 0o755), "mkdir")
	f, err := os.OpenFile("d/a.txt", os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o644)
	check(err, "create")
	_, err = f.WriteString("hello, file\n")
	check(err, "write")
	_, err = f.Seek(7, io.SeekStart)
	check(err, "seek")
	rest, err := io.ReadAll(f)
	check(err, "read")
	fmt.Printf("read after seek: %s", rest)
	check(f.Truncate(5), "truncate")
	st, err := f.Stat()
	check(err, "stat")
	fmt.Printf("size after truncate: %d regular=%v\n", st.Size(), st.Mode().IsRegular())
	check(f.Close(), "close")
	mtime := time.Unix(1234567890, 500)
	check(os.Chtimes("d/a.txt", mtime, mtime), "chtimes")
	st, err = os.Stat("d/a.txt")
	check(err, "stat")
	fmt.Printf("mtime: %d.%09d\n", st.ModTime().Unix(), st.ModTime().Nanosecond())

	check(os.Rename("d/a.txt", "d/b.txt"), "rename")
	_, err = os.Stat("d/a.txt")
	fmt.Printf("old name gone: %v\n", errors.Is(err, fs.ErrNotExist))
	check(os.WriteFile("d/c.txt", nil, 0o644), "create c")
	check(os.Mkdir("d/sub", 0o755), "mkdir sub")
	entries, err := os.ReadDir("d")
	check(err, "readdir")
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	fmt.Printf("readdir: %v\n", names)
	fmt.Printf("remove non-empty dir fails: %v\n", os.Remove("d") != nil)
	check(os.Remove("d/sub"), "rmdir")
	check(os.Remove("d/b.txt"), "unlink b")
	check(os.Remove("d/c.txt"), "unlink c")
	check(os.Remove("d"), "rmdir d")
	_, err = os.Stat(filepath.Join(os.Args[1], "d"))
	fmt.Printf("d gone: %v\n", errors.Is(err, fs.ErrNotExist))
	fmt.Println("files ok")

	t0 := time.Now()
	time.Sleep(20 * time.Millisecond)
	fmt.Printf("slept at least 20ms: %v\n", time.Since(t0) >= 20*time.Millisecond)
	fmt.Printf("realtime after 2020: %v\n", time.Now().Year() >= 2020)
	var buf [32]byte
	_, err = rand.Read(buf[:])
	check(err, "random")
	fmt.Printf("random: %v\n", buf != [32]byte{})

	code, err := strconv.Atoi(os.Args[2])
	check(err, "status")
	os.Exit(code)
}
