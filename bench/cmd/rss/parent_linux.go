//go:build linux

package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/wasmscope/wasmscope/bench"
)

// result is one engine's measurement.
type result struct {
	engine    string
	wall, cpu time.Duration
	maxRSS    int64 // bytes
}

func run(root string, reps int) error {
	big, err := bench.BuildBig(root)
	if err != nil {
		return err
	}
	path := bench.BigPath(root)
	self, err := os.Executable()
	if err != nil {
		return err
	}
	engines := []string{"ours", "wazero"}
	var jsSelf []string // this command built for GOOS=js, run by go_js_wasm_exec
	if err := bench.V8Available(); err == nil {
		tmp, err := os.MkdirTemp("", "rss-js")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		if jsSelf, err = buildJS(root, filepath.Join(tmp, "rss.wasm")); err != nil {
			return err
		}
		engines = append(engines, "ours (Node)", "V8")
	} else {
		fmt.Fprintf(os.Stderr, "rss: no Node rows: %v\n", err)
	}
	results := make([]result, len(engines))
	for rep := 0; rep < reps; rep++ {
		// Taking turns, as compare does, so that all see the same load.
		for i, e := range engines {
			var cmd *exec.Cmd
			switch e {
			case "V8":
				cmd = bench.NodeCommand(append([]string{"start", path}, testArgs...)...)
			case "ours (Node)":
				cmd = exec.Command(jsSelf[0], append(append(jsSelf[1:], "-child", "ours", path), testArgs...)...)
			default:
				cmd = exec.Command(self, append([]string{"-child", e, path}, testArgs...)...)
			}
			r, err := measure(cmd)
			if err != nil {
				return fmt.Errorf("%s: %w", e, err)
			}
			fmt.Fprintf(os.Stderr, "%s: wall %v, CPU %v, peak RSS %d MB\n", e, r.wall.Round(time.Millisecond), r.cpu.Round(time.Millisecond), r.maxRSS>>20)
			best := &results[i]
			if rep == 0 {
				*best = r
			}
			best.engine = e
			best.wall, best.cpu = min(best.wall, r.wall), min(best.cpu, r.cpu)
			best.maxRSS = max(best.maxRSS, r.maxRSS)
		}
	}
	fmt.Printf("Load and start the %.1f MB %s test binary (GOOS=wasip1) with %s, a process per run, %d runs:\n\n",
		float64(len(big))/1e6, bench.BigModule, strings.Join(testArgs, " "), reps)
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 1, ' ', 0)
	// The ratios are ours over each engine's, as in compare's tables.
	ours := results[0]
	fmt.Fprintf(tw, "| engine\t| peak RSS\t| wall time\t| CPU time\t| ours/this RSS\t| ours/this wall\t| ours/this CPU\t|\n")
	fmt.Fprintf(tw, "|---\t|---:\t|---:\t|---:\t|---:\t|---:\t|---:\t|\n")
	for _, r := range results {
		fmt.Fprintf(tw, "| %s\t| %d MB\t| %d ms\t| %d ms\t| %.2f×\t| %.2f×\t| %.2f×\t|\n", r.engine, r.maxRSS>>20,
			r.wall.Milliseconds(), r.cpu.Milliseconds(),
			float64(ours.maxRSS)/float64(r.maxRSS), ours.wall.Seconds()/r.wall.Seconds(), ours.cpu.Seconds()/r.cpu.Seconds())
	}
	return tw.Flush()
}

// measure runs cmd, which must end well and print the test binary's PASS,
// and returns its wall time, CPU time and peak RSS.
func measure(cmd *exec.Cmd) (result, error) {
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return result{}, fmt.Errorf("%v (stderr: %s)", err, bytes.TrimSpace(errOut.Bytes()))
	}
	if !bytes.Contains(out.Bytes(), []byte("PASS")) {
		return result{}, fmt.Errorf("no PASS in the output: %q (stderr: %s)", out.String(), bytes.TrimSpace(errOut.Bytes()))
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		return result{}, fmt.Errorf("no rusage for the process")
	}
	return result{
		wall: wall,
		cpu:  time.Duration(ru.Utime.Nano() + ru.Stime.Nano()),
		// Linux reports ru_maxrss in kilobytes.
		maxRSS: ru.Maxrss << 10,
	}, nil
}

// buildJS builds this command for GOOS=js GOARCH=wasm into prog and returns
// the command line that runs it in Node.
func buildJS(root, prog string) ([]string, error) {
	b := exec.Command("go", "build", "-o", prog, "./cmd/rss")
	b.Dir = root
	b.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := b.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("building rss for js/wasm: %v\n%s", err, out)
	}
	execJS, err := bench.GoJSExec()
	if err != nil {
		return nil, err
	}
	return []string{execJS, prog}, nil
}
