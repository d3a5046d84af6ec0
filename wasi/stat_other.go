//go:build !linux

package wasi

import "io/fs"

type hostInfo struct{ dev, ino, nlink, atim, ctim uint64 }

// hostStat has nothing beyond io/fs.FileInfo to offer off Linux (the
// browser's filesystems are hackpadfs's own).
func hostStat(fs.FileInfo) (hostInfo, bool) { return hostInfo{}, false }
