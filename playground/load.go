package playground

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/wasmscope/wasmscope/vm"
)

// Format is how a program was given: the binary format or WAT text.
type Format uint8

// Program formats.
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

// magics name the file types people drop by mistake, by their first bytes.
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

// Detect tells a binary module from WAT text by the first bytes, and
// explains what the data is when it is neither.
func Detect(name string, data []byte) (Format, error) {
	if len(data) == 0 {
		return 0, fmt.Errorf("%s: the file is empty", name)
	}
	if bytes.HasPrefix(data, wasmMagic) {
		if len(data) >= 8 && data[4] != 1 {
			return 0, fmt.Errorf("%s: binary format version %d at byte 0x4 (a WebAssembly component, or a future format?); only core modules of version 1 run here",
				name, uint32(data[4])|uint32(data[5])<<8|uint32(data[6])<<16|uint32(data[7])<<24)
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

// Program is a loaded, validated and compiled module.
type Program struct {
	Name   string
	Format Format
	// Source is what was loaded: the binary module or the WAT text.
	Source []byte
	Module *vm.Module
	Info   *ModuleInfo
}

// Load detects the format of data, then decodes or parses, validates and
// compiles it. Errors name the file and the place: line:column for text,
// the byte offset for a binary module.
func Load(name string, data []byte) (p *Program, err error) {
	defer func() {
		// Bad input must give an error, never a crash of the page.
		if r := recover(); r != nil {
			p, err = nil, fmt.Errorf("%s: internal error while loading: %v", name, r)
		}
	}()
	f, err := Detect(name, data)
	if err != nil {
		return nil, err
	}
	var m *vm.Module
	switch f {
	case Binary:
		m, err = vm.CompileBinary(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	case Text:
		// The text parser puts the file name in its positions itself;
		// the validator's messages need it added.
		m, err = vm.CompileText(data, name)
		if err != nil {
			if strings.HasPrefix(err.Error(), name+":") {
				return nil, err
			}
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	p = &Program{Name: name, Format: f, Source: data, Module: m}
	p.Info = inspect(m.Syntax(), data, f)
	return p, nil
}
