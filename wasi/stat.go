package wasi

import (
	"hash/fnv"

	"github.com/hack-pad/hackpadfs"
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

// statOf describes the file at namespace path p. Device, inode, link count
// and the three times come from the host when the filesystem is the host's;
// otherwise the inode is a hash of the path (stable while the file keeps
// its name, which is what os.SameFile-style checks need), the device is 0
// and all three times are the modification time.
func (s *System) statOf(p string, info hackpadfs.FileInfo) filestat {
	st := filestat{
		filetype: filetypeOf(info.Mode()),
		nlink:    1,
		size:     uint64(info.Size()),
		mtim:     uint64(info.ModTime().UnixNano()),
	}
	st.atim, st.ctim = st.mtim, st.mtim
	st.ino = s.inode(p, info)
	if h, ok := hostStat(info); ok {
		st.dev, st.ino, st.nlink, st.atim, st.ctim = h.dev, h.ino, h.nlink, h.atim, h.ctim
	}
	return st
}

// inode returns the host's inode for info when there is one, else a hash of
// the path.
func (s *System) inode(p string, info hackpadfs.FileInfo) uint64 {
	if info != nil {
		if h, ok := hostStat(info); ok {
			return h.ino
		}
	}
	f := fnv.New64a()
	f.Write([]byte(p))
	return f.Sum64()
}

func filetypeOf(mode hackpadfs.FileMode) uint8 {
	switch {
	case mode.IsRegular():
		return FiletypeRegularFile
	case mode&hackpadfs.ModeDir != 0:
		return FiletypeDirectory
	case mode&hackpadfs.ModeSymlink != 0:
		return FiletypeSymbolicLink
	case mode&hackpadfs.ModeCharDevice != 0:
		return FiletypeCharacterDevice
	case mode&hackpadfs.ModeDevice != 0:
		return FiletypeBlockDevice
	case mode&hackpadfs.ModeSocket != 0:
		return FiletypeSocketStream
	}
	return FiletypeUnknown
}
