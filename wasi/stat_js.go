package wasi

import (
	"io/fs"
	"syscall"
)

type hostInfo struct{ dev, ino, nlink, atim, ctim uint64 }

// hostStat reads what Node's stat (through Go's js/wasm syscall layer) says
// beyond io/fs.FileInfo, for host folders mounted by the CLI under Node.
func hostStat(info fs.FileInfo) (hostInfo, bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return hostInfo{}, false
	}
	return hostInfo{
		dev:   uint64(st.Dev),
		ino:   st.Ino,
		nlink: uint64(st.Nlink),
		atim:  uint64(st.Atime*1e9 + st.AtimeNsec),
		ctim:  uint64(st.Ctime*1e9 + st.CtimeNsec),
	}, true
}
