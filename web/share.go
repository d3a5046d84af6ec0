//go:build js && wasm

package main

import (
	"net/url"
	"strings"
	"syscall/js"

	"github.com/wasmscope/wasmscope/playground"
)

// encodeShare packs a program alone into a URL fragment (see
// playground.EncodeShare), for the elements' share links.
func encodeShare(name string, f playground.Format, text []byte) (string, error) {
	return playground.EncodeShare(name, f, text)
}

// decodeShare unpacks a fragment made by encodeShare.
func decodeShare(frag string) (name string, data []byte, err error) {
	return playground.DecodeShare(frag)
}

// shareLink copies a link that reopens the current program with its run
// configuration: a built-in example by its name, anything else as its
// bytes; files placed before the run go along while the link stays short
// enough.
func (a *app) shareLink() {
	p := a.prog
	if p == nil {
		a.setStatus("nothing to share: load a program first", "warn")
		return
	}
	s := playground.Shared{
		Name: p.Name, Format: p.Format, Source: a.progSrc,
		Args: a.args.Value(), Env: a.env.Value(), Stdin: a.stdinInitial.Value(), StdinEOF: a.stdinEOF.Checked(),
		Breakpoints: a.breakpoints.Value(), NoTrace: !a.traceOn.Checked(), Files: a.inputFiles,
	}
	switch {
	case a.sourceDirty:
		s.Source, s.Format = []byte(a.source.Text()), playground.Text
	case a.example != "":
		s.Source, s.Example = nil, a.example
	}
	frag, err := playground.EncodeLink(s)
	note := ""
	if err != nil && len(s.Files) > 0 {
		s.Files = nil
		frag, err = playground.EncodeLink(s)
		note = " (without the placed files: they are too large for a link)"
	}
	if err != nil {
		a.showError(err.Error())
		return
	}
	loc := js.Global().Get("location")
	link := loc.Get("origin").String() + loc.Get("pathname").String() + "#" + frag
	js.Global().Get("history").Call("replaceState", nil, "", "#"+frag)

	go a.guard("copying the link", func() {
		if copyText(link) {
			a.setStatus("share link copied to the clipboard (and in the address bar)"+note, "good")
		} else {
			a.setStatus("share link is in the address bar"+note, "good")
		}
	})
}

// openFromURL opens what the address names: a shared program (or
// example) with its run configuration in the fragment, or ?example=NAME
// (with &run to run it at once).
func (a *app) openFromURL() {
	loc := js.Global().Get("location")
	frag := strings.TrimPrefix(loc.Get("hash").String(), "#")
	if frag != "" {
		s, err := playground.DecodeLink(frag)
		if err != nil {
			a.showError(err.Error())
			return
		}
		if s.Source != nil || s.Example != "" {
			a.applyShared(s)
			if s.Example != "" {
				a.loadExample(s.Example, false)
			} else {
				a.send(command{kind: cmdLoad, name: s.Name, data: s.Source})
			}
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

// applyShared fills the run configuration from a share link.
func (a *app) applyShared(s playground.Shared) {
	a.args.SetValue(s.Args)
	a.env.SetValue(s.Env)
	a.stdinInitial.SetValue(s.Stdin)
	a.stdinEOF.SetChecked(s.StdinEOF)
	a.breakpoints.SetValue(s.Breakpoints)
	a.traceOn.SetChecked(!s.NoTrace)
	a.inputFiles = s.Files
	a.renderInputFiles()
}
