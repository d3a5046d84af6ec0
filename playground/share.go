package playground

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"fmt"
	"io"
	"net/url"
)

// MaxShare is the longest URL fragment a share link may carry; chat
// programs and some browsers cut longer links.
const MaxShare = 16 << 10

// EncodeShare packs a program into a URL fragment that DecodeShare
// reverses: "wat=" or "wasm=" and the raw-deflated bytes in URL-safe
// base64, then "&name=" and the file name. A program too large for a link
// is an error that says so.
func EncodeShare(name string, f Format, src []byte) (string, error) {
	var buf bytes.Buffer
	zw, err := flate.NewWriter(&buf, flate.BestCompression)
	if err != nil {
		return "", err
	}
	zw.Write(src)
	zw.Close()
	kind := "wasm"
	if f == Text {
		kind = "wat"
	}
	frag := kind + "=" + base64.RawURLEncoding.EncodeToString(buf.Bytes()) + "&name=" + url.QueryEscape(name)
	if len(frag) > MaxShare {
		return "", fmt.Errorf("%s is too large to share as a link (%d bytes compressed, the limit is about %d): share the file instead",
			name, buf.Len(), MaxShare*3/4)
	}
	return frag, nil
}

// DecodeShare unpacks a fragment made by EncodeShare. A fragment without
// a program gives a nil data and no error.
func DecodeShare(frag string) (name string, data []byte, err error) {
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
	// The limit keeps a crafted link from inflating without end.
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
