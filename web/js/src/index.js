// index.js is the bundle static/ui.js (built by build.sh with esbuild):
// the page's JavaScript libraries behind one global, WasmscopeUI, that
// the Go side (web/) and embed.js call. Nothing here fetches anything.
import { editor } from "./editor.js";
import { console as makeConsole, consoleCSS } from "./console.js";

globalThis.WasmscopeUI = { editor, console: makeConsole, consoleCSS };
