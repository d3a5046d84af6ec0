package debuginfo_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wasmscope/wasmscope/internal/toolchain"
	"github.com/wasmscope/wasmscope/vm/debuginfo"
)

func readInfo(t *testing.T, b []byte) *debuginfo.Info {
	t.Helper()
	info, err := debuginfo.Read(b)
	if err != nil {
		t.Fatal(err)
	}
	return info
}

func TestEmbeddedSource(t *testing.T) {
	want := string(readTestdata(t, "tiny.c"))
	tests := []struct {
		module string
		file   string
		ok     bool
	}{
		{"tiny5.wasm", "tiny.c", true},
		{"tiny5.wasm", "/src/tiny.c", true},
		{"tiny5.wasm", "other.c", false},
		{"tiny4.wasm", "tiny.c", false}, // DWARF 4 cannot embed source
	}
	for _, tc := range tests {
		t.Run(tc.module+" "+tc.file, func(t *testing.T) {
			info := readInfo(t, readTestdata(t, tc.module))
			got, ok := info.Source(tc.file)
			if ok != tc.ok || (ok && got != want) {
				t.Errorf("Source(%q) = %d bytes, %v; want %v (testdata/tiny.c: rebuild the seeds after editing it)", tc.file, len(got), ok, tc.ok)
			}
		})
	}
	t.Run("Sources", func(t *testing.T) {
		if got := readInfo(t, readTestdata(t, "tiny5.wasm")).Sources(); len(got) != 1 || got[0] != "/src/tiny.c" {
			t.Errorf("Sources() = %q", got)
		}
	})
}

func TestSourceMappingURL(t *testing.T) {
	b := readTestdata(t, "tiny4.wasm")
	const url = "https://example.com/tiny.wasm.map"
	body := append(uleb(uint64(len("sourceMappingURL"))), "sourceMappingURL"...)
	body = append(append(body, uleb(uint64(len(url)))...), url...)
	with := append(append(append(append([]byte{}, b...), 0), uleb(uint64(len(body)))...), body...)
	broken := append(append(append(append([]byte{}, b...), 0), uleb(uint64(len(body)-3))...), body[:len(body)-3]...)
	tests := []struct {
		name   string
		module []byte
		url    string
		ok     bool
	}{
		{"present", with, url, true},
		{"absent", b, "", false},
		{"cut short", broken, "", false},
		{"not a module", []byte("hello"), "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := debuginfo.SourceMappingURL(tc.module)
			if got != tc.url || ok != tc.ok {
				t.Errorf("SourceMappingURL = %q, %v; want %q, %v", got, ok, tc.url, tc.ok)
			}
		})
	}
}

