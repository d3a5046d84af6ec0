package numeric

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/wasmscope/wasmscope/vm/internal/spectest"
	"github.com/wasmscope/wasmscope/vm/syntax"
)

// The spec cross-check runs the assertions of the spec suite's numeric
// scripts whose exported function is a single instruction applied to its
// parameters (or constants): (func (export "x") (param …) (result …)
// (OP (local.get 0) …)). Those assertions test one operation in isolation,
// and this package is where that operation's semantics live. Assertions on
// other functions (several instructions, memory, control) are counted as
// out of scope, not failures: the script runner covers them.

// specFiles lists the scripts, each with the number of assertions it
// yields here (at least), so that a parsing regression cannot pass silently.
// wasm-3.0/i32x4_relaxed_trunc.wast is absent: it holds no assertions; the
// relaxed truncations are trunc_sat and the unit tests check them as such.
var specFiles = []struct {
	path string
	min  int
}{
	{"wasm-2.0/i32.wast", 374},
	{"wasm-2.0/i64.wast", 384},
	{"wasm-2.0/f32.wast", 2500},
	{"wasm-2.0/f64.wast", 2500},
	{"wasm-2.0/f32_bitwise.wast", 360},
	{"wasm-2.0/f64_bitwise.wast", 360},
	{"wasm-2.0/f32_cmp.wast", 2400},
	{"wasm-2.0/f64_cmp.wast", 2400},
	{"wasm-2.0/conversions.wast", 593},
	{"wasm-2.0/float_misc.wast", 470},
	{"wasm-2.0/simd_bit_shift.wast", 187},
	{"wasm-2.0/simd_bitwise.wast", 126},
	{"wasm-2.0/simd_boolean.wast", 217},
	{"wasm-2.0/simd_conversions.wast", 232},
	{"wasm-2.0/simd_f32x4.wast", 772},
	{"wasm-2.0/simd_f32x4_arith.wast", 1803},
	{"wasm-2.0/simd_f32x4_cmp.wast", 2568},
	{"wasm-2.0/simd_f32x4_pmin_pmax.wast", 3872},
	{"wasm-2.0/simd_f32x4_rounding.wast", 176},
	{"wasm-2.0/simd_f64x2.wast", 793},
	{"wasm-2.0/simd_f64x2_arith.wast", 1806},
	{"wasm-2.0/simd_f64x2_cmp.wast", 2646},
	{"wasm-2.0/simd_f64x2_pmin_pmax.wast", 3872},
	{"wasm-2.0/simd_f64x2_rounding.wast", 176},
	{"wasm-2.0/simd_i16x8_arith.wast", 181},
	{"wasm-2.0/simd_i16x8_arith2.wast", 151},
	{"wasm-2.0/simd_i16x8_cmp.wast", 420},
	{"wasm-2.0/simd_i16x8_extadd_pairwise_i8x16.wast", 16},
	{"wasm-2.0/simd_i16x8_extmul_i8x16.wast", 104},
	{"wasm-2.0/simd_i16x8_q15mulr_sat_s.wast", 26},
	{"wasm-2.0/simd_i16x8_sat_arith.wast", 204},
	{"wasm-2.0/simd_i32x4_arith.wast", 181},
	{"wasm-2.0/simd_i32x4_arith2.wast", 121},
	{"wasm-2.0/simd_i32x4_cmp.wast", 420},
	{"wasm-2.0/simd_i32x4_dot_i16x8.wast", 28},
	{"wasm-2.0/simd_i32x4_extadd_pairwise_i16x8.wast", 16},
	{"wasm-2.0/simd_i32x4_extmul_i16x8.wast", 104},
	{"wasm-2.0/simd_i32x4_trunc_sat_f32x4.wast", 102},
	{"wasm-2.0/simd_i32x4_trunc_sat_f64x2.wast", 102},
	{"wasm-2.0/simd_i64x2_arith.wast", 187},
	{"wasm-2.0/simd_i64x2_arith2.wast", 21},
	{"wasm-2.0/simd_i64x2_cmp.wast", 102},
	{"wasm-2.0/simd_i64x2_extmul_i32x4.wast", 104},
	{"wasm-2.0/simd_i8x16_arith.wast", 121},
	{"wasm-2.0/simd_i8x16_arith2.wast", 184},
	{"wasm-2.0/simd_i8x16_cmp.wast", 400},
	{"wasm-2.0/simd_i8x16_sat_arith.wast", 188},
	{"wasm-2.0/simd_int_to_int_extend.wast", 228},
	{"wasm-2.0/simd_lane.wast", 260},
	{"wasm-2.0/simd_splat.wast", 145},
	{"wasm-3.0/i16x8_relaxed_q15mulr_s.wast", 2},
	{"wasm-3.0/i8x16_relaxed_swizzle.wast", 5},
	{"wasm-3.0/relaxed_dot_product.wast", 10},
	{"wasm-3.0/relaxed_laneselect.wast", 11},
	{"wasm-3.0/relaxed_madd_nmadd.wast", 17},
	{"wasm-3.0/relaxed_min_max.wast", 24},
}

