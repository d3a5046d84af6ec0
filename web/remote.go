//go:build js && wasm

package main

// This file is the page's side of the engine: calls into the worker
// through engine.js, and the mirror of the playground session that the
// worker's updates (engine.go) keep current.

import (
	"encoding/json"
	"errors"
	"strconv"
	"syscall/js"

	"github.com/wasmscope/wasmscope/playground"
)

// remote is the engine as one mounted UI sees it: its session in the
// worker ("pg.open") and the mirror of it.
type remote struct {
	eng js.Value // a WasmscopeEngine (static/engine.js)
	// sid is the session's ID in the worker; opened is closed once it is
	// known (calls wait for it).
	sid      int
	opened   chan struct{}
	listener js.Func
	onUpdate func(changed bool)
	// onOutput, when set, is told of the new output of each update.
	onOutput func([]playground.Chunk)
	// m is the latest update; out the console rebuilt from the updates'
	// new text.
	m   pgUpdate
	out *playground.Output
	// adopt is set after a restart: the new worker's first update (the
	// program loaded again) keeps the console, which says what happened.
	adopt bool
}

// newRemote opens a session in engine (a WasmscopeEngine); onUpdate is
// told of every update, and whether the session's state or result
// changed with it; onRestart that the worker was replaced (a new session
// is opened in the new one).
func newRemote(engine js.Value, onUpdate func(changed bool), onRestart func(reason string, crash bool)) *remote {
	r := &remote{
		eng:      engine,
		out:      playground.NewOutput(consoleLimit),
		onUpdate: onUpdate,
	}
	r.m.Run = -1
	r.listener = js.FuncOf(func(_ js.Value, args []js.Value) any {
		var u pgUpdate
		if err := json.Unmarshal([]byte(args[0].String()), &u); err != nil {
			return nil
		}
		if (u.Run != r.m.Run && !r.adopt) || u.Reset {
			r.out = playground.NewOutput(consoleLimit)
		}
		r.adopt = false
		r.out.Skip(u.Skipped)
		for _, c := range u.Output {
			r.out.Append(c.Stream, c.Text)
		}
		if r.onOutput != nil && len(u.Output) > 0 {
			r.onOutput(u.Output)
		}
		u.Output = nil
		changed := u.State != r.m.State || (u.Result != nil && (r.m.Result == nil || u.Result.Seq != r.m.Result.Seq))
		r.m = u
		r.onUpdate(changed)
		return nil
	})
	r.open()
	r.eng.Call("on", "restart", js.FuncOf(func(_ js.Value, args []js.Value) any {
		d := args[0]
		// What the worker held is gone: the mirror says so until the
		// program is loaded into the new one.
		r.m = pgUpdate{State: playground.Empty, Run: r.m.Run}
		r.adopt = true
		r.open()
		onRestart(d.Get("reason").String(), d.Get("crash").Bool())
		return nil
	}))
	return r
}

// open opens a session in the (new) worker; calls made meanwhile wait.
func (r *remote) open() {
	if r.sid != 0 {
		r.eng.Call("off", "pg:"+strconv.Itoa(r.sid), r.listener)
	}
	r.sid = 0
	opened := make(chan struct{})
	r.opened = opened
	go func() {
		v, err := await(r.eng.Call("call", "pg.open", js.ValueOf([]any{})))
		if err != nil || r.opened != opened {
			return // the worker went; the restart opens again
		}
		r.sid = v.Int()
		r.eng.Call("on", "pg:"+strconv.Itoa(r.sid), r.listener)
		close(opened)
	}()
}

// close ends the session in the worker.
func (r *remote) close() {
	if r.sid != 0 {
		r.eng.Call("off", "pg:"+strconv.Itoa(r.sid), r.listener)
		r.eng.Call("call", "pg.close", js.ValueOf([]any{r.sid}))
	}
	r.opened = make(chan struct{}) // never closed: calls after this wait forever
}

// call runs op of the session in the worker and waits for its answer; an
// {error} answer or a failed call (the worker was restarted) is an error.
// It blocks, so it runs on goroutines, never on an event handler itself.
func (r *remote) call(op string, args ...any) (js.Value, error) {
	<-r.opened
	v, err := await(r.eng.Call("call", op, js.ValueOf(append([]any{r.sid}, args...))))
	if err != nil {
		return v, err
	}
	if v.Type() == js.TypeObject && v.Get("error").Type() == js.TypeString {
		return v, errors.New(v.Get("error").String())
	}
	return v, nil
}

// callJSON runs op and decodes its JSON answer into into.
func (r *remote) callJSON(into any, op string, args ...any) error {
	v, err := r.call(op, args...)
	if err != nil {
		return err
	}
	return json.Unmarshal([]byte(v.String()), into)
}

// stop asks the engine to stop the run; engine.js restarts a worker that
// does not answer in time.
func (r *remote) stop() {
	<-r.opened
	await(r.eng.Call("stop", "pg.stop", js.ValueOf([]any{r.sid})))
}

// jsBytes copies b into a new Uint8Array.
func jsBytes(b []byte) js.Value {
	u8 := js.Global().Get("Uint8Array").New(len(b))
	js.CopyBytesToJS(u8, b)
	return u8
}

// fetch asks the engine for one pane's view at a time: a redraw wanted
// while a request is out is remembered and made when it is answered.
type fetch struct{ busy, again bool }

// do runs f on a goroutine (it waits for the engine) unless a request is
// out; then redo is called once that one ends.
func (q *fetch) do(a *app, what string, redo, f func()) {
	if q.busy {
		q.again = true
		return
	}
	q.busy = true
	go a.guard(what, func() {
		defer func() {
			q.busy = false
			if q.again {
				q.again = false
				redo()
			}
		}()
		f()
	})
}
