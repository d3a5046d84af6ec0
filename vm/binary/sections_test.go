package binary

import (
	"reflect"
	"testing"
)

func TestSections(t *testing.T) {
	header := "\x00asm\x01\x00\x00\x00"
	// type section: one func type () -> (); custom section "hi" with 1 byte.
	mod := header + "\x01\x04\x01\x60\x00\x00" + "\x00\x04\x02hi\x07"
	want := []SectionHeader{
		{ID: 1, Offset: 8, Start: 10, End: 14, Name: "type"},
		{ID: 0, Offset: 14, Start: 16, End: 20, Name: "hi"},
	}
	tests := []struct {
		name string
		b    string
		want []SectionHeader
	}{
		{"two sections", mod, want},
		{"header only", header, nil},
		{"truncated after the first", mod[:len(mod)-1], want[:1]},
		{"bad size", header + "\x01\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff", nil},
	}
	for _, tt := range tests {
		if got := Sections([]byte(tt.b)); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: Sections = %+v, want %+v", tt.name, got, tt.want)
		}
	}
	if n, ok := want[0].Count([]byte(mod)); !ok || n != 1 {
		t.Errorf("type section count = %d, %v; want 1", n, ok)
	}
	if _, ok := want[1].Count([]byte(mod)); ok {
		t.Error("a custom section has no count")
	}
	if SectionName(10) != "code" || SectionName(99) != "unknown" {
		t.Errorf("SectionName(10), (99) = %q, %q", SectionName(10), SectionName(99))
	}
}
