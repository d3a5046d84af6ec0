//go:build linux

package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wasmscope/wasmscope/internal/ptytest"
	"github.com/wasmscope/wasmscope/internal/toolchain"
)

// A C program's stdout is line-buffered on a terminal and fully buffered
// on a pipe or a file, as the program decides from what fd_fdstat_get says
// stdout is: under wasmscope its output comes out in the same order as
// the same program's compiled natively, in the same situation.
func TestCStdioBuffering(t *testing.T) {
	src := filepath.Join(programsDir, "c", "stdio.c")
	wasm, native := buildC(t, src), toolchain.NativeC(t, src, "-O1", "-Wall", "-Werror")
	const (
		buffered = "isatty: stdin 0, stdout 0, stderr 0\nerr 1\nerr 2\nerr 3\nout 1\nout 2\nout 3\n"
		lines    = "isatty: stdin 1, stdout 1, stderr 1\nout 1\nerr 1\nout 2\nerr 2\nout 3\nerr 3\n"
	)
	situations := []struct {
		name string
		want string
		// run runs cmd with its standard streams set up and returns what
		// stdout and stderr together received.
		run func(t *testing.T, cmd *exec.Cmd) string
	}{
		{"one pipe for stdout and stderr", buffered, func(t *testing.T, cmd *exec.Cmd) string {
			var out bytes.Buffer
			cmd.Stdin = strings.NewReader("")
			cmd.Stdout, cmd.Stderr = &out, &out // one pipe
			if err := cmd.Run(); err != nil {
				t.Fatal(err)
			}
			return out.String()
		}},
		{"one file for stdout and stderr, stdin /dev/null", buffered, func(t *testing.T, cmd *exec.Cmd) string {
			f, err := os.Create(filepath.Join(t.TempDir(), "out"))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			null, err := os.Open(os.DevNull)
			if err != nil {
				t.Fatal(err)
			}
			defer null.Close()
			cmd.Stdin, cmd.Stdout, cmd.Stderr = null, f, f
			if err := cmd.Run(); err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(f.Name())
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}},
		{"terminal", lines, func(t *testing.T, cmd *exec.Cmd) string {
			ctl, term, err := ptytest.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer ctl.Close()
			cmd.Stdin, cmd.Stdout, cmd.Stderr = term, term, term
			var out bytes.Buffer
			read := make(chan struct{})
			go func() {
				// Reading ends with EIO once no process has the
				// terminal open.
				io.Copy(&out, ctl)
				close(read)
			}()
			err = cmd.Run()
			term.Close()
			if err != nil {
				t.Fatal(err)
			}
			<-read
			return out.String()
		}},
	}
	for _, s := range situations {
		t.Run(s.name, func(t *testing.T) {
			nat := s.run(t, exec.Command(native))
			got := s.run(t, cliCommand(t, "run", wasm))
			if got != nat {
				t.Errorf("under wasmscope:\n%s\nnatively:\n%s", got, nat)
			}
			if got != s.want {
				t.Errorf("under wasmscope:\n%s\nwant:\n%s", got, s.want)
			}
		})
	}
}
