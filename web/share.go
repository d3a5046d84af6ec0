//go:build js && wasm

package main

import (
	"net/url"
	"strings"
	"syscall/js"

	"github.com/wasmscope/wasmscope/playground"
)

// encodeShare packs a program into a URL fragment (see
// playground.EncodeShare).
func encodeShare(name string, f playground.Format, text []byte) (string, error) {
	return playground.EncodeShare(name, f, text)
}

// decodeShare unpacks a fragment made by encodeShare.
func decodeShare(frag string) (name string, data []byte, err error) {
	return playground.DecodeShare(frag)
}

// shareLink copies a link that reopens the current program.
func (a *app) shareLink() {
	p := a.prog
	if p == nil {
		a.setStatus("nothing to share: load a program first", "warn")
		return
	}
	src := a.progSrc
	if a.sourceDirty {
		src = []byte(a.source.Value())
	}
	frag, err := encodeShare(p.Name, p.Format, src)
	if err != nil {
		a.showError(err.Error())
		return
	}
	loc := js.Global().Get("location")
	link := loc.Get("origin").String() + loc.Get("pathname").String() + "#" + frag
	js.Global().Get("history").Call("replaceState", nil, "", "#"+frag)

	go a.guard("copying the link", func() {
		if copyText(link) {
			a.setStatus("share link copied to the clipboard (and in the address bar)", "good")
		} else {
			a.setStatus("share link is in the address bar", "good")
		}
	})
}

// openFromURL opens what the address names: a shared program in the
// fragment, or ?example=NAME (with &run to run it at once).
func (a *app) openFromURL() {
	loc := js.Global().Get("location")
	frag := strings.TrimPrefix(loc.Get("hash").String(), "#")
	if frag != "" {
		name, data, err := decodeShare(frag)
		if err != nil {
			a.showError(err.Error())
			return
		}
		if data != nil {
			a.send(command{kind: cmdLoad, name: name, data: data})
			return
		}
	}
	q, err := url.ParseQuery(strings.TrimPrefix(loc.Get("search").String(), "?"))
	if err != nil {
		return
	}
	if ex := q.Get("example"); ex != "" && !strings.ContainsAny(ex, "/\\") {
		a.loadExample(ex, q.Has("run"))
	}
}
