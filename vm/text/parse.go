package text

import (
	"errors"

	"github.com/wasmscope/wasmscope/vm/syntax"
)

// ParseScript parses a .wast script.
func ParseScript(src []byte, filename string) (*Script, error) {
	return nil, errors.New("text: script parser not yet implemented")
}

// ParseModule parses a .wat module: one (module ...) form, or bare fields.
func ParseModule(src []byte, filename string) (*syntax.Module, error) {
	return nil, errors.New("text: module parser not yet implemented")
}
