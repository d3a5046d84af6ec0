package script

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Main runs each script file and reports, for the CLI's `wasmscope wast`:
// the failures and skips of a script, then its line `name: N passed, N
// failed` (with `, N skipped` when there are any), and at the end the line
// `N passed, N failed, N skipped`. Output of the spectest print functions
// goes to opts.Print (nowhere when nil, so stdout keeps its fixed format).
// It returns 0 when every assertion of every script passed, 1 otherwise (a
// failure, a skip, or a file that could not be read).
func Main(stdout, stderr io.Writer, files []string, opts Options) int {
	var total Result
	status := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			// A script that cannot be read counts as a failed one, so the
			// closing line never reports success over a missing file.
			fmt.Fprintf(stderr, "wasmscope: %v\n", err)
			fmt.Fprintf(stdout, "%s: 0 passed, 1 failed\n", filepath.Base(f))
			total.Failed++
			continue
		}
		r := Run(f, src, opts)
		for _, m := range r.Failures {
			fmt.Fprintf(stdout, "  FAIL %s\n", m)
		}
		for _, m := range r.Skips {
			fmt.Fprintf(stdout, "  SKIP %s\n", m)
		}
		line := fmt.Sprintf("%s: %d passed, %d failed", filepath.Base(f), r.Passed, r.Failed)
		if r.Skipped > 0 {
			line += fmt.Sprintf(", %d skipped", r.Skipped)
		}
		fmt.Fprintln(stdout, line)
		total.Passed += r.Passed
		total.Failed += r.Failed
		total.Skipped += r.Skipped
	}
	fmt.Fprintf(stdout, "%d passed, %d failed, %d skipped\n", total.Passed, total.Failed, total.Skipped)
	if total.Failed > 0 || total.Skipped > 0 {
		status = 1
	}
	return status
}
