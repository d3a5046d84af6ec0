//go:build js && wasm

package main

import (
	"fmt"
	"strconv"
	"strings"

	"honnef.co/go/js/dom/v2"

	"github.com/wasmscope/wasmscope/playground"
)

// memView is where the Memory pane looks: which memory, the first row's
// address, the selected byte.
type memView struct {
	mem  int
	addr uint64
	sel  uint64
}

// memRows is how many hexdump rows the pane shows at once.
const memRows = 32

func (a *app) wireMemory() {
	a.on(a.el("mem-form"), "submit", func(ev dom.Event) {
		ev.PreventDefault()
		addr, err := parseAddr(a.memAddr.Value())
		if err != nil {
			a.memInfo.SetTextContent(err.Error())
			return
		}
		a.memView.addr = addr - addr%playground.RowBytes
		a.memView.sel = addr
		a.changed()
	})
	a.on(a.el("mem-prev"), "click", func(dom.Event) { a.pageMemory(-1) })
	a.on(a.el("mem-next"), "click", func(dom.Event) { a.pageMemory(1) })
	a.on(a.el("mem-written"), "click", func(dom.Event) {
		if w := a.memFirstWritten; w >= 0 {
			a.memView.sel = uint64(w)
			a.memView.addr = uint64(w) - uint64(w)%playground.RowBytes
			a.changed()
		} else {
			a.memInfo.SetTextContent("the last run or step wrote nothing to this memory")
		}
	})
	a.on(a.memSelect, "change", func(dom.Event) {
		if i, err := strconv.Atoi(a.memSelect.Value()); err == nil {
			a.memView = memView{mem: i}
			a.changed()
		}
	})
	a.on(a.hexdump, "click", func(ev dom.Event) {
		if s := dataString(ev.Target(), "a"); s != "" {
			if v, err := strconv.ParseUint(s, 16, 64); err == nil {
				a.memView.sel = v
				a.changed()
				if st := a.state(); st == playground.Paused || a.eng.m.CanGoBack {
					a.askLastWrite()
				}
			}
		}
	})
	a.on(a.hexdump, "keydown", func(ev dom.Event) {
		switch ev.(*dom.KeyboardEvent).Key() {
		case "PageDown":
			a.pageMemory(1)
		case "PageUp":
			a.pageMemory(-1)
		default:
			return
		}
		ev.PreventDefault()
	})
}

func (a *app) pageMemory(dir int) {
	step := uint64(memRows * playground.RowBytes)
	size := uint64(a.memSize)
	switch {
	case dir < 0 && a.memView.addr >= step:
		a.memView.addr -= step
	case dir < 0:
		a.memView.addr = 0
	case a.memView.addr+step < size:
		a.memView.addr += step
	}
	a.memView.sel = a.memView.addr
	a.changed()
}

// parseAddr reads an address in hex (0x10) or decimal (16).
func parseAddr(s string) (uint64, error) {
	s = strings.TrimSpace(strings.ReplaceAll(s, "_", ""))
	var v uint64
	var err error
	if h, ok := strings.CutPrefix(strings.ToLower(s), "0x"); ok {
		v, err = strconv.ParseUint(h, 16, 64)
	} else {
		v, err = strconv.ParseUint(s, 10, 64)
	}
	if err != nil {
		return 0, fmt.Errorf("%q is not an address: write 0x10 or 16", s)
	}
	return v, nil
}

// renderMemory asks the engine for the rows in view and draws them; one
// request at a time, and a change meanwhile asks again.
func (a *app) renderMemory() {
	v := a.memView
	a.memFetch.do(a, "reading memory", a.changed, func() {
		var mv memoryView
		if err := a.eng.callJSON(&mv, "pg.memory", v.mem, float64(v.addr), memRows, float64(v.sel)); err != nil {
			a.memInfo.SetTextContent(err.Error())
			return
		}
		if v.mem >= mv.Memories && mv.Memories > 0 {
			a.memView = memView{}
			a.memFetch.again = true
			return
		}
		if v.addr >= uint64(mv.Size) && mv.Size > 0 {
			a.memView.addr, a.memView.sel = 0, 0
			a.memFetch.again = true
			return
		}
		a.drawMemory(v, mv)
	})
}

// drawMemory draws the hexdump and the value inspector.
func (a *app) drawMemory(v memView, mv memoryView) {
	n := mv.Memories
	a.memSize, a.memFirstWritten = mv.Size, mv.FirstWritten
	a.renderMemSelect(n)
	if n == 0 {
		a.hexdump.SetInnerHTML(`<span class="muted">No memory: load a program that has one and Run or Step it (data segments show before the first instruction).</span>`)
		a.inspector.SetInnerHTML("")
		a.memInfo.SetTextContent("")
		return
	}
	rows := mv.Rows
	var b strings.Builder
	b.Grow(len(rows) * 1200)
	for _, r := range rows {
		fmt.Fprintf(&b, `<span class="row" data-addr="%d"><span class="a">%08x</span>  `, r.Addr, r.Addr)
		for i := 0; i < playground.RowBytes; i++ {
			if i == 8 {
				b.WriteByte(' ')
			}
			if i >= len(r.Bytes) {
				b.WriteString("   ")
				continue
			}
			addr := r.Addr + uint64(i)
			class := "b"
			if r.Written&(1<<i) != 0 {
				class += " w"
			}
			if addr == v.sel {
				class += " sel"
			}
			if r.Bytes[i] == 0 {
				class += " z"
			}
			// A written byte is a <mark>: highlighted, and said so to
			// assistive technology.
			tag := "span"
			if r.Written&(1<<i) != 0 {
				tag = "mark"
			}
			fmt.Fprintf(&b, `<%s class="%s" data-a="%x">%02x</%s> `, tag, class, addr, r.Bytes[i], tag)
		}
		b.WriteString(" |")
		b.WriteString(esc(r.ASCII()))
		b.WriteString("|</span>")
	}
	a.hexdump.SetInnerHTML(b.String())
	a.memAddr.SetValue(fmt.Sprintf("0x%x", v.sel))
	pages := mv.Size / playground.PageSize
	info := fmt.Sprintf("%d pages (%s)", pages, sizeText(int64(mv.Size)))
	if pages == 1 {
		info = fmt.Sprintf("1 page (%s)", sizeText(int64(mv.Size)))
	}
	switch w := mv.WrittenBytes; w {
	case 0:
	case 1:
		info += " · 1 byte written by the last run or step, highlighted"
	default:
		info += fmt.Sprintf(" · %d bytes written by the last run or step, highlighted", w)
	}
	a.memInfo.SetTextContent(info)

	var t strings.Builder
	fmt.Fprintf(&t, "<li>at 0x%x, little endian (click a byte to choose)</li>", v.sel)
	for _, f := range mv.Inspect {
		fmt.Fprintf(&t, `<li data-type="%s"><b>%s</b>%s</li>`, f.Type, f.Type, esc(f.Value))
	}
	a.inspector.SetInnerHTML(t.String())
}

func (a *app) renderMemSelect(n int) {
	if len(a.memSelect.Options()) == n {
		return
	}
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `<option value="%d">memory %d</option>`, i, i)
	}
	a.memSelect.SetInnerHTML(b.String())
	a.memSelect.SetValue(strconv.Itoa(a.memView.mem))
	if n > 1 {
		a.memSelect.RemoveAttribute("hidden")
	} else {
		a.memSelect.SetAttribute("hidden", "")
	}
}
