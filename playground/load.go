package playground

import (
	"github.com/wasmscope/wasmscope/vm"
)

// Format is how a program was given: the binary format or WAT text.
type Format = vm.Format

// Program formats.
const (
	Binary = vm.Binary
	Text   = vm.Text
)

// Detect tells a binary module from WAT text by the first bytes, and
// explains what the data is when it is neither (vm.Detect).
func Detect(name string, data []byte) (Format, error) { return vm.Detect(name, data) }

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
// compiles it (vm.Load). Errors name the file and the place: line:column
// for text, the byte offset for a binary module.
func Load(name string, data []byte) (*Program, error) {
	m, f, err := vm.Load(name, data)
	if err != nil {
		return nil, err
	}
	return &Program{Name: name, Format: f, Source: data, Module: m, Info: inspect(m.Syntax(), data, f)}, nil
}
