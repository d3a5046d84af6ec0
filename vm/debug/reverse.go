package debug

// PreviousStop finds where a reverse continue goes: the latest stop at a
// breakpoint or watchpoint before the attached execution's current
// instruction. rerun must attach a re-run of the same execution standing
// before its first instruction (a fresh instance replaying a Recorder);
// PreviousStop runs it forward with the breakpoints, noting each stop, up
// to the current instruction. It returns the instruction count to Goto in
// a further re-run, and false when no stop comes before.
func (d *Debugger) PreviousStop(rerun func() error) (uint64, bool, error) {
	cur := d.Executed()
	if err := rerun(); err != nil {
		return 0, false, err
	}
	// A count breakpoint at the current instruction keeps the re-run
	// inside the record: past it, host calls would reach the system again.
	bound := d.BreakCount(cur)
	budget := d.budget
	d.budget = 0
	defer func() {
		d.budget = budget
		_ = d.Delete(bound.ID)
	}()
	var target uint64
	found := false
	for {
		st := d.Continue()
		if d.Executed() >= cur || st.Reason != AtBreak && st.Reason != AtWatch && st.Reason != AtCount {
			return target, found, nil
		}
		target, found = d.Executed(), true
	}
}
