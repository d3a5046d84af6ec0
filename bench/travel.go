package bench

import (
	"bytes"
	"fmt"
	"io"
	"math/rand"
	"runtime"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/wasmscope/wasmscope/vm"
	"github.com/wasmscope/wasmscope/vm/debug"
	"github.com/wasmscope/wasmscope/wasi"
	"github.com/wasmscope/wasmscope/wasi/runner"
)

// Travel is a run recorded for stepping backwards: ours under vm/debug's
// Debugger with snapshots (Debugger.Record) and the host calls recorded,
// unlogged (SetLogging(false)), as the page's time travel runs forward.
type Travel struct{}

// Name implements Engine.
func (Travel) Name() string { return "ours+timetravel" }

// Compile implements Engine.
func (Travel) Compile(wasm []byte) error { return Ours{}.Compile(wasm) }

// Load implements Engine.
func (Travel) Load(w Workload, wasm []byte) (Loaded, error) {
	m, err := vm.CompileBinary(wasm)
	if err != nil {
		return nil, fmt.Errorf("ours: compiling %s: %w", w.Name, err)
	}
	return &travelLoaded{w: w, m: m}, nil
}

type travelLoaded struct {
	w Workload
	m *vm.Module
}

func (l *travelLoaded) Run(size int32) (string, error) {
	r, err := recordRun(l.w, l.m, size)
	if err != nil {
		return "", err
	}
	return r.sum, nil
}

func (l *travelLoaded) Close() {}

// recorded is a finished recorded run, its debugger attached to the
// execution, ready to go back.
type recorded struct {
	d     *debug.Debugger
	inst  *vm.Instance
	sum   string
	total uint64 // instructions the execution ran
}

// recordRun runs w with size recorded for time travel (see Travel). A WASI
// program runs as runner sequences it, and its _start is the execution
// recorded (its start function, if any, runs before, unrecorded).
func recordRun(w Workload, m *vm.Module, size int32) (*recorded, error) {
	rec := &debug.Recorder{}
	d := debug.New(m)
	d.SetLogging(false)
	d.Record(rec)
	if w.Kind == Go {
		return recordWASI(w, m, size, rec, d)
	}
	inst, err := vm.NewStore(vm.Config{}).Instantiate(m)
	if err != nil {
		return nil, fmt.Errorf("ours: instantiating %s: %w", w.Name, err)
	}
	ex, err := inst.Call("run", vm.I32(size))
	if err != nil {
		return nil, fmt.Errorf("ours: %s: %w", w.Name, err)
	}
	d.Attach(ex)
	st := d.Continue()
	if st.Reason != debug.Returned || st.Err != nil {
		return nil, fmt.Errorf("ours: %s: recorded run ended %v: %v", w.Name, st.Reason, st.Err)
	}
	res := ex.Results()
	if len(res) != 1 {
		return nil, fmt.Errorf("ours: %s: run returned %d results, want 1", w.Name, len(res))
	}
	return &recorded{d: d, inst: inst, total: d.Executed(), sum: strconv.FormatUint(res[0].Lo, 10)}, nil
}

// recordWASI runs the WASI command w with d attached to its _start.
func recordWASI(w Workload, m *vm.Module, size int32, rec *debug.Recorder, d *debug.Debugger) (*recorded, error) {
	var out bytes.Buffer
	sys, err := wasi.New(wasi.Config{Args: []string{w.Name, strconv.Itoa(int(size))}, Stdout: &out})
	if err != nil {
		return nil, err
	}
	defer sys.Close()
	rec.TrackFiles(sys.FS(), sys.FilesChanged)
	run := runner.Start(m, runner.Config{Host: rec.WrapReported(wasi.ModuleName, sys.Funcs()), Prepare: func(st runner.Step, ex *vm.Execution) {
		if st.Kind == runner.Command {
			d.Attach(ex)
		}
	}})
	for run.Result() == nil && run.Step().Kind == runner.StartFunc {
		run.Slice(-1)
	}
	var st debug.Stop
	run.Advance(func(*vm.Execution) (vm.Status, error) {
		st = d.Continue()
		if st.Reason == debug.Returned || st.Reason == debug.Exited || st.Reason == debug.Trapped {
			return vm.Done, st.Err
		}
		return vm.Paused, nil
	})
	res := run.Result()
	if res == nil {
		return nil, fmt.Errorf("ours: %s: recorded run stopped: %v", w.Name, st.Reason)
	}
	if code, ok := res.Exit(); !ok || code != 0 {
		return nil, fmt.Errorf("ours: %s: recorded run ended %s in %s (exit %d): %v %v", w.Name, res.Kind, res.Step, res.ExitCode, res.Trap, res.Err)
	}
	return &recorded{d: d, inst: run.Instance(), total: d.Executed(), sum: strings.TrimSpace(out.String())}, nil
}

