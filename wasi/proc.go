package wasi

import (
	"io"
	"time"

	"github.com/hack-pad/hackpadfs"
)

// putStrings writes list as NUL-terminated strings at buf and their
// addresses at ptrs (args_get, environ_get).
func putStrings(m *memory, list []string, ptrs, buf uint32) Errno {
	size := uint32(0)
	for _, v := range list {
		size += uint32(len(v)) + 1
	}
	if m.slice(ptrs, uint32(len(list))*4) == nil || m.slice(buf, size) == nil {
		return ErrnoFault
	}
	for i, v := range list {
		m.put32(ptrs+uint32(i)*4, buf)
		copy(m.put(buf, uint32(len(v))), v)
		m.put8(buf+uint32(len(v)), 0)
		buf += uint32(len(v)) + 1
	}
	return ErrnoSuccess
}

func putSizes(m *memory, list []string, count, size uint32) Errno {
	n := uint32(0)
	for _, v := range list {
		n += uint32(len(v)) + 1
	}
	m.put32(count, uint32(len(list)))
	m.put32(size, n)
	return ErrnoSuccess
}

func (s *System) argsGet(m *memory, a []uint64) Errno {
	return putStrings(m, s.args, uint32(a[0]), uint32(a[1]))
}

func (s *System) argsSizesGet(m *memory, a []uint64) Errno {
	return putSizes(m, s.args, uint32(a[0]), uint32(a[1]))
}

func (s *System) environGet(m *memory, a []uint64) Errno {
	return putStrings(m, s.env, uint32(a[0]), uint32(a[1]))
}

func (s *System) environSizesGet(m *memory, a []uint64) Errno {
	return putSizes(m, s.env, uint32(a[0]), uint32(a[1]))
}

// The clocks' resolution: Go's time has nanoseconds; the host's real
// granularity is finer than a microsecond on the platforms we run on.
const clockResolution = 1

func (s *System) clockResGet(m *memory, a []uint64) Errno {
	if uint32(a[0]) > ClockThreadCPUTime {
		return ErrnoInval
	}
	m.put64(uint32(a[1]), clockResolution)
	return ErrnoSuccess
}

func (s *System) clockTimeGet(m *memory, a []uint64) Errno {
	t, errno := s.now(uint32(a[0]))
	if errno != ErrnoSuccess {
		return errno
	}
	m.put64(uint32(a[2]), t)
	return ErrnoSuccess
}

// now reads a clock. The CPU-time clocks count the time since the System
// was made: the program has the engine's one thread to itself while it
// runs, so elapsed time is the closest honest answer the host can give.
func (s *System) now(id uint32) (uint64, Errno) {
	switch id {
	case ClockRealtime:
		return uint64(s.clock.Now().UnixNano()), ErrnoSuccess
	case ClockMonotonic:
		return uint64(s.clock.Nanotime()), ErrnoSuccess
	case ClockProcessCPUTime, ClockThreadCPUTime:
		return uint64(s.clock.Nanotime() - s.start), ErrnoSuccess
	}
	return 0, ErrnoInval
}

func (s *System) randomGet(m *memory, a []uint64) Errno {
	b := m.put(uint32(a[0]), uint32(a[1]))
	if m.fault {
		return ErrnoFault
	}
	if _, err := io.ReadFull(s.random, b); err != nil {
		return ErrnoIo
	}
	return ErrnoSuccess
}

func (s *System) schedYield(m *memory, a []uint64) Errno { return ErrnoSuccess }

// The sockets of preview1 only operate on sockets handed over as preopened
// descriptors; a System has none, so these answer as POSIX does for a
// descriptor that is not a socket.
func (s *System) sockAccept(m *memory, a []uint64) Errno   { return s.notSocket(uint32(a[0])) }
func (s *System) sockRecv(m *memory, a []uint64) Errno     { return s.notSocket(uint32(a[0])) }
func (s *System) sockSend(m *memory, a []uint64) Errno     { return s.notSocket(uint32(a[0])) }
func (s *System) sockShutdown(m *memory, a []uint64) Errno { return s.notSocket(uint32(a[0])) }

func (s *System) notSocket(fd uint32) Errno {
	if _, ok := s.fds[fd]; !ok {
		return ErrnoBadf
	}
	return ErrnoNotsock
}

// subscription is one poll_oneoff subscription, decoded.
type subscription struct {
	userdata uint64
	typ      uint8
	fd       uint32
	deadline int64 // clock: monotonic nanoseconds
	errno    Errno // an error known at decoding time
}

