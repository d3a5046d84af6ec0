//go:build !js

package bench

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// V8Available reports why V8 cannot be measured here (node is not on
// PATH), or nil.
func V8Available() error {
	_, err := exec.LookPath("node")
	return err
}

// NodeCommand returns the command that runs v8.js's main with args in a
// node process: "serve MODULE KIND NAME", "compile MODULE" or "start
// MODULE ARGS...".
func NodeCommand(args ...string) *exec.Cmd {
	// The script is passed inline, so no file needs to exist besides the
	// module; with -e, node's process.argv[1:] are the arguments.
	src := "const api = " + v8Source + ";\napi.main(process.argv.slice(1));"
	return exec.Command("node", append([]string{"-e", src}, args...)...)
}

// Compile implements Engine.
func (v V8) Compile(wasm []byte) error {
	_, err := v.CompileTimed(wasm)
	return err
}

// CompileTimed compiles wasm in a new node process and returns the CPU time
// the compilation took there (not node's start-up).
func (V8) CompileTimed(wasm []byte) (time.Duration, error) {
	f, err := tempModule(wasm)
	if err != nil {
		return 0, err
	}
	defer os.Remove(f)
	out, err := NodeCommand("compile", f).Output()
	if err != nil {
		return 0, fmt.Errorf("V8: compiling: %w", exitDetail(err))
	}
	_, t, err := parseReply(string(out), false)
	return t, err
}

// Load implements Engine: it starts a node process serving runs of w.
func (V8) Load(w Workload, wasm []byte) (Loaded, error) {
	f, err := tempModule(wasm)
	if err != nil {
		return nil, err
	}
	cmd := NodeCommand("serve", f, w.Kind.String(), w.Name)
	l := &v8Loaded{w: w, file: f, cmd: cmd}
	cmd.Stderr = &l.stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		os.Remove(f)
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		os.Remove(f)
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		os.Remove(f)
		return nil, fmt.Errorf("V8: starting node: %w", err)
	}
	l.in, l.out = in, bufio.NewReader(out)
	return l, nil
}

type v8Loaded struct {
	w      Workload
	file   string
	cmd    *exec.Cmd
	in     io.WriteCloser
	out    *bufio.Reader
	stderr bytes.Buffer
}

// Run implements Loaded.
func (l *v8Loaded) Run(size int32) (string, error) {
	sum, _, err := l.RunTimed(size)
	return sum, err
}

// RunTimed implements timedLoaded.
func (l *v8Loaded) RunTimed(size int32) (string, time.Duration, error) {
	if _, err := fmt.Fprintf(l.in, "%d\n", size); err != nil {
		return "", 0, fmt.Errorf("V8: %s: node: %v (stderr: %s)", l.w.Name, err, l.stderr.String())
	}
	line, err := l.out.ReadString('\n')
	if err != nil {
		return "", 0, fmt.Errorf("V8: %s: node ended: %v (stderr: %s)", l.w.Name, err, l.stderr.String())
	}
	sum, t, err := parseReply(line, true)
	if err != nil {
		return "", 0, fmt.Errorf("V8: %s: %w", l.w.Name, err)
	}
	return sum, t, nil
}

// Close implements Loaded: node ends when its stdin does.
func (l *v8Loaded) Close() {
	l.in.Close()
	l.cmd.Wait()
	os.Remove(l.file)
}

// parseReply parses v8.js's "ok MICROSECONDS [CHECKSUM]" (a checksum may
// contain spaces) or "error MESSAGE".
func parseReply(line string, withSum bool) (string, time.Duration, error) {
	line = strings.TrimSpace(line)
	if msg, ok := strings.CutPrefix(line, "error "); ok {
		return "", 0, fmt.Errorf("%s", msg)
	}
	f := strings.SplitN(line, " ", 3)
	if len(f) < 2 || f[0] != "ok" || withSum != (len(f) == 3) {
		return "", 0, fmt.Errorf("node replied %q", line)
	}
	us, err := strconv.ParseFloat(f[1], 64)
	if err != nil {
		return "", 0, fmt.Errorf("node replied %q: %v", line, err)
	}
	sum := ""
	if withSum {
		sum = f[2]
	}
	return sum, time.Duration(us * float64(time.Microsecond)), nil
}

func tempModule(wasm []byte) (string, error) {
	f, err := os.CreateTemp("", "bench-v8-*.wasm")
	if err != nil {
		return "", err
	}
	_, err = f.Write(wasm)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

// exitDetail adds a failed command's stderr to its error.
func exitDetail(err error) error {
	if ee, ok := err.(*exec.ExitError); ok && len(ee.Stderr) > 0 {
		return fmt.Errorf("%v: %s", err, bytes.TrimSpace(ee.Stderr))
	}
	return err
}
