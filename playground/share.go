package playground

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"fmt"
	"io"
	"net/url"
	"strings"
)

// MaxShare is the longest URL fragment a share link may carry; chat
// programs and some browsers cut longer links.
const MaxShare = 16 << 10

// Shared is what a share link carries: the program (its bytes, or the
// name of a built-in example) and the run configuration as the page's
// fields hold it.
type Shared struct {
	Name   string
	Format Format
	// Source is the program; nil when Example names a built-in one.
	Source  []byte
	Example string
	// The run configuration, as typed: arguments split like a shell,
	// environment lines, stdin text, breakpoints comma separated.
	Args, Env, Stdin, Breakpoints string
	StdinEOF                      bool
	NoTrace                       bool
	// Files are placed in / before the run.
	Files []File
}

// EncodeShare packs a program into a URL fragment that DecodeShare
// reverses (EncodeLink with the program alone).
func EncodeShare(name string, f Format, src []byte) (string, error) {
	return EncodeLink(Shared{Name: name, Format: f, Source: src})
}

// DecodeShare unpacks a fragment made by EncodeShare. A fragment without
// a program gives a nil data and no error.
func DecodeShare(frag string) (name string, data []byte, err error) {
	s, err := DecodeLink(frag)
	return s.Name, s.Source, err
}

// EncodeLink packs a program and its run configuration into a URL
// fragment: "wat=" or "wasm=" and the raw-deflated program in URL-safe
// base64 (or "example=" and a built-in example's name), "name=", then
// the configuration's fields that are set (args, env, stdin, eof, bp,
// notrace, and one "file=" per file: its path, ":", its deflated bytes).
// A link too long to share is an error that says so.
func EncodeLink(s Shared) (string, error) {
	// Fields go in a fixed order, the program first, so links read alike.
	var fields []string
	add := func(k, v string) { fields = append(fields, k+"="+url.QueryEscape(v)) }
	switch {
	case s.Example != "":
		add("example", s.Example)
	default:
		kind := "wasm"
		if s.Format == Text {
			kind = "wat"
		}
		add(kind, pack(s.Source))
		add("name", s.Name)
	}
	for _, f := range []struct{ k, v string }{{"args", s.Args}, {"env", s.Env}, {"stdin", s.Stdin}, {"bp", s.Breakpoints}} {
		if f.v != "" {
			add(f.k, f.v)
		}
	}
	if s.StdinEOF {
		add("eof", "1")
	}
	if s.NoTrace {
		add("notrace", "1")
	}
	for _, f := range s.Files {
		add("file", f.Path+":"+pack(f.Data))
	}
	frag := strings.Join(fields, "&")
	if len(frag) > MaxShare {
		what := s.Name
		if len(s.Files) > 0 {
			what += " with its files"
		}
		return "", fmt.Errorf("%s is too large to share as a link (%d characters, the limit is %d): share the file instead", what, len(frag), MaxShare)
	}
	return frag, nil
}

// pack deflates b and encodes it in URL-safe base64.
func pack(b []byte) string {
	var buf bytes.Buffer
	zw, _ := flate.NewWriter(&buf, flate.BestCompression) // the level is valid
	zw.Write(b)
	zw.Close()
	return base64.RawURLEncoding.EncodeToString(buf.Bytes())
}

// unpack reverses pack; the limit keeps a crafted link from inflating
// without end.
func unpack(what, packed string) ([]byte, error) {
	raw, err := base64.RawURLEncoding.DecodeString(packed)
	if err != nil {
		return nil, fmt.Errorf("share link: %s is not valid base64: %v", what, err)
	}
	data, err := io.ReadAll(io.LimitReader(flate.NewReader(bytes.NewReader(raw)), 64<<20))
	if err != nil {
		return nil, fmt.Errorf("share link: %s does not decompress: %v", what, err)
	}
	return data, nil
}

// DecodeLink unpacks a fragment made by EncodeLink. A fragment without a
// program (nor an example) gives a Shared with nil Source and no error.
func DecodeLink(frag string) (Shared, error) {
	var s Shared
	q, err := url.ParseQuery(frag)
	if err != nil {
		return s, fmt.Errorf("share link: %v", err)
	}
	packed, kind := q.Get("wat"), "wat"
	s.Format = Text
	if packed == "" {
		packed, kind, s.Format = q.Get("wasm"), "wasm", Binary
	}
	switch {
	case packed != "":
		if s.Source, err = unpack("the program", packed); err != nil {
			return Shared{}, err
		}
		s.Name = q.Get("name")
		if s.Name == "" {
			s.Name = "shared." + kind
		}
	case q.Get("example") != "":
		s.Example = q.Get("example")
		s.Name = s.Example
	}
	s.Args, s.Env, s.Stdin, s.Breakpoints = q.Get("args"), q.Get("env"), q.Get("stdin"), q.Get("bp")
	s.StdinEOF, s.NoTrace = q.Get("eof") == "1", q.Get("notrace") == "1"
	for _, f := range q["file"] {
		p, packed, ok := strings.Cut(f, ":")
		if !ok {
			return Shared{}, fmt.Errorf("share link: file %q has no contents (path:data)", p)
		}
		data, err := unpack("file "+p, packed)
		if err != nil {
			return Shared{}, err
		}
		s.Files = append(s.Files, File{Path: p, Data: data})
	}
	return s, nil
}
