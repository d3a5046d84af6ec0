package valid

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/wasmscope/wasmscope/vm/binary"
)

// largeModule returns a ~9 MB Go wasip1 test binary (text/template's),
// built once and cached in the temp directory (the same file the binary
// package's benchmarks use); the benchmark is skipped without the go
// command.
func largeModule(b *testing.B) []byte {
	path := filepath.Join(os.TempDir(), "wasmscope-bench-"+runtime.Version()+"-text-template.wasm")
	if data, err := os.ReadFile(path); err == nil {
		return data
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		b.Skip("go command not found: cannot build the large module")
	}
	tmp := path + ".tmp"
	cmd := exec.Command(goCmd, "test", "-c", "-o", tmp, "text/template")
	cmd.Env = append(os.Environ(), "GOOS=wasip1", "GOARCH=wasm")
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Skipf("building the large module failed: %v\n%s", err, out)
	}
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	return data
}

func BenchmarkValidateLarge(b *testing.B) {
	data := largeModule(b)
	m, err := binary.Decode(data)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := Validate(m); err != nil {
			b.Fatal(err)
		}
	}
}
