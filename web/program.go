//go:build js && wasm

package main

import (
	"fmt"
	"strings"

	"github.com/wasmscope/wasmscope/playground"
)

// showProgram shows a freshly loaded program: its name and summary, its
// text in the editor, the Module pane and the choices that depend on it.
func (a *app) showProgram(p *programView) {
	a.progName.SetTextContent(p.Name)
	a.progInfo.SetTextContent(fmt.Sprintf("%s, %s", p.Format, sizeText(int64(p.Size))))
	if a.source.Text() != p.Text {
		a.source.SetText(p.Text, "wat")
	} else {
		a.source.SetDiagnostics(nil)
	}
	a.source.SetReadOnly(a.readOnly || p.Format != playground.Text)
	a.renderModule(p)
	a.renderCallExports(p)
	a.renderTraceFilter(p)
	a.memView = memView{}
	a.traceView.filter = ""
	a.callResult.SetTextContent("")
	if a.embed {
		a.elementLoaded(p)
	}
}

// renderModule fills the Module pane: sections, imports, exports,
// functions, memories.
func (a *app) renderModule(p *programView) {
	info := p.Info
	var b strings.Builder
	fmt.Fprintf(&b, "<h3>%s</h3><p class=\"muted\">%s</p>", esc(p.Name), esc(info.Summary()))
	b.WriteString("<h3>Sections</h3><table><tr><th>section</th><th>entries</th><th>offset</th><th>size</th></tr>")
	for _, s := range info.Sections {
		name := s.Name
		if s.Custom {
			name = fmt.Sprintf("custom %q", s.Name)
		}
		count, off, size := "", "", ""
		if s.Count >= 0 {
			count = fmt.Sprint(s.Count)
		}
		if s.Offset >= 0 {
			off, size = fmt.Sprintf("0x%x", s.Offset), fmt.Sprint(s.Size)
		}
		fmt.Fprintf(&b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>", esc(name), count, off, size)
	}
	b.WriteString("</table>")
	if p.Format == playground.Text {
		b.WriteString(`<p class="muted">Given as text: offsets are those of the module as encoded.</p>`)
	}
	if len(info.Imports) > 0 {
		b.WriteString("<h3>Imports</h3><table>")
		for _, im := range info.Imports {
			fmt.Fprintf(&b, "<tr><td>%s.%s</td><td>%s</td><td>%s</td></tr>", esc(im.Module), esc(im.Name), im.Kind, esc(im.Type))
		}
		b.WriteString("</table>")
	}
	if len(info.Exports) > 0 {
		b.WriteString("<h3>Exports</h3><table>")
		for _, e := range info.Exports {
			fmt.Fprintf(&b, "<tr><td>%s</td><td>%s %d</td><td>%s</td></tr>", esc(e.Name), e.Kind, e.Index, esc(e.Type))
		}
		b.WriteString("</table>")
	}
	if len(info.Funcs) > 0 {
		b.WriteString("<h3>Functions</h3><table>")
		for _, f := range info.Funcs {
			label := p.label(f.Index)
			note := ""
			if f.Imported {
				note = "imported"
			}
			if len(f.Exported) > 0 {
				note = strings.TrimSpace(note + " exported as " + strings.Join(f.Exported, ", "))
			}
			fmt.Fprintf(&b, "<tr><td>%d</td><td>%s</td><td>%s</td><td class=\"muted\">%s</td></tr>", f.Index, esc(label), esc(f.Type), esc(note))
		}
		b.WriteString("</table>")
	}
	if len(info.Memories) > 0 {
		b.WriteString("<h3>Memories</h3><table>")
		for _, m := range info.Memories {
			max := "no maximum"
			if m.HasMax {
				max = fmt.Sprintf("max %d pages", m.Max)
			}
			fmt.Fprintf(&b, "<tr><td>%d</td><td>%d pages</td><td>%s</td></tr>", m.Index, m.Min, max)
		}
		b.WriteString("</table>")
	}
	if info.Start != "" {
		fmt.Fprintf(&b, "<h3>Start function</h3><p>%s</p>", esc(info.Start))
	}
	a.moduleInfo.SetInnerHTML(b.String())
}

// renderCallExports lists the exported functions for the call form.
func (a *app) renderCallExports(p *programView) {
	var b strings.Builder
	for _, e := range p.Info.Exports {
		if e.Kind == "func" {
			fmt.Fprintf(&b, `<option value="%s">%s %s</option>`, esc(e.Name), esc(e.Name), esc(e.Type))
		}
	}
	if b.Len() == 0 {
		b.WriteString(`<option value="">no exported functions</option>`)
	}
	a.callExport.SetInnerHTML(b.String())
}

// renderTraceFilter offers the program's functions as trace filters.
func (a *app) renderTraceFilter(p *programView) {
	var b strings.Builder
	b.WriteString(`<option value="">all functions</option>`)
	for _, f := range p.Info.Funcs {
		if !f.Imported {
			fmt.Fprintf(&b, `<option value="%d">%s</option>`, f.Index, esc(p.label(f.Index)))
		}
	}
	a.traceFilter.SetInnerHTML(b.String())
}

// label names function i as the engine's labels do ($name or func[i]).
func (p *programView) label(i uint32) string {
	if int(i) < len(p.Labels) {
		return p.Labels[i]
	}
	return fmt.Sprintf("func[%d]", i)
}
