// conform checks the same points of WASI preview1 as c/conform.c, printing
// the same lines: through the raw preview1 calls where a point is about
// one call, and through std (std::fs, which opens every directory it
// reads) where a program would use it. Usage: conform DIR, where DIR is a
// preopened directory; it removes everything it made there.
use std::env;
use std::fs;
use std::io::Read;
use std::process::exit;

#[link(wasm_import_module = "wasi_snapshot_preview1")]
extern "C" {
    fn fd_prestat_get(fd: u32, buf: *mut u32) -> u16;
    fn fd_prestat_dir_name(fd: u32, path: *mut u8, len: u32) -> u16;
    fn fd_fdstat_get(fd: u32, buf: *mut u8) -> u16;
    fn fd_fdstat_set_rights(fd: u32, base: u64, inheriting: u64) -> u16;
    fn fd_filestat_get(fd: u32, buf: *mut u64) -> u16;
    fn fd_readdir(fd: u32, buf: *mut u8, len: u32, cookie: u64, used: *mut u32) -> u16;
    fn fd_close(fd: u32) -> u16;
    fn path_open(fd: u32, dirflags: u32, path: *const u8, path_len: u32, oflags: u32, base: u64, inheriting: u64, fdflags: u32, out: *mut u32) -> u16;
    fn path_unlink_file(fd: u32, path: *const u8, len: u32) -> u16;
    fn path_link(ofd: u32, oflags: u32, opath: *const u8, olen: u32, nfd: u32, npath: *const u8, nlen: u32) -> u16;
    fn path_symlink(target: *const u8, tlen: u32, fd: u32, path: *const u8, len: u32) -> u16;
    fn path_rename(fd: u32, opath: *const u8, olen: u32, nfd: u32, npath: *const u8, nlen: u32) -> u16;
    fn path_create_directory(fd: u32, path: *const u8, len: u32) -> u16;
    fn path_filestat_get(fd: u32, flags: u32, path: *const u8, len: u32, buf: *mut u64) -> u16;
}

// stat_follow returns (inode, nlink, is a regular file) of p under dir.
fn stat_follow(dir: u32, p: &str) -> Option<(u64, u64, bool)> {
    let mut st = [0u64; 8];
    if unsafe { path_filestat_get(dir, FOLLOW, p.as_ptr(), p.len() as u32, st.as_mut_ptr()) } != 0 {
        return None;
    }
    Some((st[1], st[3], st[2] & 0xff == 4))
}

const FD_READ: u64 = 1 << 1;
const FD_WRITE: u64 = 1 << 6;
const PATH_OPEN: u64 = 1 << 13;
const PATH_FILESTAT_SET_SIZE: u64 = 1 << 19;
const O_DIRECTORY: u32 = 2;
const O_TRUNC: u32 = 8;
const FOLLOW: u32 = 1;

fn ename(e: u16) -> &'static str {
    match e {
        0 => "ok",
        44 => "ENOENT",
        76 => "ENOTCAPABLE",
        63 => "EPERM",
        32 => "ELOOP",
        20 => "EEXIST",
        54 => "ENOTDIR",
        31 => "EISDIR",
        55 => "ENOTEMPTY",
        28 => "EINVAL",
        8 => "EBADF",
        37 => "ENAMETOOLONG",
        _ => "other",
    }
}

fn say(what: &str, e: u16) {
    println!("{}: {}", what, ename(e));
}

fn yes(what: &str, cond: bool) {
    println!("{}: {}", what, if cond { "yes" } else { "no" });
}

fn preopen(dir: &str) -> u32 {
    for fd in 3..64 {
        let mut ps = [0u32; 2];
        if unsafe { fd_prestat_get(fd, ps.as_mut_ptr()) } != 0 {
            continue;
        }
        let mut name = vec![0u8; ps[1] as usize];
        if unsafe { fd_prestat_dir_name(fd, name.as_mut_ptr(), ps[1]) } == 0 && name == dir.as_bytes() {
            return fd;
        }
    }
    eprintln!("no preopen {}", dir);
    exit(2);
}

// fdstat returns (base, inheriting) rights.
fn fdstat(fd: u32) -> (u64, u64) {
    let mut buf = [0u8; 24];
    if unsafe { fd_fdstat_get(fd, buf.as_mut_ptr()) } != 0 {
        exit(1);
    }
    let word = |i: usize| u64::from_le_bytes([buf[i], buf[i + 1], buf[i + 2], buf[i + 3], buf[i + 4], buf[i + 5], buf[i + 6], buf[i + 7]]);
    (word(8), word(16))
}

