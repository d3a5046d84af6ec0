package wasi

// The ABI of wasi_snapshot_preview1 as its witx files define it: numeric
// values of every enum and flag set, and the byte layout of the structures
// that cross the boundary through linear memory.

// Errno is a WASI error code (witx `errno`, u16).
type Errno uint16

// Error codes, in witx order.
const (
	ErrnoSuccess Errno = iota
	Errno2big
	ErrnoAcces
	ErrnoAddrinuse
	ErrnoAddrnotavail
	ErrnoAfnosupport
	ErrnoAgain
	ErrnoAlready
	ErrnoBadf
	ErrnoBadmsg
	ErrnoBusy
	ErrnoCanceled
	ErrnoChild
	ErrnoConnaborted
	ErrnoConnrefused
	ErrnoConnreset
	ErrnoDeadlk
	ErrnoDestaddrreq
	ErrnoDom
	ErrnoDquot
	ErrnoExist
	ErrnoFault
	ErrnoFbig
	ErrnoHostunreach
	ErrnoIdrm
	ErrnoIlseq
	ErrnoInprogress
	ErrnoIntr
	ErrnoInval
	ErrnoIo
	ErrnoIsconn
	ErrnoIsdir
	ErrnoLoop
	ErrnoMfile
	ErrnoMlink
	ErrnoMsgsize
	ErrnoMultihop
	ErrnoNametoolong
	ErrnoNetdown
	ErrnoNetreset
	ErrnoNetunreach
	ErrnoNfile
	ErrnoNobufs
	ErrnoNodev
	ErrnoNoent
	ErrnoNoexec
	ErrnoNolck
	ErrnoNolink
	ErrnoNomem
	ErrnoNomsg
	ErrnoNoprotoopt
	ErrnoNospc
	ErrnoNosys
	ErrnoNotconn
	ErrnoNotdir
	ErrnoNotempty
	ErrnoNotrecoverable
	ErrnoNotsock
	ErrnoNotsup
	ErrnoNotty
	ErrnoNxio
	ErrnoOverflow
	ErrnoOwnerdead
	ErrnoPerm
	ErrnoPipe
	ErrnoProto
	ErrnoProtonosupport
	ErrnoPrototype
	ErrnoRange
	ErrnoRofs
	ErrnoSpipe
	ErrnoSrch
	ErrnoStale
	ErrnoTimedout
	ErrnoTxtbsy
	ErrnoXdev
	ErrnoNotcapable
)

var errnoNames = [...]string{
	"success", "2big", "acces", "addrinuse", "addrnotavail", "afnosupport",
	"again", "already", "badf", "badmsg", "busy", "canceled", "child",
	"connaborted", "connrefused", "connreset", "deadlk", "destaddrreq", "dom",
	"dquot", "exist", "fault", "fbig", "hostunreach", "idrm", "ilseq",
	"inprogress", "intr", "inval", "io", "isconn", "isdir", "loop", "mfile",
	"mlink", "msgsize", "multihop", "nametoolong", "netdown", "netreset",
	"netunreach", "nfile", "nobufs", "nodev", "noent", "noexec", "nolck",
	"nolink", "nomem", "nomsg", "noprotoopt", "nospc", "nosys", "notconn",
	"notdir", "notempty", "notrecoverable", "notsock", "notsup", "notty",
	"nxio", "overflow", "ownerdead", "perm", "pipe", "proto",
	"protonosupport", "prototype", "range", "rofs", "spipe", "srch", "stale",
	"timedout", "txtbsy", "xdev", "notcapable",
}

// String returns the witx name, "noent" for ErrnoNoent.
func (e Errno) String() string {
	if int(e) < len(errnoNames) {
		return errnoNames[e]
	}
	return "errno(" + itoa(uint64(e)) + ")"
}

// Rights (witx `rights`, u64 bit set).
const (
	RightFdDatasync uint64 = 1 << iota
	RightFdRead
	RightFdSeek
	RightFdFdstatSetFlags
	RightFdSync
	RightFdTell
	RightFdWrite
	RightFdAdvise
	RightFdAllocate
	RightPathCreateDirectory
	RightPathCreateFile
	RightPathLinkSource
	RightPathLinkTarget
	RightPathOpen
	RightFdReaddir
	RightPathReadlink
	RightPathRenameSource
	RightPathRenameTarget
	RightPathFilestatGet
	RightPathFilestatSetSize
	RightPathFilestatSetTimes
	RightFdFilestatGet
	RightFdFilestatSetSize
	RightFdFilestatSetTimes
	RightPathSymlink
	RightPathRemoveDirectory
	RightPathUnlinkFile
	RightPollFdReadwrite
	RightSockShutdown
	RightSockAccept
)