func TestSpecNumerics(t *testing.T) {
	// specFiles name scripts of both versions, relative to the suite's root.
	dir := filepath.Dir(spectest.Dir(t, "wasm-2.0"))
	exercised := map[syntax.Op]bool{}
	total := 0
	for _, f := range specFiles {
		t.Run(strings.TrimSuffix(filepath.Base(f.path), ".wast"), func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join(dir, f.path))
			if err != nil {
				t.Fatal(err)
			}
			r := &specRun{t: t, file: f.path, exercised: exercised}
			if err := r.run(string(src)); err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: %d assertions checked, %d out of scope", f.path, r.checked, r.outOfScope)
			if r.checked < f.min {
				t.Errorf("%s: only %d assertions checked, want at least %d", f.path, r.checked, f.min)
			}
			total += r.checked
		})
	}
	t.Logf("%d assertions checked in all", total)

	// Every SIMD table op must have been checked against the suite, except
	// the extending loads (whose scripts go through memory) and the relaxed
	// truncations (whose script has no assertions), which the unit tests
	// check.
	for _, op := range []syntax.Op{
		syntax.OpI32x4RelaxedTruncF32x4S, syntax.OpI32x4RelaxedTruncF32x4U,
		syntax.OpI32x4RelaxedTruncF64x2SZero, syntax.OpI32x4RelaxedTruncF64x2UZero,
	} {
		exercised[op] = true
	}
	var missing []string
	for _, tbl := range []map[syntax.Op]bool{
		keys(V128Unary), keys(V128Binary), keys(V128Ternary), keys(V128Shift), keys(V128Test),
		keys(V128Splat), keys(V128Extract), keys(V128Replace),
	} {
		for op := range tbl {
			if !exercised[op] {
				missing = append(missing, op.String())
			}
		}
	}
	if !exercised[syntax.OpI8x16Shuffle] {
		missing = append(missing, "i8x16.shuffle")
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("SIMD ops with no spec assertion checked: %v", missing)
	}
}

func keys[F any](m map[syntax.Op]F) map[syntax.Op]bool {
	k := make(map[syntax.Op]bool, len(m))
	for op := range m {
		k[op] = true
	}
	return k
}

// call is a folded instruction: the op, its immediates and its operands.
type call struct {
	op       syntax.Op
	imm      []uint64 // lane index, or the 16 shuffle lanes
	result   string   // the result type
	operands []operand
}

// operand is a parameter, a constant or a nested instruction.
type operand struct {
	param int // index into the arguments, or -1
	val   value
	sub   *call
}

type specRun struct {
	t          *testing.T
	file       string
	funcs      map[string]*call
	checked    int
	outOfScope int
	exercised  map[syntax.Op]bool
}

func (r *specRun) run(src string) error {
	cmds, err := parseSexps(src)
	if err != nil {
		return fmt.Errorf("%s: %v", r.file, err)
	}
	for _, c := range cmds {
		switch c.head() {
		case "module":
			r.funcs = map[string]*call{}
			for _, f := range c.list[1:] {
				if f.head() == "func" {
					r.addFunc(f)
				}
			}
		case "assert_return":
			r.assertReturn(c)
		case "assert_trap":
			r.assertTrap(c)
		}
	}
	return nil
}

