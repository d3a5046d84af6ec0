// Package text reads and writes the WebAssembly text format: it parses WAT
// modules into the shared module structure (package syntax), parses WAST
// scripts into commands for the script runner, and prints modules back as
// WAT with each instruction's module byte offset kept for the page.
package text
