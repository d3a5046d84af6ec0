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

// Error is a malformed text: where, and what is wrong there.
type Error struct {
	Pos
	Msg string
}

func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }
