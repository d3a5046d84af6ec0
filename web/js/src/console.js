// console.js is the program's console on the playground and in the
// <wasm-scope> element: an xterm.js terminal (ANSI colours as the program
// writes them, a scrollback that costs nothing per line scrolled past,
// selection and copy as in a terminal). The Go side (web/render.go) makes
// one per Output pane through WasmscopeUI.console and writes what the
// engine reports.
//
// API:
//
//   const c = WasmscopeUI.console(parent, {label: "Program output"});
//   c.write(text, kind)   appends text; kind "out" (as written), "err" (red),
//                         "sys" (the page's own lines: dim italic), "bad" (red),
//                         "in" (what was typed to stdin: underlined)
//   c.clear()             empties the terminal and its scrollback
//   c.text()              everything the terminal holds, as text (lines joined
//                         by "\n"; for tests and copying)
//   c.fit()               sizes the terminal to its element (done on resize)
//   c.dispose()
//   c.dom                 the terminal's element
//
// RATIONALE: a terminal renders only the rows in view, so a flood of
// output costs the page the parsing of what arrives (bounded per frame by
// the Go side), not the layout of everything kept; the program's own
// escape sequences (colours, bold) show as they would in a terminal. The
// text is read back from the terminal's buffer (text()), not from the DOM,
// which holds the visible rows only.

import { Terminal } from "@xterm/xterm";
import { FitAddon } from "@xterm/addon-fit";
import css from "@xterm/xterm/css/xterm.css";

export const consoleCSS = css;

// Each kind's SGR sequence and its reset.
const kinds = {
  out: ["", ""],
  err: ["\x1b[31m", "\x1b[39m"],
  sys: ["\x1b[2;3m", "\x1b[22;23m"],
  bad: ["\x1b[1;31m", "\x1b[22;39m"],
  in: ["\x1b[4m", "\x1b[24m"],
};

function themeOf(el) {
  const cs = getComputedStyle(el);
  const v = (name, fallback) => cs.getPropertyValue(name).trim() || fallback;
  return {
    background: v("--panel", "#ffffff"),
    foreground: v("--fg", "#1d2330"),
    cursor: v("--panel", "#ffffff"), // no cursor: the program's input line is elsewhere
    selectionBackground: v("--accent-soft", "#ecebfc"),
    red: v("--stderr", "#b4232a"),
    brightRed: v("--bad", "#c0262d"),
  };
}

/**
 * console makes a terminal in parent. See the file's header for the API.
 * @param {HTMLElement} parent
 * @param {{label?: string}} opts
 */
export function console(parent, opts = {}) {
  const term = new Terminal({
    convertEol: true,
    disableStdin: true,
    cursorStyle: "bar",
    cursorInactiveStyle: "none",
    scrollback: 20000, // more lines than the page keeps of a run (64 KiB of short lines)
    fontFamily: getComputedStyle(parent).getPropertyValue("--mono").trim() || "monospace",
    fontSize: 12.5,
    lineHeight: 1.2,
    theme: themeOf(parent),
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  let opened = false;
  const open = () => {
    // A terminal opened in a hidden pane cannot measure its font: it
    // opens once its element has a size.
    if (opened || parent.clientWidth === 0 || parent.clientHeight === 0) return;
    opened = true;
    term.open(parent);
    if (opts.label) term.textarea?.setAttribute("aria-label", opts.label);
  };
  const sizes = new ResizeObserver(() => {
    open();
    if (opened) {
      try {
        fit.fit();
      } catch {
        // not measurable yet
      }
    }
  });
  sizes.observe(parent);

  return {
    dom: parent,
    term,
    write(text, kind = "out") {
      const [on, off] = kinds[kind] || kinds.out;
      term.write(on + text + off);
    },
    clear() {
      term.reset();
    },
    text() {
      const b = term.buffer.active;
      const lines = [];
      for (let i = 0; i < b.length; i++) {
        const line = b.getLine(i);
        if (!line) continue;
        const s = line.translateToString(true);
        if (line.isWrapped && lines.length) lines[lines.length - 1] += s;
        else lines.push(s);
      }
      while (lines.length && lines[lines.length - 1] === "") lines.pop();
      return lines.join("\n");
    },
    fit() {
      open();
      if (opened) fit.fit();
    },
    dispose() {
      sizes.disconnect();
      term.dispose();
    },
  };
}
