//go:build !linux && !js

package wasi

import "io/fs"

type hostInfo struct{ dev, ino, nlink, atim, ctim uint64 }

// hostStat has nothing beyond io/fs.FileInfo to offer on other systems.
func hostStat(fs.FileInfo) (hostInfo, bool) { return hostInfo{}, false }
