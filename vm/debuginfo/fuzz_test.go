package debuginfo_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wasmscope/wasmscope/vm/binary"
	"github.com/wasmscope/wasmscope/vm/debuginfo"
)

// The seeds' modules are testdata/tiny.c built as its comment says (DWARF
// 4 at -O0, DWARF 5 at -O1 with embedded source), committed so the seeds
// run where no clang is (GOOS=js).
var seedModules = []string{"tiny4.wasm", "tiny5.wasm"}

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// withSection returns module b with custom section name's contents
// replaced by data.
func withSection(b []byte, name string, data []byte) []byte {
	out := append([]byte{}, b[:8]...)
	for _, s := range binary.Sections(b) {
		if s.ID != 0 || s.Name != name {
			out = append(out, b[s.Offset:s.End]...)
			continue
		}
		body := append(uleb(uint64(len(name))), name...)
		body = append(body, data...)
		out = append(out, 0)
		out = append(out, uleb(uint64(len(body)))...)
		out = append(out, body...)
	}
	return out
}

func uleb(v uint64) []byte {
	var out []byte
	for {
		c := byte(v & 0x7f)
		v >>= 7
		if v != 0 {
			out = append(out, c|0x80)
			continue
		}
		return append(out, c)
	}
}

// section returns the contents of module b's custom section name.
func section(b []byte, name string) []byte {
	for _, s := range binary.Sections(b) {
		if s.ID == 0 && s.Name == name {
			return s.Data(b)
		}
	}
	return nil
}

// corruptions returns variants of module b with each debug section cut
// short or with bytes flipped.
func corruptions(b []byte) map[string][]byte {
	out := map[string][]byte{}
	for _, s := range binary.Sections(b) {
		if s.ID != 0 || !strings.HasPrefix(s.Name, ".debug_") {
			continue
		}
		data := s.Data(b)
		for _, cut := range []int{0, 1, 5, len(data) / 2, len(data) - 1} {
			if cut >= 0 && cut < len(data) {
				out[s.Name+" cut at "+itoa(cut)] = withSection(b, s.Name, data[:cut])
			}
		}
		for _, at := range []int{0, 4, 6, 11, 12, len(data) / 3, len(data) / 2} {
			if at < len(data) {
				d := append([]byte{}, data...)
				d[at] ^= 0xff
				out[s.Name+" flipped at "+itoa(at)] = withSection(b, s.Name, d)
			}
		}
	}
	return out
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var s []byte
	for ; n > 0; n /= 10 {
		s = append([]byte{byte('0' + n%10)}, s...)
	}
	return string(s)
}

func FuzzRead(f *testing.F) {
	for _, name := range seedModules {
		b := readTestdata(f, name)
		f.Add(b)
		for _, c := range corruptions(b) {
			f.Add(c)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) { exercise(t, b) })
}

// exercise reads b and asks every question of what it read; none may
// panic.
func exercise(t *testing.T, b []byte) {
	info, err := debuginfo.Read(b)
	if err != nil {
		if err.Error() == "" {
			t.Fatal("an error without a message")
		}
		return
	}
	for i, l := range info.Lines() {
		if i > 2000 {
			break
		}
		info.LineAt(l.Offset)
		info.StatementAt(l.Offset)
		info.Where(l.Offset)
		info.Frames(l.Offset)
	}
	st := &fakeFrame{mem: make([]byte, 256)}
	for i, f := range info.Funcs() {
		if i > 50 {
			break
		}
		for _, off := range []uint32{f.Entry(), f.Entry() + 3} {
			vars, err := info.Vars(f, off)
			if err != nil {
				continue
			}
			for _, v := range vars {
				info.Value(v, off, st)
				info.Expression(v, off)
				v.TypeName()
			}
		}
	}
	for _, f := range info.Funcs() {
		info.AfterPrologue(f)
	}
	for _, file := range info.Files() {
		info.LineSites(file, 1)
		info.Source(file)
	}
}

// TestBrokenDWARF: every corruption of the seed modules' debug sections
// reads without a panic, and those Read rejects say what is wrong where.
func TestBrokenDWARF(t *testing.T) {
	for _, name := range seedModules {
		for what, b := range corruptions(readTestdata(t, name)) {
			t.Run(name+" "+what, func(t *testing.T) {
				exercise(t, b)
				if _, err := debuginfo.Read(b); err != nil && !strings.HasPrefix(err.Error(), "debug information") {
					t.Errorf("error %q does not say it is about the debug information", err)
				}
			})
		}
	}
	t.Run("truncated .debug_info names the section", func(t *testing.T) {
		b := readTestdata(t, "tiny5.wasm")
		info := section(b, ".debug_info")
		_, err := debuginfo.Read(withSection(b, ".debug_info", info[:len(info)/2]))
		if err == nil || !strings.Contains(err.Error(), "info") {
			t.Errorf("error %v, want one naming .debug_info", err)
		}
	})
	t.Run("no DWARF", func(t *testing.T) {
		b := readTestdata(t, "tiny5.wasm")
		var stripped []byte
		stripped = append(stripped, b[:8]...)
		for _, s := range binary.Sections(b) {
			if s.ID != 0 || !strings.HasPrefix(s.Name, ".debug") {
				stripped = append(stripped, b[s.Offset:s.End]...)
			}
		}
		if _, err := debuginfo.Read(stripped); err != debuginfo.ErrNoDWARF {
			t.Errorf("error %v, want ErrNoDWARF", err)
		}
	})
	t.Run("not a module", func(t *testing.T) {
		if _, err := debuginfo.Read([]byte("\x89PNG\r\n\x1a\n")); err == nil {
			t.Error("no error")
		}
	})
}

// debugSections are the sections FuzzDebugSection replaces.
var debugSections = []string{".debug_info", ".debug_abbrev", ".debug_line", ".debug_str", ".debug_line_str",
	".debug_loclists", ".debug_rnglists", ".debug_addr", ".debug_str_offsets", ".debug_loc", ".debug_ranges"}

// FuzzDebugSection replaces one debug section of a seed module (which's
// low bit picks DWARF 4 or 5, the rest the section) with the fuzzer's
// bytes, so that mutations reach the DWARF readers rather than break the
// module around them.
func FuzzDebugSection(f *testing.F) {
	mods := [][]byte{readTestdata(f, seedModules[0]), readTestdata(f, seedModules[1])}
	for m, b := range mods {
		for i, name := range debugSections {
			if d := section(b, name); d != nil {
				f.Add(uint8(i<<1|m), d)
			}
		}
	}
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		b := mods[which&1]
		name := debugSections[int(which>>1)%len(debugSections)]
		if section(b, name) == nil {
			return
		}
		exercise(t, withSection(b, name, data))
	})
}