// TravelRow is one line of the time-travel table.
type TravelRow struct {
	Workload     string
	Instructions uint64
	Plain, Rec   time.Duration // untraced and recorded runs (fastest of reps)
	// Jumps are the times of going back to random instruction counts of the
	// recorded run (Debugger.Goto), in CPU time.
	Jumps []time.Duration
	// Snapshots, SnapBytes: the snapshots kept at the end and what they
	// and the host-call record hold; Guest: the guest's memory then.
	Snapshots, SnapBytes, Guest int
}

// RecRatio is the recorded run's time over the untraced one's.
func (r TravelRow) RecRatio() float64 { return r.Rec.Seconds() / r.Plain.Seconds() }

// MemRatio is the snapshots' bytes over the guest's memory.
func (r TravelRow) MemRatio() float64 { return float64(r.SnapBytes) / float64(r.Guest) }

// JumpStats returns the mean and the longest jump.
func (r TravelRow) JumpStats() (mean, longest time.Duration) {
	for _, j := range r.Jumps {
		mean += j
		longest = max(longest, j)
	}
	if len(r.Jumps) > 0 {
		mean /= time.Duration(len(r.Jumps))
	}
	return mean, longest
}

// MeasureTravel measures time travel on w at size: the untraced run and
// the recorded run (reps each, taking turns, the fastest kept, checksums
// compared), then jumps back to random instruction counts of one
// recorded run (seeded: the same points each time), each checked to arrive.
func MeasureTravel(w Workload, wasm []byte, size int32, reps, jumps int) (TravelRow, error) {
	row := TravelRow{Workload: w.Name}
	rs, err := Measure([]Engine{Ours{}, Travel{}}, w, wasm, size, reps)
	if err != nil {
		return row, err
	}
	if rs[0].Checksum != rs[1].Checksum {
		return row, fmt.Errorf("%s: the recorded run's checksum is %s, the untraced run's %s", w.Name, rs[1].Checksum, rs[0].Checksum)
	}
	row.Plain, row.Rec = rs[0].Min, rs[1].Min
	m, err := vm.CompileBinary(wasm)
	if err != nil {
		return row, err
	}
	r, err := recordRun(w, m, size)
	if err != nil {
		return row, err
	}
	row.Instructions, row.Snapshots, row.SnapBytes = r.total, r.d.Snapshots(), r.d.SnapshotBytes()
	for _, mem := range r.inst.Runtime().Mems {
		row.Guest += len(mem.Data)
	}
	rnd := rand.New(rand.NewSource(1))
	for range jumps {
		n := uint64(rnd.Int63n(int64(r.total)))
		runtime.GC()
		start := Now()
		st := r.d.Goto(n)
		d := Now() - start
		if st.Reason != debug.Stepped || r.d.Executed() != n {
			return row, fmt.Errorf("%s: going back to %d: %v %v (at %d)", w.Name, n, st.Reason, st.Err, r.d.Executed())
		}
		row.Jumps = append(row.Jumps, d)
	}
	return row, nil
}

// WriteTravelTable prints the time-travel table with the geometric mean
// of the recording ratios and the longest jump last.
func WriteTravelTable(out io.Writer, platform string, rows []TravelRow) error {
	tw := tabwriter.NewWriter(out, 0, 0, 1, ' ', 0)
	fmt.Fprintf(tw, "| %s\t| instructions\t| untraced\t| recorded\t| recorded/untraced\t| jump back, mean\t| longest\t| snapshots\t| snapshot bytes / guest memory\t|\n", platform)
	fmt.Fprintf(tw, "|---\t|---:\t|---:\t|---:\t|---:\t|---:\t|---:\t|---:\t|---:\t|\n")
	ratios := make([]float64, len(rows))
	var longest time.Duration
	for i, r := range rows {
		ratios[i] = r.RecRatio()
		mean, lo := r.JumpStats()
		longest = max(longest, lo)
		mem := fmt.Sprintf("%d KiB / no memory", r.SnapBytes>>10)
		if r.Guest > 0 {
			mem = fmt.Sprintf("%d KiB / %d KiB = %.2f×", r.SnapBytes>>10, r.Guest>>10, r.MemRatio())
		}
		fmt.Fprintf(tw, "| %s\t| %.1fM\t| %s\t| %s\t| %.2f×\t| %s\t| %s\t| %d\t| %s\t|\n", r.Workload, float64(r.Instructions)/1e6,
			ms(r.Plain), ms(r.Rec), ratios[i], ms(mean), ms(lo), r.Snapshots, mem)
	}
	fmt.Fprintf(tw, "| **geomean / longest**\t|\t|\t|\t| **%.2f×**\t|\t| **%s**\t|\t|\t|\n", geomean(ratios), ms(longest))
	return tw.Flush()
}
