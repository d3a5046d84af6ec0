//go:build js && wasm

package main

import (
	"syscall/js"

	"honnef.co/go/js/dom/v2"
)

// terminal is the Output pane's console: an xterm.js terminal made by
// WasmscopeUI.console (web/js/src/console.js, whose header documents the
// JavaScript side).
type terminal struct{ v js.Value }

// newTerminal makes a terminal inside parent, adding xterm's stylesheet
// to parent's document or shadow root once.
func newTerminal(parent dom.Element, label string) *terminal {
	ui := js.Global().Get("WasmscopeUI")
	p := parent.Underlying()
	root := p.Call("getRootNode")
	if root.Call("querySelector", "style[data-xterm]").IsNull() {
		style := js.Global().Get("document").Call("createElement", "style")
		style.Call("setAttribute", "data-xterm", "")
		style.Set("textContent", ui.Get("consoleCSS"))
		if head := root.Get("head"); head.Truthy() {
			head.Call("append", style)
		} else {
			root.Call("prepend", style)
		}
	}
	t := &terminal{v: ui.Call("console", p, map[string]any{"label": label})}
	// The element holds its console, for tests and scripts to read.
	p.Set("wsConsole", t.v)
	return t
}

// Write appends text of a kind: "out", "err", "sys", "bad" or "in".
func (t *terminal) Write(text, kind string) { t.v.Call("write", text, kind) }

// Clear empties the terminal and its scrollback.
func (t *terminal) Clear() { t.v.Call("clear") }
