package playground

import (
	"errors"
	"io"
	"testing"
)

func TestStdin(t *testing.T) {
	tests := []struct {
		name  string
		feed  func(s *Stdin)
		reads []string // what successive reads return; "EOF" and "STOP" for the errors
	}{
		{"buffered then EOF", func(s *Stdin) { s.Write([]byte("ab")); s.Close() }, []string{"ab", "EOF", "EOF"}},
		{"abort", func(s *Stdin) { s.Write([]byte("ab")); s.Abort() }, []string{"STOP"}},
		{"closed empty", func(s *Stdin) { s.Close() }, []string{"EOF"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewStdin()
			tt.feed(s)
			for i, want := range tt.reads {
				buf := make([]byte, 10)
				n, err := s.Read(buf)
				got := string(buf[:n])
				switch {
				case errors.Is(err, io.EOF):
					got = "EOF"
				case errors.Is(err, ErrStopped):
					got = "STOP"
				case err != nil:
					t.Fatalf("read %d: %v", i, err)
				}
				if got != want {
					t.Errorf("read %d = %q, want %q", i, got, want)
				}
			}
		})
	}
}

// A read blocks until input arrives, and says it is waiting meanwhile.
func TestStdinBlocks(t *testing.T) {
	s := NewStdin()
	waits := make(chan bool, 4)
	s.onWait = func(w bool) { waits <- w }
	got := make(chan string)
	go func() {
		buf := make([]byte, 10)
		n, _ := s.Read(buf)
		got <- string(buf[:n])
	}()
	if w := <-waits; !w {
		t.Fatal("first notification is not 'waiting'")
	}
	if !s.Waiting() {
		t.Error("Waiting() = false while a read is blocked")
	}
	s.Write([]byte("typed\n"))
	if g := <-got; g != "typed\n" {
		t.Errorf("read %q", g)
	}
	if w := <-waits; w {
		t.Error("second notification is not 'done waiting'")
	}
	if _, err := s.Write(nil); err != nil {
		t.Errorf("write to open stdin: %v", err)
	}
	s.Close()
	if _, err := s.Write([]byte("x")); err == nil {
		t.Error("write after Close succeeded")
	}
}
