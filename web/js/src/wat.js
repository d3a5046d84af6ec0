// wat.js is the WebAssembly text format's highlighter for CodeMirror: a
// StreamLanguage tokenizer (comments, strings, numbers, $names, keywords,
// instructions, value types). It only colours; the engine's parser is the
// grammar.

const keywords = new Set(
  "module func param result local global memory table elem data type import export start mut offset item declare then else end block loop if try_table catch catch_ref catch_all catch_all_ref tag rec sub final struct array field ref null shared pagesize".split(" "),
);
const types = new Set(
  "i32 i64 f32 f64 v128 i8 i16 funcref externref anyref eqref i31ref structref arrayref nullref nullfuncref nullexternref exnref any eq i31 extern exn noextern nofunc none noexn".split(" "),
);

export const wast = {
  name: "wat",
  startState: () => ({ depth: 0 }),
  token(stream, state) {
    if (state.depth > 0) {
      // Inside a (; block comment ;), which nests.
      while (!stream.eol()) {
        if (stream.match("(;")) state.depth++;
        else if (stream.match(";)")) {
          state.depth--;
          if (state.depth === 0) break;
        } else stream.next();
      }
      return "blockComment";
    }
    if (stream.eatSpace()) return null;
    if (stream.match(";;")) {
      stream.skipToEnd();
      return "lineComment";
    }
    if (stream.match("(;")) {
      state.depth = 1;
      return "blockComment";
    }
    const ch = stream.peek();
    if (ch === "(" || ch === ")") {
      stream.next();
      return "paren";
    }
    if (ch === '"') {
      stream.next();
      let escaped = false;
      while (!stream.eol()) {
        const c = stream.next();
        if (c === '"' && !escaped) break;
        escaped = c === "\\" && !escaped;
      }
      return "string";
    }
    stream.match(/^[^\s()";]+/);
    const word = stream.current();
    if (!word) {
      stream.next();
      return null;
    }
    if (word[0] === "$") return "variableName";
    if (/^[+-]?(\d|inf$|nan)/.test(word)) return "number";
    if (types.has(word)) return "typeName";
    if (keywords.has(word)) return "keyword";
    if (/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/.test(word)) return "operator"; // an instruction
    if (/^[a-z_]+=/.test(word)) return "attributeName"; // offset=8 align=4
    return null;
  },
  languageData: { commentTokens: { line: ";;", block: { open: "(;", close: ";)" } } },
};
