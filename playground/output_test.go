package playground

import (
	"strings"
	"testing"
)

func TestOutputCap(t *testing.T) {
	tests := []struct {
		name   string
		cap    int
		writes []Chunk
		want   []Chunk
		cut    int64
	}{
		{
			name:   "under the cap, streams apart and in order",
			cap:    100,
			writes: []Chunk{{Stdout, "a"}, {Stdout, "b"}, {Stderr, "E"}, {Stdout, "c"}},
			want:   []Chunk{{Stdout, "ab"}, {Stderr, "E"}, {Stdout, "c"}},
		},
		{
			name:   "the oldest bytes go first",
			cap:    4,
			writes: []Chunk{{Stdout, "hello"}, {Stdout, "!"}},
			want:   []Chunk{{Stdout, "llo!"}},
			cut:    2,
		},
		{
			name:   "whole chunks are dropped",
			cap:    3,
			writes: []Chunk{{Stderr, "xx"}, {Stdout, "abc"}},
			want:   []Chunk{{Stdout, "abc"}},
			cut:    2,
		},
		{
			name:   "empty writes change nothing",
			cap:    3,
			writes: []Chunk{{Stdout, ""}},
			want:   []Chunk{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := NewOutput(tt.cap)
			for _, w := range tt.writes {
				o.Writer(w.Stream).Write([]byte(w.Text))
			}
			s := o.Snapshot()
			if len(s.Chunks) != len(tt.want) {
				t.Fatalf("chunks = %q, want %q", s.Chunks, tt.want)
			}
			for i := range tt.want {
				if s.Chunks[i] != tt.want[i] {
					t.Errorf("chunk %d = %q, want %q", i, s.Chunks[i], tt.want[i])
				}
			}
			if s.Cut != tt.cut {
				t.Errorf("cut = %d, want %d", s.Cut, tt.cut)
			}
			if (s.CutNotice() == "") != (tt.cut == 0) {
				t.Errorf("CutNotice() = %q with %d bytes cut", s.CutNotice(), tt.cut)
			}
		})
	}
}

func TestOutputMillionLines(t *testing.T) {
	o := NewOutput(1 << 10)
	w := o.Writer(Stdout)
	line := []byte("a line of output\n")
	for i := 0; i < 1_000_000; i++ {
		w.Write(line)
	}
	s := o.Snapshot()
	kept := len(s.Chunks[0].Text)
	if kept != 1<<10 {
		t.Errorf("kept %d bytes, want %d", kept, 1<<10)
	}
	if want := int64(len(line))*1_000_000 - int64(kept); s.Cut != want {
		t.Errorf("cut = %d, want %d", s.Cut, want)
	}
	if !strings.Contains(s.CutNotice(), "bytes cut") {
		t.Errorf("CutNotice() = %q", s.CutNotice())
	}
	if got := o.Total(Stdout); got != len(line)*1_000_000 {
		t.Errorf("Total = %d", got)
	}
}

func TestSystemfStartsALine(t *testing.T) {
	o := NewOutput(100)
	o.Writer(Stdout).Write([]byte("no newline"))
	o.Systemf("exit status %d", 3)
	want := []Chunk{{Stdout, "no newline"}, {System, "\nexit status 3\n"}}
	s := o.Snapshot()
	if len(s.Chunks) != 2 || s.Chunks[0] != want[0] || s.Chunks[1] != want[1] {
		t.Errorf("chunks = %q, want %q", s.Chunks, want)
	}
}

func TestOutputSince(t *testing.T) {
	o := NewOutput(6)
	o.Append(Stdout, "ab")
	o.Append(Stderr, "cd")
	chunks, end, complete := o.Since(1)
	if !complete || end != 4 || len(chunks) != 2 || chunks[0] != (Chunk{Stdout, "b"}) || chunks[1] != (Chunk{Stderr, "cd"}) {
		t.Errorf("Since(1) = %q, %d, %v", chunks, end, complete)
	}
	if chunks, end, complete := o.Since(4); !complete || end != 4 || len(chunks) != 0 {
		t.Errorf("Since(end) = %q, %d, %v", chunks, end, complete)
	}
	o.Append(Stdout, "efgh") // cuts "ab"
	chunks, end, complete = o.Since(1)
	if complete || end != 8 || len(chunks) != 2 || chunks[0] != (Chunk{Stderr, "cd"}) {
		t.Errorf("Since(1) after a cut = %q, %d, %v", chunks, end, complete)
	}
	if o.End() != 8 {
		t.Errorf("End() = %d", o.End())
	}
}
