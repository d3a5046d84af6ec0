package vm

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Format is how a module is given: the binary format or WAT text.
type Format uint8

// Module formats.
const (
	Binary Format = iota + 1
	Text
)

func (f Format) String() string {
	switch f {
	case Binary:
		return "binary"
	case Text:
		return "text"
	}
	return "unknown"
}

var wasmMagic = []byte("\x00asm")

// magics name the file types people drop or pass by mistake, by their
// first bytes, so the error says "a PNG image" rather than a parser's
// complaint about its first character.
var magics = []struct {
	prefix, what string
}{
	{"\x89PNG\r\n\x1a\n", "a PNG image"},
	{"\xff\xd8\xff", "a JPEG image"},
	{"GIF8", "a GIF image"},
	{"%PDF", "a PDF document"},
	{"PK\x03\x04", "a ZIP archive"},
	{"\x1f\x8b", "a gzip file (decompress it first)"},
	{"\x7fELF", "a native ELF executable"},
	{"MZ", "a Windows executable"},
	{"\xcf\xfa\xed\xfe", "a native Mach-O executable"},
	{"BM", "a BMP image"},
	{"RIFF", "a RIFF (WebP, WAV, AVI) file"},
}

// Detect tells a binary module from WAT text by its first bytes, whatever
// the file is called (Go's test binaries have no extension; people rename
// files), and explains what the data is when it is neither.
func Detect(name string, data []byte) (Format, error) {
	if len(data) == 0 {
		return 0, fmt.Errorf("%s: the file is empty", name)
	}
	if bytes.HasPrefix(data, wasmMagic) {
		if len(data) >= 8 && data[6] == 1 && data[7] == 0 {
			return 0, fmt.Errorf("%s is a WebAssembly component (layer 1 at offset 0x6), not a core module; only core modules run here", name)
		}
		if len(data) >= 8 && (data[4] != 1 || data[5] != 0) {
			return 0, fmt.Errorf("%s: unknown binary version % x at offset 0x4; only core modules of version 1 (01 00 00 00) run here", name, data[4:8])
		}
		return Binary, nil
	}
	if len(data) < len(wasmMagic) && bytes.HasPrefix(wasmMagic, data) {
		return 0, fmt.Errorf("%s: truncated module: %d bytes, the header alone is 8", name, len(data))
	}
	for _, m := range magics {
		if bytes.HasPrefix(data, []byte(m.prefix)) {
			return 0, fmt.Errorf("%s is %s, not a WebAssembly module (a binary module starts with the bytes 00 61 73 6d, \"\\0asm\")", name, m.what)
		}
	}
	if utf8.Valid(data) && bytes.IndexByte(data, 0) < 0 {
		return Text, nil
	}
	return 0, fmt.Errorf("%s is not a WebAssembly module: it starts with the bytes % x, not 00 61 73 6d (\"\\0asm\"), and it is not UTF-8 text (WAT) either",
		name, data[:min(len(data), 8)])
}

// Load detects the format of data, then decodes or parses, validates and
// compiles it. Every error names the file (name) and the place: line and
// column for text, the byte offset for a binary module.
func Load(name string, data []byte) (m *Module, f Format, err error) {
	defer func() {
		// Bad input must give an error, never a crash of the caller (the
		// page keeps working for the next upload).
		if r := recover(); r != nil {
			m, f, err = nil, 0, fmt.Errorf("%s: internal error while loading: %v", name, r)
		}
	}()
	if f, err = Detect(name, data); err != nil {
		return nil, 0, err
	}
	if f == Binary {
		m, err = CompileBinary(data)
	} else {
		m, err = CompileText(data, name)
	}
	if err != nil {
		// Text positions already start with the file name.
		if !strings.HasPrefix(err.Error(), name+":") {
			err = fmt.Errorf("%s: %w", name, err)
		}
		return nil, 0, err
	}
	return m, f, nil
}