func TestLineSites(t *testing.T) {
	info := readInfo(t, readTestdata(t, "tiny4.wasm"))
	src := strings.Split(string(readTestdata(t, "tiny.c")), "\n")
	lineOf := func(text string) int {
		for i, l := range src {
			if strings.Contains(l, text) {
				return i + 1
			}
		}
		t.Fatalf("no %q in tiny.c", text)
		return 0
	}
	// lowest returns the first instruction of line n by the table: its
	// lowest row, or where a row is a function's start, where its prologue
	// ends.
	lowest := func(n int) uint32 {
		var off uint32
		for _, l := range info.Lines() {
			if l.Line == n && l.IsStmt && !l.EndSequence && (off == 0 || l.Offset < off) {
				off = l.Offset
			}
		}
		if f := info.FuncAt(off); f != nil && f.Entry() == off {
			return info.AfterPrologue(f)
		}
		return off
	}
	body := lineOf("int s = 0;")
	tests := []struct {
		name     string
		file     string
		line     int
		wantLine int
		err      string
	}{
		{"a line with code", "tiny.c", body, body, ""},
		{"full path", "/src/tiny.c", body, body, ""},
		{"a comment moves to the next line with code", "tiny.c", 1, lineOf("static inline int twice"), ""},
		{"a declaration without code moves on", "tiny.c", lineOf("double b;"), lineOf("static inline int twice"), ""},
		{"past the end", "tiny.c", len(src) + 5, 0, "no code at line"},
		{"unknown file", "main.c", 3, 0, `no line table names a file "main.c"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := info.LineSites(tc.file, tc.line)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want one saying %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if s.Line != tc.wantLine || len(s.Offsets) != 1 || s.Offsets[0] != lowest(tc.wantLine) {
				t.Errorf("sites %+v, want line %d at %#x", s, tc.wantLine, lowest(tc.wantLine))
			}
			if l, ok := info.LineAt(s.Offsets[0]); !ok || l.Line != s.Line {
				t.Errorf("LineAt(site) = %+v, %v", l, ok)
			}
		})
	}
}

func TestRustFunctions(t *testing.T) {
	noToolchains(t)
	b, err := os.ReadFile(progRust(t))
	if err != nil {
		t.Fatal(err)
	}
	info := readInfo(t, b)
	fs := info.FuncsNamed("manhattan")
	if len(fs) != 1 || fs[0].Qualified != "prog::manhattan" || filepath.Base(fs[0].File) != "prog.rs" {
		t.Fatalf("FuncsNamed(manhattan) = %+v", fs)
	}
	if got := info.FuncsNamed("prog::manhattan"); len(got) != 1 || got[0] != fs[0] {
		t.Errorf("by qualified name: %+v", got)
	}
	line := sourceLine(t, "prog.rs", "MANHATTAN")
	s, err := info.LineSites("prog.rs", line)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Offsets) != 1 || !fs[0].Contains(s.Offsets[0]) {
		t.Fatalf("sites %+v, want one in manhattan %+v", s, fs[0].Ranges)
	}
	frames := info.Frames(s.Offsets[0])
	if len(frames) == 0 || frames[len(frames)-1].Func != fs[0] {
		t.Fatalf("frames at the site: %+v", frames)
	}
	vars, err := info.Vars(fs[0], s.Offsets[0])
	if err != nil {
		t.Fatal(err)
	}
	if len(vars) != 1 || vars[0].Name != "p" || !vars[0].Param || vars[0].TypeName() != "&prog::Point" {
		for _, v := range vars {
			t.Logf("var %s %s param=%v", v.Name, v.TypeName(), v.Param)
		}
		t.Errorf("manhattan's variables: want the parameter p of type &prog::Point")
	}
}

// TestGoWasip1 reads a Go wasip1 program built without -s -w. Go's linker
// writes no DWARF for wasip1 (cmd/link's dwarfEnabled), so there is none
// to read; should a Go release start writing it, the lines of main.go
// must be found.
func TestGoWasip1(t *testing.T) {
	noToolchains(t)
	b, err := os.ReadFile(toolchain.Go(t, "../../testprograms/go/hello"))
	if err != nil {
		t.Fatal(err)
	}
	info, err := debuginfo.Read(b)
	if errors.Is(err, debuginfo.ErrNoDWARF) {
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	if _, err := info.LineSites("main.go", 1); err != nil {
		t.Errorf("Go wasip1 DWARF without main.go's lines: %v", err)
	}
}

func TestAfterPrologue(t *testing.T) {
	src := string(readTestdata(t, "tiny.c"))
	first := 1 + strings.Count(src[:strings.Index(src, "struct pair p = {n, 0.5};")], "\n")
	tests := []struct {
		module, fn string
		line       int
	}{
		{"tiny4.wasm", "sum", first},
		{"tiny4.wasm", "twice", 1 + strings.Count(src[:strings.Index(src, "static inline int twice")], "\n")},
	}
	for _, tc := range tests {
		t.Run(tc.module+" "+tc.fn, func(t *testing.T) {
			info := readInfo(t, readTestdata(t, tc.module))
			fs := info.FuncsNamed(tc.fn)
			if len(fs) != 1 {
				t.Fatalf("FuncsNamed(%s) = %v", tc.fn, fs)
			}
			off := info.AfterPrologue(fs[0])
			l, ok := info.LineAt(off)
			if !ok || l.Line != tc.line || !fs[0].Contains(off) || off <= fs[0].Body {
				t.Errorf("AfterPrologue = %#x (line %d, %v), want the first row of line %d after the body's start %#x", off, l.Line, ok, tc.line, fs[0].Body)
			}
		})
	}
}