// addFunc records f if it is exported and its body is one folded
// expression built only of numeric instructions, parameters and constants.
func (r *specRun) addFunc(f *sexp) {
	var name string
	var params []string
	names := map[string]int{}
	var body []*sexp
	for _, e := range f.list[1:] {
		switch e.head() {
		case "export":
			if len(e.list) == 2 && e.list[1].str {
				name = e.list[1].atom
			}
		case "param":
			for _, p := range e.list[1:] {
				if strings.HasPrefix(p.atom, "$") {
					names[p.atom] = len(params)
					continue
				}
				params = append(params, p.atom)
			}
		case "result":
		default:
			body = append(body, e)
		}
	}
	if name == "" || len(body) != 1 {
		return
	}
	if cl := parseCall(body[0], names); cl != nil {
		r.funcs[name] = cl
	}
}

// parseCall reads a folded instruction (OP imm… operand…), or returns nil
// when it is anything else.
func parseCall(e *sexp, names map[string]int) *call {
	info, ok := syntax.Lookup(e.head())
	if !ok {
		return nil
	}
	_, res, _ := strings.Cut(info.Sig, ">")
	cl := &call{op: info.Op, result: sigTypes[res]}
	rest := e.list[1:]
	nimm := map[syntax.Imm]int{syntax.ImmNone: 0, syntax.ImmLane: 1, syntax.ImmShuffle: 16}
	n, ok := nimm[info.Imm]
	if !ok || cl.result == "" || len(rest) < n {
		return nil
	}
	for _, a := range rest[:n] {
		v, err := parseInt(a.atom, 8)
		if err != nil || a.isList {
			return nil
		}
		cl.imm = append(cl.imm, v)
	}
	for _, a := range rest[n:] {
		switch h := a.head(); {
		case h == "local.get" && len(a.list) == 2:
			idx, isName := names[a.list[1].atom]
			if !isName {
				v, err := parseInt(a.list[1].atom, 32)
				if err != nil {
					return nil
				}
				idx = int(v)
			}
			cl.operands = append(cl.operands, operand{param: idx})
		case strings.HasSuffix(h, ".const"):
			v, err := parseConst(a)
			if err != nil {
				return nil
			}
			cl.operands = append(cl.operands, operand{param: -1, val: v})
		default:
			sub := parseCall(a, names)
			if sub == nil {
				return nil
			}
			cl.operands = append(cl.operands, operand{param: -1, sub: sub})
		}
	}
	return cl
}

var sigTypes = map[string]string{"i": "i32", "I": "i64", "f": "f32", "F": "f64", "v": "v128"}

// invocation resolves (invoke "name" args…) to its call and arguments, or
// nil when the function is out of scope.
func (r *specRun) invocation(inv *sexp) (*call, []value, error) {
	if inv.head() != "invoke" {
		return nil, nil, nil
	}
	args := inv.list[1:]
	if len(args) > 0 && strings.HasPrefix(args[0].atom, "$") {
		return nil, nil, nil // a named module other than the current one
	}
	if len(args) == 0 || !args[0].str {
		return nil, nil, fmt.Errorf("line %d: invoke without a name", inv.line)
	}
	cl := r.funcs[args[0].atom]
	if cl == nil {
		return nil, nil, nil
	}
	var vals []value
	for _, a := range args[1:] {
		v, err := parseConst(a)
		if err != nil {
			return nil, nil, err
		}
		vals = append(vals, v)
	}
	return cl, vals, nil
}