fn open_at(dir: u32, p: &str, oflags: u32, base: u64, inh: u64) -> (u32, u16) {
    let mut fd = 0u32;
    let e = unsafe { path_open(dir, FOLLOW, p.as_ptr(), p.len() as u32, oflags, base, inh, 0, &mut fd) };
    (fd, e)
}

fn mkdir(dir: u32, p: &str) -> u16 {
    unsafe { path_create_directory(dir, p.as_ptr(), p.len() as u32) }
}
fn unlink(dir: u32, p: &str) -> u16 {
    unsafe { path_unlink_file(dir, p.as_ptr(), p.len() as u32) }
}
fn symlink(target: &str, dir: u32, p: &str) -> u16 {
    unsafe { path_symlink(target.as_ptr(), target.len() as u32, dir, p.as_ptr(), p.len() as u32) }
}
fn link(dir: u32, old: &str, new: &str) -> u16 {
    unsafe { path_link(dir, 0, old.as_ptr(), old.len() as u32, dir, new.as_ptr(), new.len() as u32) }
}
fn rename(dir: u32, old: &str, new: &str) -> u16 {
    unsafe { path_rename(dir, old.as_ptr(), old.len() as u32, dir, new.as_ptr(), new.len() as u32) }
}

// readdir_all lists dir with buffers of size bufsize, resuming from the
// last whole entry's cookie; it returns the names and the "." inode.
fn readdir_all(dir: u32, bufsize: usize) -> (String, u64) {
    let mut buf = vec![0u8; bufsize];
    let mut cookie = 0u64;
    let mut out = String::new();
    let mut dot = 0u64;
    loop {
        let mut used = 0u32;
        if unsafe { fd_readdir(dir, buf.as_mut_ptr(), bufsize as u32, cookie, &mut used) } != 0 {
            return (String::new(), 0);
        }
        let used = used as usize;
        let mut off = 0;
        let mut whole = 0;
        while off + 24 <= used {
            let le = |i: usize, n: usize| buf[off + i..off + i + n].iter().rev().fold(0u64, |a, b| a << 8 | *b as u64);
            let (next, ino, namlen) = (le(0, 8), le(8, 8), le(16, 4) as usize);
            if off + 24 + namlen > used {
                break;
            }
            let name = String::from_utf8_lossy(&buf[off + 24..off + 24 + namlen]).to_string();
            if name == "." {
                dot = ino;
            }
            out.push_str(&name);
            out.push(' ');
            cookie = next;
            off += 24 + namlen;
            whole += 1;
        }
        if used < bufsize {
            return (out, dot);
        }
        if whole == 0 {
            return (String::new(), 0);
        }
    }
}

