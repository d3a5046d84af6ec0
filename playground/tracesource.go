package playground

// SetSource makes the trace's instruction rows end with the source
// position source gives for their module offset ("cio.c:29", from the
// program's DWARF), until the next Reset.
func (t *Trace) SetSource(source func(offset uint32) string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.fmt.Source = source
}
