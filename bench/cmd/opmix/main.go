// Command opmix runs workloads on wasmscope's engine with an observer and
// prints the dynamic instruction mix: the most executed Wasm instructions,
// and the most frequent pairs and triples of consecutive instructions in one
// function — the candidates for fused internal instructions.
//
//	cd bench && go run ./cmd/opmix -run 'interp|hash' -top 25
//
// It runs at each workload's check size unless -size is given; the mix of
// these loops barely depends on the size.
package main

import (
	"flag"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"

	"github.com/wasmscope/wasmscope/bench"
	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/syntax"
)

func main() {
	var (
		filter = flag.String("run", "", "only workloads whose name matches this regular expression")
		top    = flag.Int("top", 20, "lines per list")
		size   = flag.Int("size", 0, "the size argument (0: each workload's check size)")
		root   = flag.String("dir", ".", "the bench directory")
	)
	flag.Parse()
	re, err := regexp.Compile(*filter)
	if err != nil {
		fmt.Fprintln(os.Stderr, "opmix: -run:", err)
		os.Exit(2)
	}
	for _, w := range bench.Workloads {
		if !re.MatchString(w.Name) {
			continue
		}
		n := w.CheckSize
		if *size > 0 {
			n = int32(*size)
		}
		if err := mix(*root, w, n, *top); err != nil {
			fmt.Fprintln(os.Stderr, "opmix:", err)
			os.Exit(1)
		}
	}
}

// seq is up to three opcodes, the earliest first; unused places are zero.
type seq [3]syntax.Op

func (s seq) String() string {
	var parts []string
	for _, op := range s {
		if op != 0 {
			parts = append(parts, op.String())
		}
	}
	return strings.Join(parts, " ; ")
}

func mix(root string, w bench.Workload, size int32, top int) error {
	wasm, err := bench.Build(root, w)
	if err != nil {
		return err
	}
	singles := map[seq]int{}
	pairs := map[seq]int{}
	triples := map[seq]int{}
	var total int
	// prev and prev2 are the last two instructions of the current frame;
	// a call or return breaks the sequence.
	var prev, prev2 syntax.Op
	_, err = bench.RunObserved(w, wasm, size, func(e *vm.Event) {
		if e.Kind != vm.EventInstr {
			if e.Kind == vm.EventCall || e.Kind == vm.EventReturn {
				prev, prev2 = 0, 0
			}
			return
		}
		op := e.Instr.Op
		total++
		singles[seq{op}]++
		if prev != 0 {
			pairs[seq{prev, op}]++
			if prev2 != 0 {
				triples[seq{prev2, prev, op}]++
			}
		}
		prev2, prev = prev, op
	})
	if err != nil {
		return err
	}
	fmt.Printf("== %s (size %d): %d instructions executed\n", w.Name, size, total)
	for _, l := range []struct {
		title string
		m     map[seq]int
	}{{"instructions", singles}, {"pairs", pairs}, {"triples", triples}} {
		fmt.Printf("-- %s\n", l.title)
		keys := make([]seq, 0, len(l.m))
		for k := range l.m {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool {
			if l.m[keys[i]] != l.m[keys[j]] {
				return l.m[keys[i]] > l.m[keys[j]]
			}
			return keys[i].String() < keys[j].String()
		})
		for i, k := range keys {
			if i == top {
				break
			}
			fmt.Printf("%6.2f%%  %s\n", 100*float64(l.m[k])/float64(total), k)
		}
	}
	return nil
}