fn main() {
    let args: Vec<String> = env::args().collect();
    if args.len() != 2 {
        eprintln!("usage: conform DIR");
        exit(2);
    }
    let pre = preopen(&args[1]);
    let p = |name: &str| format!("{}/{}", args[1], name);

    let (base, inh) = fdstat(pre);
    yes("preopen has directory rights", base & (FD_READ | FD_WRITE) == 0 && base & PATH_OPEN != 0);
    let mut again = 0u32;
    let e = unsafe { path_open(pre, 0, ".".as_ptr(), 1, O_DIRECTORY, base, inh, 0, &mut again) };
    say("reopen preopen with its rights", e);
    if e == 0 {
        yes("reopened has the same rights", fdstat(again).0 == base);
        unsafe { fd_close(again) };
    }
    mkdir(pre, "d");
    say("open directory for reading and writing", open_at(pre, "d", 0, FD_READ | FD_WRITE, FD_READ | FD_WRITE).1);
    // std opens a directory to list it, with the rights it asks of every
    // open.
    let listed = fs::read_dir(p("d"));
    yes("open a directory through the library", listed.is_ok());
    let dir = fs::File::open(p("d"));
    yes("directory has directory rights", dir.map(|f| f.metadata().map(|m| m.is_dir()).unwrap_or(false)).unwrap_or(false));

    fs::write(p("file"), "hello").unwrap();
    say("open file/", open_at(pre, "file/", 0, FD_READ, FD_READ).1);
    say("unlink file/", unlink(pre, "file/"));
    say("link to target/", link(pre, "file", "newlink/"));
    say("symlink to target/", symlink("file", pre, "newsym/"));

    mkdir(pre, "empty");
    mkdir(pre, "full");
    fs::write(p("full/x"), "x").unwrap();
    fs::write(p("d/inside"), "in").unwrap();
    say("rename directory onto an empty one", rename(pre, "d", "empty"));
    say("rename directory onto a full one", rename(pre, "empty", "full"));
    say("moved directory's content", open_at(pre, "empty/inside", 0, FD_READ, FD_READ).1);

    say("symlink absolute", symlink("/etc/passwd", pre, "abs"));

    let (sub, e) = open_at(pre, "full", O_DIRECTORY, base, inh);
    if e != 0 {
        exit(1);
    }
    if unsafe { fd_fdstat_set_rights(sub, base & !PATH_FILESTAT_SET_SIZE, inh) } != 0 {
        exit(1);
    }
    say("O_TRUNC without PATH_FILESTAT_SET_SIZE", open_at(sub, "x", O_TRUNC, FD_READ | FD_WRITE, 0).1);
    say("gain a right back", unsafe { fd_fdstat_set_rights(sub, base, inh) });
    let (weak, e) = open_at(sub, "x", 0, FD_READ | FD_WRITE, 0);
    if e == 0 {
        yes("file rights within the directory's", fdstat(weak).0 & !inh == 0);
        unsafe { fd_close(weak) };
    }

    for i in 0..12 {
        fs::write(p(&format!("full/entry-with-a-long-name-{:02}", i)), "").unwrap();
    }
    let (whole, dot) = readdir_all(sub, 4096);
    let mut st = [0u64; 8];
    if unsafe { fd_filestat_get(sub, st.as_mut_ptr()) } != 0 {
        exit(1);
    }
    yes("readdir . is the directory's inode", dot == st[1] && dot != 0);
    let (pieces, _) = readdir_all(sub, 64);
    yes("readdir resumes exactly", whole == pieces && !whole.is_empty());
    unsafe { fd_close(sub) };

    fs::create_dir(p("ln")).unwrap();
    fs::write(p("ln/target.txt"), "through the link").unwrap();
    say("symlink relative", symlink("ln/target.txt", pre, "rel"));
    println!("readlink: {}", fs::read_link(p("rel")).map(|t| t.display().to_string()).unwrap_or_default());
    let mut s = String::new();
    if fs::File::open(p("rel")).and_then(|mut f| f.read_to_string(&mut s)).is_ok() {
        println!("read through link: {}", s);
    }
    yes("lstat is a link", fs::symlink_metadata(p("rel")).map(|m| m.file_type().is_symlink()).unwrap_or(false));
    let same = |a: &str, b: &str| match (stat_follow(pre, a), stat_follow(pre, b)) {
        (Some(x), Some(y)) => x.2 && x.0 == y.0,
        _ => false,
    };
    yes("stat through link is the file", same("rel", "ln/target.txt"));
    say("symlink to a directory", symlink("ln", pre, "dirlink"));
    yes("open through a directory link", fs::File::open(p("dirlink/target.txt")).is_ok());
    say("symlink dangling", symlink("nothing", pre, "dangling"));
    say("open dangling", open_at(pre, "dangling", 0, FD_READ, FD_READ).1);
    say("symlink climbing out", symlink("../../x", pre, "up"));
    say("open climbing out", open_at(pre, "up", 0, FD_READ, FD_READ).1);
    say("hard link", link(pre, "ln/target.txt", "hard"));
    let nlink = stat_follow(pre, "hard").map(|x| x.1).unwrap_or(0);
    yes("hard link shares the inode", same("hard", "ln/target.txt") && nlink == 2);
    say("unlink the link", unlink(pre, "rel"));
    yes("target still there", fs::metadata(p("ln/target.txt")).is_ok());

    let long = "x/".repeat(1 << 19);
    say("open a 1 MiB path", open_at(pre, &long, 0, FD_READ, FD_READ).1);

    for f in ["file", "full/x", "empty/inside", "hard", "ln/target.txt", "dirlink", "dangling", "up"] {
        let _ = fs::remove_file(p(f));
    }
    for i in 0..12 {
        let _ = fs::remove_file(p(&format!("full/entry-with-a-long-name-{:02}", i)));
    }
    for d in ["full", "empty", "ln"] {
        let _ = fs::remove_dir(p(d));
    }
}
