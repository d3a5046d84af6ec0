package debuginfo

import "github.com/wasmscope/wasmscope/vm"

// EngineFrame returns the State of a frame of a paused engine execution
// (one of Execution.Frames): its locals and operand stack, and the globals
// and memory 0 of its instance. It reads them as they are when called; a
// frame read after the execution moved on is stale.
func EngineFrame(fi vm.FrameInfo) State { return engineFrame(fi) }

type engineFrame vm.FrameInfo

func (f engineFrame) Local(i uint32) (uint64, bool) {
	if int(i) >= len(f.Locals) {
		return 0, false
	}
	return f.Locals[i].Lo, true
}

func (f engineFrame) Global(i uint32) (uint64, bool) {
	if f.Inst == nil || int(i) >= len(f.Inst.Globals) {
		return 0, false
	}
	return f.Inst.Globals[i].Lo, true
}

func (f engineFrame) Operand(i uint32) (uint64, bool) {
	if int(i) >= len(f.Stack) {
		return 0, false
	}
	return f.Stack[i].Lo, true
}

func (f engineFrame) ReadMemory(a uint64, dst []byte) bool {
	if f.Inst == nil || len(f.Inst.Mems) == 0 {
		return false
	}
	m := f.Inst.Mems[0].Data
	if a > uint64(len(m)) || uint64(len(dst)) > uint64(len(m))-a {
		return false
	}
	copy(dst, m[a:])
	return true
}
