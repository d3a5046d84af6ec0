package playground

import (
	"fmt"
	"sync"
)

// Stream says where a piece of console output came from.
type Stream uint8

// Streams of the console.
const (
	Stdout Stream = iota
	Stderr
	// System is the playground's own messages: the exit code, a trap with
	// its stack trace, "N bytes cut".
	System
	// Input echoes what was typed to the program's stdin, as a terminal
	// shows it.
	Input
)

func (s Stream) String() string {
	return [...]string{"stdout", "stderr", "system", "input"}[s]
}

// Chunk is a run of console text from one stream.
type Chunk struct {
	Stream Stream
	Text   string
}

// Output is the console of a run: stdout, stderr and system messages in the
// order they happened, capped to the most recent Cap bytes. Writers (the
// program's WASI descriptors) and readers (the page's renderer) may be on
// different goroutines.
//
// RATIONALE: the tail is kept, not the head, because the console follows a
// running program the way a terminal does; what scrolled off is counted and
// said ("N bytes cut") instead of silently lost.
type Output struct {
	mu     sync.Mutex
	cap    int
	chunks []chunk
	size   int    // bytes in chunks
	cut    int64  // bytes dropped from the front
	total  [4]int // bytes ever written per stream
}

// NewOutput returns a console that keeps the last limit bytes (at least 1).
func NewOutput(limit int) *Output {
	if limit < 1 {
		limit = 1
	}
	return &Output{cap: limit}
}

// chunk is Chunk as kept: bytes, so appending many small writes is
// amortized instead of copying the whole text each time.
type chunk struct {
	stream Stream
	text   []byte
}

// Writer returns an io.Writer that appends to stream s.
func (o *Output) Writer(s Stream) *StreamWriter { return &StreamWriter{o: o, s: s} }

// StreamWriter is one stream's io.Writer into an Output.
type StreamWriter struct {
	o *Output
	s Stream
}

// Write appends p; it never fails, output beyond the cap is counted as cut.
func (w *StreamWriter) Write(p []byte) (int, error) {
	w.o.Append(w.s, string(p))
	return len(p), nil
}

// Append adds text to the console from stream s.
func (o *Output) Append(s Stream, text string) {
	if text == "" {
		return
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	o.total[s] += len(text)
	if n := len(o.chunks); n > 0 && o.chunks[n-1].stream == s {
		o.chunks[n-1].text = append(o.chunks[n-1].text, text...)
	} else {
		o.chunks = append(o.chunks, chunk{stream: s, text: []byte(text)})
	}
	o.size += len(text)
	for o.size > o.cap {
		over := o.size - o.cap
		first := &o.chunks[0]
		if len(first.text) <= over {
			o.size -= len(first.text)
			o.cut += int64(len(first.text))
			o.chunks = o.chunks[1:]
			continue
		}
		first.text = first.text[over:]
		o.size -= over
		o.cut += int64(over)
	}
}

// Skip counts n bytes as written and already cut: a copy of a console
// that is sent only its tail (the page's mirror of the engine's) says
// the same "N bytes cut" as the original.
func (o *Output) Skip(n int64) {
	if n <= 0 {
		return
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	o.cut += n
}

// Systemf appends a system message on a line of its own.
func (o *Output) Systemf(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	o.mu.Lock()
	needNL := len(o.chunks) > 0 && !endsWithNewline(o.chunks[len(o.chunks)-1].text)
	o.mu.Unlock()
	if needNL {
		msg = "\n" + msg
	}
	o.Append(System, msg+"\n")
}

func endsWithNewline(b []byte) bool { return len(b) > 0 && b[len(b)-1] == '\n' }

// Snapshot is the console's state at one moment.
type Snapshot struct {
	Chunks []Chunk
	// Cut is how many bytes scrolled off the front.
	Cut int64
}

// Snapshot returns the kept text (a copy) and how much was cut.
func (o *Output) Snapshot() Snapshot {
	o.mu.Lock()
	defer o.mu.Unlock()
	cs := make([]Chunk, len(o.chunks))
	for i, c := range o.chunks {
		cs[i] = Chunk{Stream: c.stream, Text: string(c.text)}
	}
	return Snapshot{Chunks: cs, Cut: o.cut}
}

// End returns the position after the last byte ever written (cut bytes
// included): what a reader that has shown everything passes to Since.
func (o *Output) End() int64 {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.cut + int64(o.size)
}

// Since returns the text written from position pos (counting every byte
// ever written) to the end, and the new end. When part of it was cut
// already, complete is false and the chunks start at the oldest kept byte:
// a renderer that appends must then start over.
func (o *Output) Since(pos int64) (chunks []Chunk, end int64, complete bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	end = o.cut + int64(o.size)
	complete = pos >= o.cut
	skip := max(pos-o.cut, 0)
	for _, c := range o.chunks {
		if skip >= int64(len(c.text)) {
			skip -= int64(len(c.text))
			continue
		}
		chunks = append(chunks, Chunk{Stream: c.stream, Text: string(c.text[skip:])})
		skip = 0
	}
	return chunks, end, complete
}

// Text returns what stream s wrote that is still kept.
func (o *Output) Text(s Stream) string {
	o.mu.Lock()
	defer o.mu.Unlock()
	var b []byte
	for _, c := range o.chunks {
		if c.stream == s {
			b = append(b, c.text...)
		}
	}
	return string(b)
}

// Total returns how many bytes stream s wrote, cut or not.
func (o *Output) Total(s Stream) int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.total[s]
}

// CutNotice says how much output was dropped, or "" when none was.
func (s Snapshot) CutNotice() string {
	if s.Cut == 0 {
		return ""
	}
	return fmt.Sprintf("[%s cut: the console keeps the most recent output]", byteCount(s.Cut))
}

func byteCount(n int64) string {
	if n == 1 {
		return "1 byte"
	}
	return fmt.Sprintf("%d bytes", n)
}
