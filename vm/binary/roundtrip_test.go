package binary

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/wasmscope/wasmscope/vm/internal/spectest"
	"github.com/wasmscope/wasmscope/vm/syntax"
	"github.com/wasmscope/wasmscope/vm/text"
)

// normalize clears what Encode cannot preserve or need not: module byte
// offsets, and the difference between nil and empty slices and maps.
func normalize(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			normalize(v.Elem())
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < v.NumField(); i++ {
			f := t.Field(i)
			switch f.Name {
			case "Offset", "BodyOffset", "End", "InitOffset":
				if f.Type.Kind() == reflect.Uint32 {
					v.Field(i).SetUint(0)
					continue
				}
			}
			normalize(v.Field(i))
		}
	case reflect.Slice:
		if v.Len() == 0 {
			v.Set(reflect.Zero(v.Type()))
			return
		}
		for i := 0; i < v.Len(); i++ {
			normalize(v.Index(i))
		}
	case reflect.Map:
		if v.Len() == 0 {
			v.Set(reflect.Zero(v.Type()))
			return
		}
		for _, k := range v.MapKeys() {
			e := reflect.New(v.Type().Elem()).Elem()
			e.Set(v.MapIndex(k))
			normalize(e)
			v.SetMapIndex(k, e)
		}
	}
}

// sameModule reports whether a and b are equal up to normalize, copying
// neither caller's module (normalize works in place on a deep copy).
func sameModule(a, b *syntax.Module) (bool, string) {
	ca, cb := deepCopy(a), deepCopy(b)
	normalize(reflect.ValueOf(ca))
	normalize(reflect.ValueOf(cb))
	if reflect.DeepEqual(ca, cb) {
		return true, ""
	}
	return false, firstDiff(reflect.ValueOf(ca).Elem(), reflect.ValueOf(cb).Elem(), "module")
}

func deepCopy(m *syntax.Module) *syntax.Module {
	// Decoding an encoding is not usable here (it is what is under test),
	// so copy by reflection.
	return copyValue(reflect.ValueOf(m)).Interface().(*syntax.Module)
}

func copyValue(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		p := reflect.New(v.Type().Elem())
		p.Elem().Set(copyValue(v.Elem()))
		return p
	case reflect.Struct:
		c := reflect.New(v.Type()).Elem()
		for i := 0; i < v.NumField(); i++ {
			c.Field(i).Set(copyValue(v.Field(i)))
		}
		return c
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		c := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := 0; i < v.Len(); i++ {
			c.Index(i).Set(copyValue(v.Index(i)))
		}
		return c
	case reflect.Map:
		if v.IsNil() {
			return v
		}
		c := reflect.MakeMapWithSize(v.Type(), v.Len())
		for _, k := range v.MapKeys() {
			c.SetMapIndex(k, copyValue(v.MapIndex(k)))
		}
		return c
	}
	return v
}

// firstDiff describes where two values first differ, for test messages.
func firstDiff(a, b reflect.Value, path string) string {
	if a.Kind() != b.Kind() {
		return path
	}
	switch a.Kind() {
	case reflect.Pointer:
		if a.IsNil() || b.IsNil() {
			return fmt.Sprintf("%s: %v vs %v", path, a, b)
		}
		return firstDiff(a.Elem(), b.Elem(), path)
	case reflect.Struct:
		for i := 0; i < a.NumField(); i++ {
			if !reflect.DeepEqual(a.Field(i).Interface(), b.Field(i).Interface()) {
				return firstDiff(a.Field(i), b.Field(i), path+"."+a.Type().Field(i).Name)
			}
		}
	case reflect.Slice:
		if a.Len() != b.Len() {
			return fmt.Sprintf("%s: length %d vs %d", path, a.Len(), b.Len())
		}
		for i := 0; i < a.Len(); i++ {
			if !reflect.DeepEqual(a.Index(i).Interface(), b.Index(i).Interface()) {
				return firstDiff(a.Index(i), b.Index(i), fmt.Sprintf("%s[%d]", path, i))
			}
		}
	}
	return fmt.Sprintf("%s: %+v vs %+v", path, a.Interface(), b.Interface())
}

// roundTrip encodes m, decodes the result and compares; it also checks
// that encoding is a fixed point (encode(decode(encode(m))) = encode(m)).
func roundTrip(m *syntax.Module) error {
	b := Encode(m)
	m = expectedAfterEncode(m)
	m2, err := Decode(b)
	if err != nil {
		return fmt.Errorf("decoding the encoding: %v", err)
	}
	if ok, diff := sameModule(m, m2); !ok {
		return fmt.Errorf("decode(encode(m)) differs at %s", diff)
	}
	if b2 := Encode(m2); !bytes.Equal(b, b2) {
		return fmt.Errorf("encoding is not stable")
	}
	return nil
}

// expectedAfterEncode is m as decoding its encoding should give it back: with
// the data count Encode adds, and each custom section placed after the last
// section actually present before it.
func expectedAfterEncode(m *syntax.Module) *syntax.Module {
	c := deepCopy(m)
	if c.DataCount == nil && needsDataCount(c) {
		n := uint32(len(c.Datas))
		c.DataCount = &n
	}
	present := map[byte]bool{}
	for _, id := range sectionOrder {
		var w writer
		e := &encoder{m: c, writer: w}
		e.section(id)
		present[id] = len(e.b) > 0
	}
	for i := range c.Customs {
		after := c.Customs[i].After
		if int(after) >= len(sectionRank) || sectionRank[after] == 0 || present[after] {
			continue
		}
		c.Customs[i].After = 0
		for _, id := range sectionOrder {
			if sectionRank[id] < sectionRank[after] && present[id] {
				c.Customs[i].After = id
			}
		}
	}
	return c
}

// TestSpecRoundTrip runs every module of both suites through encode and
// decode: binary modules as decoded, text modules as parsed.
func TestSpecRoundTrip(t *testing.T) {
	for _, version := range []string{"wasm-2.0", "wasm-3.0"} {
		t.Run(version, func(t *testing.T) {
			files, _ := filepath.Glob(filepath.Join(spectest.Dir(t, version), "*.wast"))
			var n, fails int
			for _, f := range files {
				src, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				script, err := text.ParseScript(src, filepath.Base(f))
				if err != nil {
					t.Fatalf("%s: %v", f, err)
				}
				for _, cmd := range script.Commands {
					var sm *text.ScriptModule
					switch c := cmd.(type) {
					case *text.ScriptModule:
						sm = c
					case *text.AssertModule:
						if c.Kind != text.AssertMalformed {
							sm = c.Module
						}
					}
					if sm == nil {
						continue
					}
					var m *syntax.Module
					switch sm.Source {
					case text.ModuleText:
						m = sm.Text
					case text.ModuleBinary:
						if m, err = Decode(sm.Binary); err != nil {
							continue // malformed under 3.0 rules: a 2.0-only module
						}
					default:
						continue
					}
					n++
					if err := roundTrip(m); err != nil {
						fails++
						if fails <= 20 {
							t.Errorf("%s:%d: %v", filepath.Base(f), cmd.Position().Line, err)
						}
					}
				}
			}
			t.Logf("%d modules round-tripped, %d failed", n-fails, fails)
		})
	}
}
