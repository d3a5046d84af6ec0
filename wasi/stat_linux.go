package wasi

import (
	"io/fs"
	"syscall"
)

type hostInfo struct{ dev, ino, nlink, atim, ctim uint64 }

// hostStat reads what the host's stat says beyond io/fs.FileInfo.
func hostStat(info fs.FileInfo) (hostInfo, bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return hostInfo{}, false
	}
	return hostInfo{
		dev:   uint64(st.Dev),
		ino:   uint64(st.Ino),
		nlink: uint64(st.Nlink),
		atim:  uint64(st.Atim.Nano()),
		ctim:  uint64(st.Ctim.Nano()),
	}, true
}
