// editor.js is the program-text editor of the playground and the
// <wasm-scope> element: CodeMirror 6 with WAT highlighting, line numbers,
// diagnostics (a load error's file:line:col underlined) and a breakpoint
// gutter. The Go side (web/) makes one per editor pane through
// WasmscopeUI.editor; the debugger's Source pane uses the same component.
//
// API (all line numbers are 1-based):
//
//   const ed = WasmscopeUI.editor(parent, {
//     text: "",               // the initial text
//     language: "wat",        // "wat" highlights WebAssembly text; "c", "text": none
//     readOnly: false,        // the text cannot be changed (the cursor still moves)
//     label: "Program text",  // the accessible name of the text box
//     placeholder: "",        // shown while the text is empty
//     breakpoints: false,     // show the breakpoint gutter
//     onChange(text) {},      // the user changed the text
//     onRun() {},             // Ctrl+Enter / Cmd+Enter
//     onToggleBreakpoint(line) {}, // a click in the breakpoint gutter (or F9 on the
//                             // cursor's line); the editor does not set the marker
//                             // itself: the owner decides and calls setBreakpoints
//   });
//   ed.text()                          → the current text
//   ed.setText(text, {language})       replaces the text (no onChange); clears markers,
//                                      diagnostics and the current line
//   ed.setReadOnly(bool)
//   ed.setBreakpoints([line, …])       the lines that show a breakpoint marker
//   ed.setDisabledBreakpoints([line, …]) lines whose marker is hollow (not resolved)
//   ed.setCurrentLine(line)            highlights line as where execution is and
//                                      scrolls it into view; 0 clears
//   ed.setDiagnostics([{line, col, endCol, message, severity}])
//                                      underlines each (col 1-based; endCol exclusive,
//                                      default: the end of the token at col); [] clears
//   ed.select(line, col)               puts the cursor there and scrolls to it
//   ed.focus(), ed.destroy()
//   ed.dom                             the editor's element (.cm-editor)
//
// RATIONALE: the owner keeps the truth about breakpoints (a breakpoint is
// set in the engine, which may refuse or move it), so the gutter only
// reports clicks; markers, the current line and diagnostics are state
// fields replaced whole, which keeps the API a handful of setters that Go
// can call through syscall/js. The WAT mode is a StreamLanguage: a token
// highlighter is all the page needs, and the text format's grammar is the
// engine's (its parser reports the errors shown as diagnostics).

