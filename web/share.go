//go:build js && wasm

package main

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"fmt"
	"io"
	"net/url"
	"strings"
	"syscall/js"

	"github.com/wasmscope/wasmscope/playground"
)

// maxShare is the longest fragment a share link carries; longer links are
// cut by chat programs and some browsers.
const maxShare = 16 << 10

// encodeShare packs a program into a URL fragment: "wat=" or "wasm="
// followed by the raw-deflated bytes in URL-safe base64, and the file name.
func encodeShare(p *playground.Program, text []byte) (string, error) {
	var buf bytes.Buffer
	zw, _ := flate.NewWriter(&buf, flate.BestCompression)
	zw.Write(text)
	zw.Close()
	kind := "wasm"
	if p.Format == playground.Text {
		kind = "wat"
	}
	frag := kind + "=" + base64.RawURLEncoding.EncodeToString(buf.Bytes()) + "&name=" + url.QueryEscape(p.Name)
	if len(frag) > maxShare {
		return "", fmt.Errorf("%s is too large to share as a link (%s compressed, the limit is %s): share the file instead",
			p.Name, sizeText(int64(buf.Len())), sizeText(maxShare*3/4))
	}
	return frag, nil
}

// decodeShare unpacks a fragment made by encodeShare.
func decodeShare(frag string) (name string, data []byte, err error) {
	q, err := url.ParseQuery(frag)
	if err != nil {
		return "", nil, fmt.Errorf("share link: %v", err)
	}
	packed, kind := q.Get("wat"), "wat"
	if packed == "" {
		packed, kind = q.Get("wasm"), "wasm"
	}
	if packed == "" {
		return "", nil, nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(packed)
	if err != nil {
		return "", nil, fmt.Errorf("share link: the program is not valid base64: %v", err)
	}
	data, err = io.ReadAll(io.LimitReader(flate.NewReader(bytes.NewReader(raw)), 64<<20))
	if err != nil {
		return "", nil, fmt.Errorf("share link: the program does not decompress: %v", err)
	}
	name = q.Get("name")
	if name == "" {
		name = "shared." + kind
	}
	return name, data, nil
}

// shareLink copies a link that reopens the current program.
func (a *app) shareLink() {
	p := a.sess.Program()
	if p == nil {
		a.setStatus("nothing to share: load a program first", "warn")
		return
	}
	src := p.Source
	if a.sourceDirty {
		src = []byte(a.source.Value())
	}
	frag, err := encodeShare(p, src)
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
