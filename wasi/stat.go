package wasi

import (
	"io/fs"
)

// filestat is witx `filestat`.
type filestat struct {
	dev, ino         uint64
	filetype         uint8
	nlink, size      uint64
	atim, mtim, ctim uint64
}

func (st filestat) put(m *memory, p uint32) {
	m.put64(p, st.dev)
	m.put64(p+8, st.ino)
	m.put64(p+16, uint64(st.filetype)) // u8 and its padding
	m.put64(p+24, st.nlink)
	m.put64(p+32, st.size)
	m.put64(p+40, st.atim)
	m.put64(p+48, st.mtim)
	m.put64(p+56, st.ctim)
}

// statOf describes a file from its FileInfo. Device, inode, link count and
// the access and change times come from what the filesystem adds in Sys: a
// MemFS's memSys or the host's stat.
func statOf(info fs.FileInfo) filestat {
	st := filestat{
		filetype: filetypeOf(info.Mode()),
		nlink:    1,
		size:     uint64(info.Size()),
		mtim:     uint64(info.ModTime().UnixNano()),
	}
	st.atim, st.ctim = st.mtim, st.mtim
	switch sys := info.Sys().(type) {
	case *memSys:
		st.dev, st.ino, st.nlink = sys.dev, sys.ino, sys.nlink
		st.atim, st.ctim = uint64(sys.atime.UnixNano()), uint64(sys.ctime.UnixNano())
	default:
		if h, ok := hostStat(info); ok {
			st.dev, st.ino, st.nlink, st.atim, st.ctim = h.dev, h.ino, h.nlink, h.atim, h.ctim
		}
	}
	return st
}

// identity is a file's device and inode, which tell two files apart.
func identity(info fs.FileInfo) (dev, ino uint64) {
	st := statOf(info)
	return st.dev, st.ino
}

func filetypeOf(mode fs.FileMode) uint8 {
	switch {
	case mode.IsRegular():
		return FiletypeRegularFile
	case mode&fs.ModeDir != 0:
		return FiletypeDirectory
	case mode&fs.ModeSymlink != 0:
		return FiletypeSymbolicLink
	case mode&fs.ModeCharDevice != 0:
		return FiletypeCharacterDevice
	case mode&fs.ModeDevice != 0:
		return FiletypeBlockDevice
	case mode&fs.ModeSocket != 0:
		return FiletypeSocketStream
	}
	return FiletypeUnknown
}
