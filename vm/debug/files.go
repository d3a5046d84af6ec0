package debug

import (
	"io"
	"io/fs"
	"sort"
	"time"

	"github.com/hack-pad/hackpadfs"
)

// File is one entry of the filesystem a program sees, as it was at some
// point of the run (Recorder.Files).
type File struct {
	Path string // guest path without the leading slash
	Mode fs.FileMode
	Data []byte // a regular file's contents (shared between versions: read only)
	// mtime and size say whether a later version must read the file again.
	mtime time.Time
}

// files is the filesystem at one point, sorted by path.
type files []File

// TrackFiles makes r keep the filesystem fsys as it is after each host
// call that changed it (changed moved: wasi.System.FilesChanged), so
// Files tells what the program's files were at any point the debugger
// goes back to: a replayed call does not reach the filesystem, which stays
// as the furthest point of the run left it.
//
// Each version re-reads only the files whose size, time or mode changed,
// and shares the others' contents with the version before; a program that
// writes a large file in many small writes still costs the file's size
// per write.
func (r *Recorder) TrackFiles(fsys hackpadfs.FS, changed func() uint64) {
	r.fsys, r.changed = fsys, changed
	r.gen = changed()
	r.files0 = readFiles(fsys, nil)
}

// filesAfter updates the record after a live call (see TrackFiles).
func (r *Recorder) filesAfter(h *hostCall) {
	if r.changed == nil {
		return
	}
	if g := r.changed(); g != r.gen {
		r.gen = g
		h.files = readFiles(r.fsys, r.latestFiles(len(r.calls)))
		h.hasFiles = true
		for _, f := range h.files {
			r.bytes += 64 + len(f.Path)
		}
	}
}

// latestFiles is the filesystem after the first n recorded calls.
func (r *Recorder) latestFiles(n int) files {
	for i := n - 1; i >= 0; i-- {
		if r.calls[i].hasFiles {
			return r.calls[i].files
		}
	}
	return r.files0
}

// Files returns the program's files (directories and links included) as
// they were at the point the debugger stands at, sorted by path; nil
// unless TrackFiles was called.
func (r *Recorder) Files() []File { return r.latestFiles(r.next) }

// readFiles reads fsys, sharing prev's contents where a file's size, time
// and mode are prev's.
func readFiles(fsys hackpadfs.FS, prev files) files {
	old := make(map[string]*File, len(prev))
	for i := range prev {
		old[prev[i].Path] = &prev[i]
	}
	var out files
	_ = hackpadfs.WalkDir(fsys, ".", func(p string, d hackpadfs.DirEntry, err error) error {
		if err != nil || p == "." {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil
		}
		f := File{Path: p, Mode: info.Mode(), mtime: info.ModTime()}
		if info.Mode().IsRegular() {
			if o := old[p]; o != nil && o.Mode == f.Mode && o.mtime.Equal(f.mtime) && int64(len(o.Data)) == info.Size() {
				f.Data = o.Data
			} else if fh, err := fsys.Open(p); err == nil {
				f.Data, _ = io.ReadAll(fh)
				fh.Close()
			}
		}
		out = append(out, f)
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}
