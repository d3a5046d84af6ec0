package text

import "fmt"

// Pos is a place in a source text; Line and Col count from 1, Col in bytes.
type Pos struct {
	File      string
	Line, Col int
}

// Position returns p; commands embed Pos and so satisfy Command.
func (p Pos) Position() Pos { return p }

func (p Pos) String() string { return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col) }

// Error is a malformed text, or a well-formed one that a later check
// (validation) rejected: where, and what is wrong there.
type Error struct {
	Pos
	Msg string
	// Err is the later check's own error, when there is one.
	Err error
}

func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// Unwrap returns the later check's error, or nil.
func (e *Error) Unwrap() error { return e.Err }
