//go:build js && wasm

package main

import (
	"strconv"
	"strings"
	"syscall/js"

	"honnef.co/go/js/dom/v2"
)

// editor is a program-text editor: CodeMirror 6 with WAT highlighting,
// line numbers, diagnostics and a breakpoint gutter, made by
// WasmscopeUI.editor (web/js/src/editor.js, bundled into static/ui.js,
// whose header documents the JavaScript side). Line numbers are 1-based.
type editor struct {
	v   js.Value
	fns []js.Func
}

// editorOptions configures newEditor. Callbacks run on the page's event
// loop: they must not block (start a goroutine to wait for the engine).
type editorOptions struct {
	Text     string
	Language string // "wat" (highlighted), "c" or "text"
	ReadOnly bool
	Label    string // the accessible name of the text
	// Placeholder is shown while the text is empty.
	Placeholder string
	// Breakpoints shows the breakpoint gutter; OnToggleBreakpoint is told
	// of a click in it (or F9 on the cursor's line): the owner decides and
	// calls SetBreakpoints.
	Breakpoints        bool
	OnToggleBreakpoint func(line int)
	OnChange           func(text string)
	OnRun              func() // Ctrl+Enter
}

// newEditor makes an editor inside parent.
func newEditor(parent dom.Element, o editorOptions) *editor {
	e := &editor{}
	lang := o.Language
	if lang == "" {
		lang = "wat"
	}
	opts := map[string]any{
		"text":        o.Text,
		"language":    lang,
		"readOnly":    o.ReadOnly,
		"label":       o.Label,
		"placeholder": o.Placeholder,
		"breakpoints": o.Breakpoints,
	}
	if f := o.OnChange; f != nil {
		opts["onChange"] = e.fn(func(args []js.Value) { f(args[0].String()) })
	}
	if f := o.OnRun; f != nil {
		opts["onRun"] = e.fn(func([]js.Value) { f() })
	}
	if f := o.OnToggleBreakpoint; f != nil {
		opts["onToggleBreakpoint"] = e.fn(func(args []js.Value) { f(args[0].Int()) })
	}
	e.v = js.Global().Get("WasmscopeUI").Call("editor", parent.Underlying(), opts)
	// The element holds its editor, for tests and scripts to read.
	parent.Underlying().Set("wsEditor", e.v)
	return e
}

func (e *editor) fn(f func(args []js.Value)) js.Func {
	jf := js.FuncOf(func(_ js.Value, args []js.Value) any {
		f(args)
		return nil
	})
	e.fns = append(e.fns, jf)
	return jf
}

// Text returns the text as it is now.
func (e *editor) Text() string { return e.v.Call("text").String() }

// SetText replaces the text (OnChange is not told) in language ("wat",
// "c", "text"); it clears the markers, the current line and diagnostics.
func (e *editor) SetText(text, language string) {
	e.v.Call("setText", text, map[string]any{"language": language})
}

func (e *editor) SetReadOnly(ro bool) { e.v.Call("setReadOnly", ro) }

// SetLabel sets the accessible name of the text.
func (e *editor) SetLabel(text string) { e.v.Call("setLabel", text) }

// SetBreakpoints marks lines with a breakpoint; disabled ones (set but not
// resolved to code) are drawn hollow.
func (e *editor) SetBreakpoints(lines, disabled []int) {
	e.v.Call("setBreakpoints", intsJS(lines))
	e.v.Call("setDisabledBreakpoints", intsJS(disabled))
}

// SetCurrentLine highlights line as where execution is, and scrolls to
// it; 0 clears.
func (e *editor) SetCurrentLine(line int) { e.v.Call("setCurrentLine", line) }

// diagnostic is one underlined place: col is 1-based, endCol exclusive
// (0: to the end of the token at col).
type diagnostic struct {
	Line, Col, EndCol int
	Message           string
}

// SetDiagnostics underlines each diagnostic; none clears them.
func (e *editor) SetDiagnostics(ds []diagnostic) {
	list := make([]any, len(ds))
	for i, d := range ds {
		list[i] = map[string]any{"line": d.Line, "col": d.Col, "endCol": d.EndCol, "message": d.Message}
	}
	e.v.Call("setDiagnostics", list)
}

// Select puts the cursor at line and col and scrolls to it.
func (e *editor) Select(line, col int) { e.v.Call("select", line, col) }

func (e *editor) Focus() { e.v.Call("focus") }

// Destroy removes the editor and releases its callbacks.
func (e *editor) Destroy() {
	e.v.Call("destroy")
	for _, f := range e.fns {
		f.Release()
	}
	e.fns = nil
}

func intsJS(xs []int) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

// errorPlace finds where an error message "name:line:col: message"
// points in the file name; ok is false when it names no place there.
func errorPlace(name, msg string) (d diagnostic, ok bool) {
	rest, found := strings.CutPrefix(msg, name+":")
	if !found {
		return d, false
	}
	parts := strings.SplitN(rest, ":", 3)
	line, err := strconv.Atoi(parts[0])
	if err != nil || line < 1 {
		return d, false
	}
	d.Line, d.Col, d.Message = line, 1, strings.TrimSpace(rest)
	if len(parts) == 3 {
		if col, err := strconv.Atoi(parts[1]); err == nil && col >= 1 {
			d.Col, d.Message = col, strings.TrimSpace(parts[2])
		}
	}
	return d, true
}
