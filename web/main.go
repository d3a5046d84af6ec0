//go:build js && wasm

// Command web is the playground page's Go side, compiled to GOOS=js: it
// finds the elements of static/index.html and wires them to a playground
// session.
package main

import (
	"honnef.co/go/js/dom/v2"
)

func main() {
	doc := dom.GetWindow().Document()
	status := doc.GetElementByID("status")
	status.SetTextContent("ready: open a .wasm or .wat file, or pick an example")
	select {}
}
