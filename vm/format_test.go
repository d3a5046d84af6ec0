package vm

import (
	"errors"
	"math"
	"testing"

	"github.com/wasmscope/wasmscope/vm/syntax"
)

func TestFormatFloat(t *testing.T) {
	tests := []struct {
		bits uint64
		is64 bool
		want string
	}{
		{0x3f800000, false, "1"},
		{0x7fc00000, false, "nan"},
		{0x7f800001, false, "nan:0x1"},
		{0xff800000, false, "-inf"},
		{0x3fb999999999999a, true, "0.1"},
		{0xfff8000000000000, true, "-nan"},
	}
	for _, tt := range tests {
		var got string
		if tt.is64 {
			got = FormatF64(tt.bits)
		} else {
			got = FormatF32(uint32(tt.bits))
		}
		if got != tt.want {
			t.Errorf("%#x: %q, want %q", tt.bits, got, tt.want)
		}
	}
}

// TestFuncLabel checks the one label rule, and that function instances
// and a trap's stack carry the same label as FuncLabel.
func TestFuncLabel(t *testing.T) {
	// $$dollar and $$$twice are the text format's ids "$dollar" and
	// "$$twice": the name section holds them with their $.
	const src = `(module
	  (memory (export "mem") 1)
	  (func unreachable)
	  (func $named (export "exp1") unreachable)
	  (func $$dollar unreachable)
	  (func $$$twice unreachable)
	  (func (export "first") (export "second") unreachable)
	  (func (export "$x") unreachable))`
	tests := []struct {
		name string
		fn   uint32
		want string
	}{
		{"neither (a memory exported under the same index)", 0, "func[0]"},
		{"name section wins over export", 1, "$named"},
		{"name already with $", 2, "$dollar"},
		{"never a doubled $", 3, "$twice"},
		{"first export name", 4, "$first"},
		{"export name with $", 5, "$x"},
	}
	mod, err := CompileText([]byte(src), "labels.wat")
	if err != nil {
		t.Fatal(err)
	}
	store := NewStore(Config{})
	inst, err := store.Instantiate(mod)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FuncLabel(mod.Syntax(), tt.fn); got != tt.want {
				t.Errorf("FuncLabel(%d) = %q, want %q", tt.fn, got, tt.want)
			}
			f := inst.Runtime().Funcs[tt.fn]
			if f.Name != tt.want {
				t.Errorf("function instance %d is named %q, want %q", tt.fn, f.Name, tt.want)
			}
			ex, err := store.CallFunc(f)
			if err != nil {
				t.Fatal(err)
			}
			_, err = ex.Run(-1)
			var trap *Trap
			if !errors.As(err, &trap) || len(trap.Stack) != 1 || trap.Stack[0].Name != tt.want {
				t.Errorf("trap %v: want one frame named %q", err, tt.want)
			}
		})
	}
}

// TestFormatValue: FormatValue and AppendValue (the traces' form) agree
// for every kind of value.
func TestFormatValue(t *testing.T) {
	tests := []struct {
		name string
		v    Value
		want string
	}{
		{"i32", I32(-1), "-1"},
		{"i64", I64(1 << 40), "1099511627776"},
		{"f32 nan payload", Value{Type: syntax.F32, Lo: 0xffa00000}, "-nan:0x200000"},
		{"f64 inf", F64(math.Inf(-1)), "-inf"},
		{"f64", F64(0.5), "0.5"},
		{"v128", V128(1, 1<<63), "i64x2 1 -9223372036854775808"},
		{"null", Value{Type: syntax.ValType{Kind: syntax.KindRef}}, "ref.null"},
		{"extern", Value{Type: syntax.ValType{Kind: syntax.KindRef}, Ref: 7}, "ref.extern 7"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FormatValue(tt.v); got != tt.want {
				t.Errorf("FormatValue = %q, want %q", got, tt.want)
			}
			if got := string(AppendValue([]byte("x="), tt.v)); got != "x="+tt.want {
				t.Errorf("AppendValue = %q, want %q", got, "x="+tt.want)
			}
		})
	}
}

// TestTagLabel: a tag is labelled as functions are: one $ even when the
// name section holds the text's id with its $.
func TestTagLabel(t *testing.T) {
	mod, err := CompileText([]byte(`(module (tag $$$t) (func (export "f") (throw $$$t)))`), "tag.wat")
	if err != nil {
		t.Fatal(err)
	}
	inst, err := NewStore(Config{}).Instantiate(mod)
	if err != nil {
		t.Fatal(err)
	}
	_, err = inst.Invoke("f")
	var exn *Exception
	if !errors.As(err, &exn) || exn.AsTrap().Msg != "uncaught exception: tag $t" {
		t.Errorf("error %v, want an uncaught exception of tag $t", err)
	}
}

func TestSlotLabel(t *testing.T) {
	tests := []struct {
		name  string
		label string
		i     int
		want  string
	}{
		{"no name: the index", "", 3, "3"},
		{"name without $", "n", 0, "$n"},
		{"name with $", "$n", 0, "$n"},
		{"never a doubled $", "$$n", 1, "$n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SlotLabel(tt.label, tt.i); got != tt.want {
				t.Errorf("SlotLabel(%q, %d) = %q, want %q", tt.label, tt.i, got, tt.want)
			}
		})
	}
}
