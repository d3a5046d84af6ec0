//go:build js && wasm

package main

// This file keeps the playground's virtual filesystem across reloads, in
// the browser's IndexedDB, when the page's switch says so (off by
// default): the worker side puts the saved files into each run's
// filesystem before it starts and saves the filesystem's files when a run
// ends; the page side is the switch, remembered in localStorage, and the
// "clear" button.
//
// RATIONALE: a run's filesystem is wasi's own in-memory tree (MemFS),
// made afresh for each run from the run configuration's files. Saving
// that tree's files when a run ends and placing them before the next run
// is the simplest correct way to keep it: the program runs over the
// in-memory tree at full speed, with no WASI call waiting on IndexedDB,
// and nothing changes in wasi/ or in the session, which already places
// files before a run. hackpadfs's indexeddb filesystem would instead make
// every read and write of the program an asynchronous IndexedDB
// transaction, and need a second filesystem implementation under WASI for
// the page only. What is kept is what the Files pane lists: regular files
// with their contents (empty directories are not kept).

import (
	"errors"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"github.com/wasmscope/wasmscope/playground"
)

// Where the files are kept: one object store whose keys are guest paths
// ("/out.txt") and values the contents (Uint8Array).
const (
	persistDB    = "wasmscope-files"
	persistStore = "files"
	// persistKey is the localStorage key of the page's switch.
	persistKey = "wasmscope.persistFiles"
)

// idbWait waits for an IndexedDB request (or, with done "complete", a
// transaction) to succeed and returns its result.
func idbWait(req js.Value, done string) (js.Value, error) {
	type result struct {
		v   js.Value
		err error
	}
	ch := make(chan result, 1)
	ok := js.FuncOf(func(js.Value, []js.Value) any {
		if done == "success" {
			ch <- result{v: req.Get("result")}
		} else {
			ch <- result{}
		}
		return nil
	})
	fail := js.FuncOf(func(js.Value, []js.Value) any {
		msg := "failed"
		if e := req.Get("error"); e.Truthy() {
			msg = e.Get("message").String()
		}
		ch <- result{err: errors.New("IndexedDB: " + msg)}
		return nil
	})
	defer ok.Release()
	defer fail.Release()
	req.Set("on"+done, ok)
	req.Set("onerror", fail)
	if done == "complete" {
		req.Set("onabort", fail)
	}
	r := <-ch
	return r.v, r.err
}

// openFilesDB opens (creating on first use) the database of kept files.
func openFilesDB() (js.Value, error) {
	idb := js.Global().Get("indexedDB")
	if !idb.Truthy() {
		return js.Value{}, errors.New("keeping files: this browser has no IndexedDB")
	}
	req := idb.Call("open", persistDB, 1)
	upgrade := js.FuncOf(func(js.Value, []js.Value) any {
		db := req.Get("result")
		if !db.Get("objectStoreNames").Call("contains", persistStore).Bool() {
			db.Call("createObjectStore", persistStore)
		}
		return nil
	})
	defer upgrade.Release()
	req.Set("onupgradeneeded", upgrade)
	return idbWait(req, "success")
}

// keptFiles returns the files kept in IndexedDB.
func keptFiles() ([]playground.File, error) {
	db, err := openFilesDB()
	if err != nil {
		return nil, err
	}
	defer db.Call("close")
	store := db.Call("transaction", persistStore, "readonly").Call("objectStore", persistStore)
	keys, err := idbWait(store.Call("getAllKeys"), "success")
	if err != nil {
		return nil, err
	}
	vals, err := idbWait(store.Call("getAll"), "success")
	if err != nil {
		return nil, err
	}
	var out []playground.File
	for i := 0; i < keys.Length() && i < vals.Length(); i++ {
		b, err := data(vals.Index(i))
		if err != nil {
			return nil, err
		}
		out = append(out, playground.File{Path: keys.Index(i).String(), Data: b})
	}
	return out, nil
}

// keepFiles replaces the kept files with files, in one transaction.
func keepFiles(files []playground.File) error {
	db, err := openFilesDB()
	if err != nil {
		return err
	}
	defer db.Call("close")
	tx := db.Call("transaction", persistStore, "readwrite")
	store := tx.Call("objectStore", persistStore)
	store.Call("clear")
	for _, f := range files {
		store.Call("put", jsBytes(f.Data), f.Path)
	}
	_, err = idbWait(tx, "complete")
	return err
}

// clearKeptFiles forgets every kept file.
func clearKeptFiles() error { return keepFiles(nil) }

// sessionFiles returns the files of the session's last run with their
// contents.
func sessionFiles(s *playground.Session) ([]playground.File, error) {
	var out []playground.File
	for _, f := range s.Files() {
		b, err := s.ReadFile(f.Path)
		if err != nil {
			return nil, err
		}
		out = append(out, playground.File{Path: f.Path, Data: b})
	}
	return out, nil
}

// withKeptFiles returns cfg with the kept files placed first (the run
// configuration's own files replace kept ones of the same path), when
// args asks for them.
func withKeptFiles(args pgRunArgs) (playground.RunConfig, error) {
	cfg := args.Config
	if !args.Persist {
		return cfg, nil
	}
	kept, err := keptFiles()
	if err != nil {
		return cfg, err
	}
	cfg.Files = append(kept, cfg.Files...)
	return cfg, nil
}

// saveKeptFiles keeps the session's files once its run has ended, when
// the run asked for it.
func (e *pgEngine) saveKeptFiles() {
	if !e.persist || e.sess.State() == playground.Running || e.sess.State() == playground.Paused {
		return
	}
	files, err := sessionFiles(e.sess)
	if err == nil {
		err = keepFiles(files)
	}
	if err != nil {
		e.sess.Out.Systemf("keeping the files: %v", err)
		e.push(true)
	}
}

// wirePersist connects the page's switch (remembered across reloads) and
// its "clear" button.
func (a *app) wirePersist() {
	box := a.el("persist-on").(*dom.HTMLInputElement)
	a.persistOn = box
	if a.embed {
		return // an element's files are its own, never kept
	}
	store := js.Global().Get("localStorage")
	if !store.Truthy() {
		box.SetDisabled(true) // nowhere to remember the switch
		return
	}
	box.SetChecked(store.Call("getItem", persistKey).String() == "on")
	a.on(box, "change", func(dom.Event) {
		if box.Checked() {
			store.Call("setItem", persistKey, "on")
		} else {
			store.Call("removeItem", persistKey)
		}
	})
	a.on(a.el("persist-clear"), "click", func(dom.Event) {
		go a.guard("clearing the kept files", func() {
			if _, err := a.eng.call("pg.persistClear"); err != nil {
				a.showError(err.Error())
				return
			}
			a.setStatus("the files kept in this browser are cleared", "good")
		})
	})
}