func (s *System) pollOneoff(m *memory, a []uint64) Errno {
	in, out, n, nevents := uint32(a[0]), uint32(a[1]), uint32(a[2]), uint32(a[3])
	if n == 0 {
		return ErrnoInval
	}
	if uint64(n)*sizeSubscription > uint64(len(m.b)) || m.slice(in, n*sizeSubscription) == nil ||
		m.slice(out, n*sizeEvent) == nil || m.slice(nevents, 4) == nil {
		return ErrnoFault
	}
	subs := make([]subscription, n)
	now := s.clock.Nanotime()
	for i := range subs {
		p := in + uint32(i)*sizeSubscription
		sub := &subs[i]
		sub.userdata = m.u64(p)
		sub.typ = m.u8(p + 8)
		switch sub.typ {
		case EventtypeClock:
			id, timeout, flags := m.u32(p+16), m.u64(p+24), m.u16(p+40)
			switch {
			case flags&SubclockAbstime == 0:
				sub.deadline = now + clampNanos(timeout)
			case id == ClockRealtime:
				sub.deadline = now + (clampNanos(timeout) - s.clock.Now().UnixNano())
			case id == ClockMonotonic:
				sub.deadline = clampNanos(timeout)
			case id == ClockProcessCPUTime || id == ClockThreadCPUTime:
				sub.deadline = s.start + clampNanos(timeout)
			}
			if id > ClockThreadCPUTime {
				sub.errno = ErrnoInval
			}
		case EventtypeFdRead, EventtypeFdWrite:
			sub.fd = m.u32(p + 16)
			if _, ok := s.fds[sub.fd]; !ok {
				sub.errno = ErrnoBadf
			}
		default:
			sub.errno = ErrnoInval
		}
	}
	for {
		var events []event
		next := int64(-1)
		waitStdin := false
		now := s.clock.Nanotime()
		for _, sub := range subs {
			ev := event{userdata: sub.userdata, typ: sub.typ, errno: sub.errno}
			switch {
			case sub.errno != ErrnoSuccess:
			case sub.typ == EventtypeClock:
				if sub.deadline > now {
					if next < 0 || sub.deadline < next {
						next = sub.deadline
					}
					continue
				}
			default:
				ready, nbytes, hangup := s.fdReady(sub.fd, sub.typ)
				if !ready {
					waitStdin = true
					continue
				}
				ev.nbytes = nbytes
				if hangup {
					ev.flags = EventrwflagHangup
				}
			}
			events = append(events, ev)
		}
		if len(events) > 0 {
			for i, ev := range events {
				ev.put(m, out+uint32(i)*sizeEvent)
			}
			m.put32(nevents, uint32(len(events)))
			return ErrnoSuccess
		}
		switch {
		case waitStdin && next >= 0:
			t := time.NewTimer(time.Duration(next - now))
			select {
			case <-s.stdin.notify:
			case <-t.C:
			case <-s.wake:
			}
			t.Stop()
		case waitStdin:
			select {
			case <-s.stdin.notify:
			case <-s.wake:
			}
		default:
			s.clock.Sleep(time.Duration(next-now), s.wake)
		}
		if s.interrupted.Load() {
			return ErrnoIntr
		}
	}
}

func clampNanos(v uint64) int64 {
	if v > 1<<62 {
		return 1 << 62
	}
	return int64(v)
}

// fdReady answers a poll for reading or writing fd. Files and output are
// always ready; stdin is ready when input or its end has arrived.
func (s *System) fdReady(fd uint32, typ uint8) (ready bool, nbytes uint64, hangup bool) {
	e := s.fds[fd]
	switch {
	case e.kind == kindStdin && typ == EventtypeFdRead:
		ok, n := s.stdin.ready()
		return ok, uint64(n), ok && n == 0
	case e.kind == kindFile && typ == EventtypeFdRead:
		info, err := e.file.Stat()
		if err != nil {
			return true, 0, false
		}
		pos, err := s.tell(e)
		if err != nil || pos > info.Size() {
			return true, 0, false
		}
		return true, uint64(info.Size() - pos), false
	}
	return true, 0, false
}

func (s *System) tell(e *fdEntry) (int64, error) {
	return hackpadfs.SeekFile(e.file, 0, io.SeekCurrent)
}

// event is witx `event`.
type event struct {
	userdata uint64
	errno    Errno
	typ      uint8
	nbytes   uint64
	flags    uint16
}

func (ev event) put(m *memory, p uint32) {
	m.put64(p, ev.userdata)
	m.put16(p+8, uint16(ev.errno))
	m.put8(p+10, ev.typ)
	m.put8(p+11, 0)
	m.put32(p+12, 0)
	m.put64(p+16, ev.nbytes)
	m.put16(p+24, ev.flags)
	m.put16(p+26, 0)
	m.put32(p+28, 0)
}
