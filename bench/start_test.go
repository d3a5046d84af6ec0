package bench

import (
	"bytes"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestStartCommand starts the Go workload as a WASI command on ours and on
// wazero, as cmd/rss starts the large module: its output must be the
// checksum a measured run gives.
func TestStartCommand(t *testing.T) {
	w := Workloads[len(Workloads)-1]
	if w.Kind != Go {
		t.Fatalf("the last workload, %s, is not a Go (WASI) program", w.Name)
	}
	wasm, err := Build(".", w)
	if err != nil {
		t.Fatal(err)
	}
	want, err := load(t, Ours{}, w).Run(w.CheckSize)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range []string{"ours", "wazero"} {
		t.Run(e, func(t *testing.T) {
			var out, errOut bytes.Buffer
			if err := StartCommand(e, wasm, []string{w.Name, strconv.Itoa(int(w.CheckSize))}, &out, &errOut); err != nil {
				t.Fatalf("%v (stderr: %s)", err, errOut.String())
			}
			if got := strings.TrimSpace(out.String()); got != want {
				t.Errorf("printed %q, want %q", got, want)
			}
		})
	}
	t.Run("unknown", func(t *testing.T) {
		err := StartCommand("wasm3", wasm, nil, os.Stdout, os.Stderr)
		if err == nil || !strings.Contains(err.Error(), `"wasm3"`) {
			t.Errorf("StartCommand(wasm3) = %v, want an error naming the engine", err)
		}
	})
}

func TestWriteTable(t *testing.T) {
	rows := []Row{{Workload: "fib", Ours: 100e6, Wazero: 400e6, V8: 4e6}}
	for _, c := range []struct {
		name string
		rows []Row
		want []string
	}{
		{"with V8", rows, []string{"| ours/wazero", "| ours/V8", "| 0.25×", "| 25.0×", "4.0 ms"}},
		{"without V8", []Row{{Workload: "fib", Ours: 100e6, Wazero: 400e6}}, []string{"| ours/wazero", "| 0.25×"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var b strings.Builder
			if err := WriteTable(&b, "native", c.rows); err != nil {
				t.Fatal(err)
			}
			for _, s := range c.want {
				if !strings.Contains(b.String(), s) {
					t.Errorf("table lacks %q:\n%s", s, b.String())
				}
			}
			if c.rows[0].V8 == 0 && strings.Contains(b.String(), "V8") {
				t.Errorf("table without V8 times has a V8 column:\n%s", b.String())
			}
		})
	}
}

func TestWriteTraceTable(t *testing.T) {
	var b strings.Builder
	rows := []TraceRow{{Workload: "fib", Plain: 10e6, Logged: 25e6, Text: 1000e6}}
	if err := WriteTraceTable(&b, "native", rows); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"| 2.50×", "| 100.0×", "| **2.50×**"} {
		if !strings.Contains(b.String(), s) {
			t.Errorf("table lacks %q:\n%s", s, b.String())
		}
	}
}
