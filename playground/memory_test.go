package playground

import (
	"reflect"
	"testing"
)

func TestHexRows(t *testing.T) {
	mem := make([]byte, 40)
	copy(mem, "Hello, World!\n")
	written := Ranges{{0, 2}, {17, 18}}
	rows := HexRows(mem, 5, 10, written)
	if len(rows) != 3 {
		t.Fatalf("%d rows, want 3 (40 bytes)", len(rows))
	}
	tests := []struct {
		row     int
		text    string
		written uint16
	}{
		{0, "00000000  48 65 6c 6c 6f 2c 20 57  6f 72 6c 64 21 0a 00 00  |Hello, World!...|", 0b11},
		{1, "00000010  00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|", 0b10},
		{2, "00000020  00 00 00 00 00 00 00 00                           |........|", 0},
	}
	for _, tt := range tests {
		if got := rows[tt.row].String(); got != tt.text {
			t.Errorf("row %d:\n got %q\nwant %q", tt.row, got, tt.text)
		}
		if got := rows[tt.row].Written; got != tt.written {
			t.Errorf("row %d written = %b, want %b", tt.row, got, tt.written)
		}
	}
	if rows := HexRows(mem, 1000, 4, nil); len(rows) != 0 {
		t.Errorf("rows past the end: %v", rows)
	}
}

func TestDiff(t *testing.T) {
	tests := []struct {
		name          string
		before, after []byte
		want          Ranges
	}{
		{"same", []byte("abcdefghijklmnop"), []byte("abcdefghijklmnop"), nil},
		{"one byte", []byte("abcdefghijklmnop"), []byte("abcdefghijkXmnop"), Ranges{{11, 12}}},
		{"two spans", []byte("abcdefghijklmnop"), []byte("Xbcdefghijklmn12"), Ranges{{0, 1}, {14, 16}}},
		{"grown, zeros not written", []byte("ab"), []byte{'a', 'b', 0, 0, 7, 0}, Ranges{{4, 5}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Diff(tt.before, tt.after); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Diff = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestInspectValue(t *testing.T) {
	mem := []byte{0xff, 0xff, 0xff, 0xff, 0, 0, 0x80, 0x3f, 0, 0, 0, 0}
	want := map[string]string{
		"i8": "-1", "u8": "255 (0xff)", "i16": "-1", "u16": "65535 (0xffff)",
		"i32": "-1", "u32": "4294967295 (0xffffffff)",
		"i64": "4575657225703391231", "f32": "-nan:0x7fffff",
	}
	for _, f := range InspectValue(mem, 0) {
		if w, ok := want[f.Type]; ok && f.Value != w {
			t.Errorf("%s = %q, want %q", f.Type, f.Value, w)
		}
	}
	at4 := map[string]string{"f32": "1", "i64": "1065353216", "f64": "5.263544247e-315"}
	for _, f := range InspectValue(mem[:12], 4) {
		if w, ok := at4[f.Type]; ok && f.Value != w {
			t.Errorf("at 4: %s = %q, want %q", f.Type, f.Value, w)
		}
	}
	at8 := map[string]string{"i32": "0", "f64": "out of bounds", "i64": "out of bounds"}
	for _, f := range InspectValue(mem, 8) {
		if w, ok := at8[f.Type]; ok && f.Value != w {
			t.Errorf("at 8: %s = %q, want %q", f.Type, f.Value, w)
		}
	}
	for _, f := range InspectValue(mem, 12) {
		if f.Value != "out of bounds" {
			t.Errorf("at the end: %s = %q", f.Type, f.Value)
		}
	}
}
