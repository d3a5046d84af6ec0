package bench

import (
	"os"

	"github.com/wasmscope/wasmscope/vm/binary"
	"github.com/wasmscope/wasmscope/vm/text"
)

// buildWAT turns a WAT workload into a binary module with this repository's
// own text parser and encoder, so that building needs no outside tool.
func buildWAT(src, out string) error {
	wat, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	m, err := text.ParseModule(wat, src)
	if err != nil {
		return err
	}
	return os.WriteFile(out, binary.Encode(m), 0o644)
}
