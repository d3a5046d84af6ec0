package syntax

import "testing"

func TestValTypeString(t *testing.T) {
	tests := []struct {
		t    ValType
		want string
	}{
		{I32, "i32"},
		{V128, "v128"},
		{FuncRef, "funcref"},
		{ExternRef, "externref"},
		{RefType(true, HeapNone), "nullref"},
		{RefType(true, HeapNoFunc), "nullfuncref"},
		{RefType(true, HeapNoExtern), "nullexternref"},
		{RefType(true, HeapNoExn), "nullexnref"},
		{RefType(false, HeapFunc), "(ref func)"},
		{RefType(true, 3), "(ref null 3)"},
		{RefType(false, 7), "(ref 7)"},
	}
	for _, tt := range tests {
		if got := tt.t.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.t, got, tt.want)
		}
	}
}

func TestLookupPrefersPlainForm(t *testing.T) {
	for name, want := range map[string]Op{"select": OpSelect, "ref.test": OpRefTest, "ref.cast": OpRefCast, "i32.add": OpI32Add} {
		info, ok := Lookup(name)
		if !ok || info.Op != want {
			t.Errorf("Lookup(%q) = %v, %v; want %v", name, info.Op, ok, want)
		}
	}
	if OpMemoryInit.Prefix() != PrefixMisc || OpMemoryInit.Sub() != 8 {
		t.Errorf("memory.init prefix/sub = %#x/%d", OpMemoryInit.Prefix(), OpMemoryInit.Sub())
	}
}
