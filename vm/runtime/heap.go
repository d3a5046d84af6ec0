package runtime

import "strconv"

// Reference slot values. A reference is one uint64 slot, 0 for null (see
// the package documentation). Functions and host values are small
// positive numbers (their store address plus one); the two top bits mark
// the references of Wasm 3.0's any and exn hierarchies:
//
//   - RefI31 | v: an i31 (v is the 31-bit value), unboxed;
//   - RefObj | h: a heap object (struct, array, exception), h its index in
//     the store's object table.
//
// An externref made from an anyref (extern.convert_any) and the other way
// round keep the same slot value, so a value converted there and back is
// the same value, as the specification requires.
const (
	RefI31 uint64 = 1 << 62
	RefObj uint64 = 1 << 63
)

// I31Ref is the slot value of i31 v (its low 31 bits).
func I31Ref(v uint32) uint64 { return RefI31 | uint64(v&0x7fffffff) }

// IsI31 reports whether slot value r is an i31.
func IsI31(r uint64) bool { return r&(RefI31|RefObj) == RefI31 }

// IsObj reports whether slot value r is a heap object.
func IsObj(r uint64) bool { return r&RefObj != 0 }

// header is what every heap object carries: its slot value while it has
// one.
type header struct {
	handle uint64
	epoch  uint32 // the collection that last reached it
	// Serial numbers the store's objects in allocation order: traces
	// and the debugger tell objects apart by it.
	Serial uint64
	// size is what the object was charged to the budget (0: nothing, as
	// for an exception a host function made).
	size int64
}

func (h *header) hdr() *header { return h }

// Object is a heap object: *Struct, *Array or *Exception.
type Object interface {
	hdr() *header
}

// Ref returns the slot value of o, giving it a place in the object table
// if it has none (it was handed out to the host and later collected from
// the table, or it is new).
func (s *Store) Ref(o Object) uint64 {
	h := o.hdr()
	if h.handle != 0 {
		if i := h.handle &^ RefObj; i < uint64(len(s.objs)) && s.objs[i] == o {
			return h.handle
		}
	}
	var i int
	if n := len(s.free); n > 0 {
		i = int(s.free[n-1])
		s.free = s.free[:n-1]
		s.objs[i] = o
	} else {
		i = len(s.objs)
		s.objs = append(s.objs, o)
	}
	h.handle = RefObj | uint64(i)
	return h.handle
}

// Obj returns the heap object slot value r refers to, or nil.
func (s *Store) Obj(r uint64) Object {
	if !IsObj(r) {
		return nil
	}
	i := r &^ RefObj
	if i >= uint64(len(s.objs)) {
		return nil
	}
	return s.objs[i]
}

// Exn returns the exception exnref slot value r refers to, or nil.
func (s *Store) Exn(r uint64) *Exception {
	x, _ := s.Obj(r).(*Exception)
	return x
}

// Fields are the values of a struct's fields, an array's elements or an
// exception's payload: slot values, except that a reference to a heap
// object is kept as the Go pointer (Obj[i], with Num[i] 0) rather than as
// its table index. Objects thus reach each other the way Go's collector
// sees, and the object table only has to hold what the value stacks,
// globals and tables refer to (see Store.Collect).
type Fields struct {
	Num []uint64
	Obj []Object // nil when no field can hold an object
}

// Get returns field i as a slot value.
func (f *Fields) Get(s *Store, i int) uint64 {
	if f.Obj != nil && f.Obj[i] != nil {
		return s.Ref(f.Obj[i])
	}
	return f.Num[i]
}

// Set stores slot value v in field i.
func (f *Fields) Set(s *Store, i int, v uint64) {
	if IsObj(v) {
		f.Obj[i] = s.Obj(v)
		f.Num[i] = 0
		return
	}
	if f.Obj != nil {
		f.Obj[i] = nil
	}
	f.Num[i] = v
}

// NewFields returns n zero fields; refs says whether any may hold an
// object.
func NewFields(n int, refs bool) Fields {
	f := Fields{Num: make([]uint64, n)}
	if refs {
		f.Obj = make([]Object, n)
	}
	return f
}

// Struct is a struct object: its canonical type (ID and definition) and
// its fields (packed fields hold their value zero-extended).
type Struct struct {
	header
	Type uint32
	Def  *CType
	Fields
}

// Array is an array object: its canonical type and its elements.
type Array struct {
	header
	Type uint32
	Def  *CType
	Fields
}

// String shows the struct as traces do: ref.struct $point#12 (its type's
// name, else its canonical type ID, and its serial number).
func (o *Struct) String() string {
	return "ref.struct " + o.Def.name(o.Type) + "#" + strconv.FormatUint(o.Serial, 10)
}

// String shows the array as traces do: ref.array $bytes#3[16] (with its
// length).
func (o *Array) String() string {
	return "ref.array " + o.Def.name(o.Type) + "#" + strconv.FormatUint(o.Serial, 10) +
		"[" + strconv.Itoa(len(o.Num)/max(o.Def.slots, 1)) + "]"
}