import { EditorState, StateEffect, StateField, RangeSet, Compartment } from "@codemirror/state";
import {
  EditorView,
  keymap,
  lineNumbers,
  gutter,
  GutterMarker,
  Decoration,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  drawSelection,
  placeholder,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { StreamLanguage, syntaxHighlighting, HighlightStyle, bracketMatching } from "@codemirror/language";
import { tags } from "@lezer/highlight";
import { setDiagnostics } from "@codemirror/lint";
import { wast } from "./wat.js";

const setBreakpointsEffect = StateEffect.define();
const setCurrentEffect = StateEffect.define();

class BreakpointMarker extends GutterMarker {
  constructor(disabled) {
    super();
    this.disabled = disabled;
  }
  eq(other) {
    return other.disabled === this.disabled;
  }
  toDOM() {
    const s = document.createElement("span");
    s.className = this.disabled ? "ws-bp ws-bp-off" : "ws-bp";
    s.setAttribute("aria-label", this.disabled ? "breakpoint (not resolved)" : "breakpoint");
    return s;
  }
}
const bpOn = new BreakpointMarker(false);
const bpOff = new BreakpointMarker(true);

// spacer gives the gutter its width before any breakpoint is set.
const spacer = new (class extends GutterMarker {
  toDOM() {
    const s = document.createElement("span");
    s.className = "ws-bp-space";
    return s;
  }
})();

// lineStart returns the position where 1-based line n starts, or -1.
function lineStart(doc, n) {
  if (!(n >= 1 && n <= doc.lines)) return -1;
  return doc.line(n).from;
}

// markersOf builds the gutter's markers from lines (on) and off (hollow).
function markersOf(doc, on, off) {
  const marks = [];
  const seen = new Set();
  for (const [lines, m] of [
    [on, bpOn],
    [off, bpOff],
  ]) {
    for (const n of lines || []) {
      const p = lineStart(doc, n);
      if (p < 0 || seen.has(p)) continue;
      seen.add(p);
      marks.push(m.range(p));
    }
  }
  marks.sort((a, b) => a.from - b.from);
  return RangeSet.of(marks);
}

const breakpointField = StateField.define({
  create: () => RangeSet.empty,
  update(set, tr) {
    set = set.map(tr.changes);
    for (const e of tr.effects) if (e.is(setBreakpointsEffect)) set = markersOf(tr.state.doc, e.value.on, e.value.off);
    return set;
  },
});

const currentLineDeco = Decoration.line({ class: "ws-current" });
const currentField = StateField.define({
  create: () => Decoration.none,
  update(deco, tr) {
    deco = deco.map(tr.changes);
    for (const e of tr.effects) {
      if (!e.is(setCurrentEffect)) continue;
      const p = lineStart(tr.state.doc, e.value);
      deco = p < 0 ? Decoration.none : Decoration.set([currentLineDeco.range(p)]);
    }
    return deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

// highlight colours the WAT tokens; each colour is a CSS variable with a
// default that reads on light and on dark backgrounds.
const highlight = HighlightStyle.define([
  { tag: tags.keyword, color: "var(--ws-keyword, #8a3fc7)" },
  { tag: tags.operator, color: "var(--ws-instr, #2f6fd0)" },
  { tag: tags.variableName, color: "var(--ws-name, #b5562b)" },
  { tag: tags.number, color: "var(--ws-number, #168a50)" },
  { tag: tags.string, color: "var(--ws-string, #c03c3c)" },
  { tag: [tags.lineComment, tags.blockComment], color: "var(--ws-comment, #8a8f9c)", fontStyle: "italic" },
  { tag: tags.typeName, color: "var(--ws-type, #0f8b8d)" },
  { tag: tags.attributeName, color: "var(--ws-attr, #8a6d00)" },
]);

const theme = EditorView.theme({
  "&": { height: "100%", fontSize: "12.5px", backgroundColor: "transparent", color: "inherit" },
  ".cm-scroller": { fontFamily: "var(--mono, ui-monospace, monospace)", lineHeight: "1.5" },
  ".cm-gutters": { backgroundColor: "transparent", borderRight: "1px solid var(--border, #d9dde5)", color: "var(--muted, #667085)" },
  ".ws-bp-gutter": { width: "14px", cursor: "pointer" },
  ".ws-bp": { display: "inline-block", width: "9px", height: "9px", borderRadius: "50%", background: "#d83a3a", marginTop: "5px" },
  ".ws-bp-space": { display: "inline-block", width: "9px" },
  ".ws-bp-off": { background: "transparent", border: "1.5px solid #d83a3a" },
  ".ws-current": { backgroundColor: "var(--hl, #fff0a8)", outline: "1px solid #d8b400" },
  ".cm-activeLine": { backgroundColor: "rgba(127,127,127,.07)" },
  ".cm-content": { caretColor: "currentColor" },
  "&.cm-focused .cm-cursor": { borderLeftColor: "currentColor" },
  ".cm-lintRange-error": { textDecoration: "underline wavy #d83a3a", textUnderlineOffset: "3px", backgroundImage: "none" },
});

/**
 * editor makes an editor in parent. See the file's header for the API.
 * @param {HTMLElement} parent
 * @param {object} opts
 */
export function editor(parent, opts = {}) {
  const language = new Compartment();
  const readOnly = new Compartment();
  const label = new Compartment();
  let quiet = false; // setText: no onChange
  let bpLines = [];
  let bpOffLines = [];

  const langOf = (name) => (name === "wat" || name === undefined ? [StreamLanguage.define(wast)] : []);
  const roOf = (ro) => [EditorState.readOnly.of(!!ro), EditorView.editable.of(true)];
  const labelOf = (text) =>
    EditorView.contentAttributes.of({ "aria-label": text || "Program text", spellcheck: "false", autocorrect: "off", autocapitalize: "off" });

  const toggleAtCursor = (view) => {
    if (!opts.onToggleBreakpoint) return false;
    opts.onToggleBreakpoint(view.state.doc.lineAt(view.state.selection.main.head).number);
    return true;
  };

  const extensions = [
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightSpecialChars(),
    history(),
    drawSelection(),
    highlightActiveLine(),
    bracketMatching(),
    syntaxHighlighting(highlight),
    keymap.of([
      {
        key: "Mod-Enter",
        run: () => {
          opts.onRun?.();
          return true;
        },
      },
      { key: "F9", run: toggleAtCursor },
      ...defaultKeymap,
      ...historyKeymap,
      indentWithTab,
    ]),
    language.of(langOf(opts.language)),
    readOnly.of(roOf(opts.readOnly)),
    label.of(labelOf(opts.label)),
    opts.placeholder ? placeholder(opts.placeholder) : [],
    breakpointField,
    currentField,
    theme,
    EditorView.updateListener.of((u) => {
      if (u.docChanged && !quiet) opts.onChange?.(u.state.doc.toString());
    }),
  ];
  if (opts.breakpoints) {
    extensions.unshift(
      gutter({
        class: "ws-bp-gutter",
        markers: (v) => v.state.field(breakpointField),
        initialSpacer: () => spacer,
        domEventHandlers: {
          mousedown(view, line) {
            opts.onToggleBreakpoint?.(view.state.doc.lineAt(line.from).number);
            return true;
          },
        },
      }),
    );
  }

  const view = new EditorView({
    state: EditorState.create({ doc: opts.text || "", extensions }),
    parent,
  });

  const api = {
    dom: view.dom,
    view,
    text: () => view.state.doc.toString(),
    setText(text, o = {}) {
      quiet = true;
      try {
        const effects = [setCurrentEffect.of(0), setDiagnostics(view.state, []).effects].flat();
        if (o.language !== undefined) effects.push(language.reconfigure(langOf(o.language)));
        view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: String(text ?? "") }, effects, selection: { anchor: 0 } });
        bpLines = [];
        bpOffLines = [];
        view.dispatch({ effects: setBreakpointsEffect.of({ on: [], off: [] }) });
        view.scrollDOM.scrollTop = 0;
      } finally {
        quiet = false;
      }
    },
    setReadOnly(ro) {
      view.dispatch({ effects: readOnly.reconfigure(roOf(ro)) });
    },
    setLabel(text) {
      view.dispatch({ effects: label.reconfigure(labelOf(text)) });
    },
    setBreakpoints(lines) {
      bpLines = Array.from(lines || [], Number);
      view.dispatch({ effects: setBreakpointsEffect.of({ on: bpLines, off: bpOffLines }) });
    },
    setDisabledBreakpoints(lines) {
      bpOffLines = Array.from(lines || [], Number);
      view.dispatch({ effects: setBreakpointsEffect.of({ on: bpLines, off: bpOffLines }) });
    },
    setCurrentLine(n) {
      const effects = [setCurrentEffect.of(Number(n) || 0)];
      const p = lineStart(view.state.doc, Number(n));
      if (p >= 0) effects.push(EditorView.scrollIntoView(p, { y: "center" }));
      view.dispatch({ effects });
    },
    setDiagnostics(list) {
      const doc = view.state.doc;
      const diags = [];
      for (const d of list || []) {
        const p = lineStart(doc, d.line);
        if (p < 0) continue;
        const line = doc.line(d.line);
        const from = Math.min(line.to, p + Math.max(0, (d.col || 1) - 1));
        let to = d.endCol ? Math.min(line.to, p + d.endCol - 1) : tokenEnd(line.text, from - p) + p;
        if (to <= from) to = Math.min(line.to, from + 1);
        diags.push({ from, to, severity: d.severity || "error", message: String(d.message || "") });
      }
      view.dispatch(setDiagnostics(view.state, diags));
    },
    select(n, col = 1) {
      const p = lineStart(view.state.doc, n);
      if (p < 0) return;
      const line = view.state.doc.line(n);
      const at = Math.min(line.to, p + Math.max(0, col - 1));
      view.dispatch({ selection: { anchor: at }, effects: EditorView.scrollIntoView(at, { y: "center" }) });
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
  return api;
}

// tokenEnd returns where the token starting at i of text ends: a word up
// to white space or a parenthesis, else the rest of the line.
function tokenEnd(text, i) {
  const m = /^[^\s()]+/.exec(text.slice(i));
  return m ? i + m[0].length : text.length;
}
