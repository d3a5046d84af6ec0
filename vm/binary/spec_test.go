package binary

import (
	"strings"
	"testing"
)

// TestSpecBinaryModules decodes every binary module of the spec suite:
// assert_malformed ones must fail with the expected message (as a prefix,
// the reference interpreter's rule), all others must decode.
func TestSpecBinaryModules(t *testing.T) {
	for _, version := range []string{"wasm-2.0", "wasm-3.0"} {
		t.Run(version, func(t *testing.T) {
			cfg := Config{Wasm2: version == "wasm-2.0"}
			var ok, malformed int
			for _, c := range specBinaryCases(t, version) {
				_, err := DecodeConfig(c.Bytes, cfg)
				if c.Kind == "assert_malformed" {
					malformed++
					if err == nil {
						t.Errorf("%v: decoded, want %q", c, c.Msg)
						continue
					}
					if !strings.HasPrefix(err.(*Error).Msg, c.Msg) {
						t.Errorf("%v: got %q, want %q", c, err, c.Msg)
					}
					continue
				}
				ok++
				if err != nil {
					t.Errorf("%v (%s): %v", c, c.Kind, err)
				}
			}
			t.Logf("%d modules decoded, %d malformed rejected", ok, malformed)
		})
	}
}