func (r *specRun) assertReturn(c *sexp) {
	if len(c.list) < 2 {
		return
	}
	cl, args, err := r.invocation(c.list[1])
	if err != nil {
		r.t.Errorf("%s: %v", r.file, err)
		return
	}
	if cl == nil {
		r.outOfScope++
		return
	}
	// Each expected result is a constant, or (either …) of alternatives.
	var want [][]value
	for _, e := range c.list[2:] {
		alts := []*sexp{e}
		if e.head() == "either" {
			alts = e.list[1:]
		}
		var vs []value
		for _, a := range alts {
			v, err := parseConst(a)
			if err != nil {
				r.outOfScope++ // reference results and the like
				return
			}
			vs = append(vs, v)
		}
		want = append(want, vs)
	}
	got, err := eval(cl, args)
	if err != nil {
		r.t.Errorf("%s:%d: %s%v: unexpected %v", r.file, c.line, cl.op, args, err)
		return
	}
	r.checked++
	r.exercised[cl.op] = true
	if len(want) != 1 {
		r.t.Errorf("%s:%d: %d results expected; single ops have one", r.file, c.line, len(want))
		return
	}
	for _, w := range want[0] {
		if w.matches(got) {
			return
		}
	}
	r.t.Errorf("%s:%d: %s%v = %v, want %v", r.file, c.line, cl.op, args, got, want[0])
}

func (r *specRun) assertTrap(c *sexp) {
	if len(c.list) != 3 || !c.list[2].str {
		return
	}
	cl, args, err := r.invocation(c.list[1])
	if err != nil {
		r.t.Errorf("%s: %v", r.file, err)
		return
	}
	if cl == nil {
		r.outOfScope++
		return
	}
	r.checked++
	r.exercised[cl.op] = true
	got, err := eval(cl, args)
	if err == nil || !strings.HasPrefix(err.Error(), c.list[2].atom) {
		r.t.Errorf("%s:%d: %s%v = %v, %v; want trap %q", r.file, c.line, cl.op, args, got, err, c.list[2].atom)
	}
}

// eval computes the operands of cl from the function's arguments, then
// applies the op.
func eval(cl *call, params []value) (value, error) {
	args := make([]value, len(cl.operands))
	for i, o := range cl.operands {
		switch {
		case o.sub != nil:
			v, err := eval(o.sub, params)
			if err != nil {
				return value{}, err
			}
			args[i] = v
		case o.param < 0:
			args[i] = o.val
		case o.param < len(params):
			args[i] = params[o.param]
		default:
			return value{}, fmt.Errorf("%d arguments for parameter %d", len(params), o.param)
		}
	}
	return evalOp(cl, args)
}

// evalOp applies the call's op to its operands through this package: the
// SIMD tables, or the scalar table of scalar_spec_test.go.
func evalOp(cl *call, args []value) (value, error) {
	op, result := cl.op, cl.result
	vec := func(v V128) (value, error) { return value{typ: "v128", lo: v.Lo, hi: v.Hi}, nil }
	v := func(i int) V128 { return V128{args[i].lo, args[i].hi} }
	switch {
	case op == syntax.OpI8x16Shuffle:
		var lanes [16]uint8
		for i, l := range cl.imm {
			lanes[i] = uint8(l)
		}
		return vec(I8x16Shuffle(v(0), v(1), FromBytes(lanes)))
	case V128Unary[op] != nil:
		return vec(V128Unary[op](v(0)))
	case V128Binary[op] != nil:
		return vec(V128Binary[op](v(0), v(1)))
	case V128Ternary[op] != nil:
		return vec(V128Ternary[op](v(0), v(1), v(2)))
	case V128Shift[op] != nil:
		return vec(V128Shift[op](v(0), uint32(args[1].lo)))
	case V128Test[op] != nil:
		return value{typ: "i32", lo: uint64(V128Test[op](v(0)))}, nil
	case V128Splat[op] != nil:
		return vec(V128Splat[op](args[0].lo))
	case V128Extract[op] != nil:
		return value{typ: result, lo: V128Extract[op](v(0), uint8(cl.imm[0]))}, nil
	case V128Replace[op] != nil:
		return vec(V128Replace[op](v(0), uint8(cl.imm[0]), args[1].lo))
	}
	f, ok := scalarOps[op]
	if !ok {
		return value{}, fmt.Errorf("no evaluator for %s", op)
	}
	in := make([]uint64, len(args))
	for i, a := range args {
		in[i] = a.lo
	}
	out, err := f(in)
	if err != nil {
		return value{}, err
	}
	if result == "i32" || result == "f32" {
		out &= math.MaxUint32
	}
	return value{typ: result, lo: out}, nil
}