// Rights granted by kind of descriptor.
const (
	rightsAll = RightSockAccept<<1 - 1
	// rightsFile are the rights meaningful on a regular file.
	rightsFile = RightFdDatasync | RightFdRead | RightFdSeek |
		RightFdFdstatSetFlags | RightFdSync | RightFdTell | RightFdWrite |
		RightFdAdvise | RightFdAllocate | RightFdFilestatGet |
		RightFdFilestatSetSize | RightFdFilestatSetTimes | RightPollFdReadwrite
	// rightsDir are the rights meaningful on a directory.
	rightsDir = RightFdFdstatSetFlags | RightFdSync | RightFdAdvise |
		RightPathCreateDirectory | RightPathCreateFile | RightPathLinkSource |
		RightPathLinkTarget | RightPathOpen | RightFdReaddir |
		RightPathReadlink | RightPathRenameSource | RightPathRenameTarget |
		RightPathFilestatGet | RightPathFilestatSetSize |
		RightPathFilestatSetTimes | RightFdFilestatGet |
		RightFdFilestatSetTimes | RightPathSymlink |
		RightPathRemoveDirectory | RightPathUnlinkFile
)

// Filetype (witx `filetype`, u8).
const (
	FiletypeUnknown uint8 = iota
	FiletypeBlockDevice
	FiletypeCharacterDevice
	FiletypeDirectory
	FiletypeRegularFile
	FiletypeSocketDgram
	FiletypeSocketStream
	FiletypeSymbolicLink
)

// Whence (witx `whence`, u8).
const (
	WhenceSet uint8 = iota
	WhenceCur
	WhenceEnd
)

// Fdflags (witx `fdflags`, u16).
const (
	FdflagAppend   uint16 = 1 << 0
	FdflagDsync    uint16 = 1 << 1
	FdflagNonblock uint16 = 1 << 2
	FdflagRsync    uint16 = 1 << 3
	FdflagSync     uint16 = 1 << 4
)

// Oflags (witx `oflags`, u16).
const (
	OflagCreat     uint16 = 1 << 0
	OflagDirectory uint16 = 1 << 1
	OflagExcl      uint16 = 1 << 2
	OflagTrunc     uint16 = 1 << 3
)

// LookupSymlinkFollow is the one lookupflags bit (u32).
const LookupSymlinkFollow uint32 = 1

// Fstflags (witx `fstflags`, u16).
const (
	FstflagAtim    uint16 = 1 << 0
	FstflagAtimNow uint16 = 1 << 1
	FstflagMtim    uint16 = 1 << 2
	FstflagMtimNow uint16 = 1 << 3
)

// Clockid (witx `clockid`, u32).
const (
	ClockRealtime uint32 = iota
	ClockMonotonic
	ClockProcessCPUTime
	ClockThreadCPUTime
)

// Advice (witx `advice`, u8): normal, sequential, random, willneed,
// dontneed, noreuse.
const adviceNoreuse = 5

// Eventtype (witx `eventtype`, u8).
const (
	EventtypeClock uint8 = iota
	EventtypeFdRead
	EventtypeFdWrite
)

// SubclockAbstime is the one subclockflags bit (u16).
const SubclockAbstime uint16 = 1

// EventrwflagHangup is the one eventrwflags bit (u16).
const EventrwflagHangup uint16 = 1

// preopentypeDir is the one preopentype (u8).
const preopentypeDir = 0

// Signals (witx `signal`, u8) run from 0 (none) to 30 (sys).
const maxSignal = 30

// Structure sizes.
const (
	sizeIovec        = 8  // buf u32 @0, buf_len u32 @4
	sizeFdstat       = 24 // filetype u8 @0, flags u16 @2, rights_base u64 @8, rights_inheriting u64 @16
	sizeFilestat     = 64 // dev @0, ino @8, filetype u8 @16, nlink @24, size @32, atim @40, mtim @48, ctim @56
	sizeDirent       = 24 // d_next u64 @0, d_ino u64 @8, d_namlen u32 @16, d_type u8 @20
	sizePrestat      = 8  // tag u8 @0, pr_name_len u32 @4
	sizeSubscription = 48 // userdata u64 @0, tag u8 @8, union @16
	sizeEvent        = 32 // userdata u64 @0, error u16 @8, type u8 @10, nbytes u64 @16, flags u16 @24
)

func itoa(v uint64) string {
	if v == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for v > 0 {
		i--
		b[i] = byte('0' + v%10)
		v /= 10
	}
	return string(b[i:])
}
