//! wasitest exercises WASI through Rust's standard library: arguments,
//! environment, stdin/stdout/stderr, files and directories, clocks,
//! sleeping and the exit status. It works in the directory named by its
//! first argument and exits with the status given as its second; the test
//! compares its output line by line.
use std::env;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufRead, Read, Seek, SeekFrom, Write};
use std::process;
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

fn check<T, E: std::fmt::Display>(r: Result<T, E>, what: &str) -> T {
    match r {
        Ok(v) => v,
        Err(e) => {
            eprintln!("FAIL {}: {}", what, e);
            process::exit(1);
        }
    }
}

fn main() {
    let args: Vec<String> = env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: wasitest DIR STATUS [ARGS...]");
        process::exit(2);
    }
    println!("argc={}", args.len());
    for (i, a) in args.iter().enumerate().skip(3) {
        println!("arg[{}]={}", i, a);
    }
    println!("GREETING={}", env::var("GREETING").unwrap_or_else(|_| "(unset)".to_string()));

    let mut line = String::new();
    if io::stdin().lock().read_line(&mut line).unwrap_or(0) > 0 {
        print!("stdin: {}", line);
    }
    eprintln!("to stderr");

    let dir = std::path::Path::new(&args[1]);
    let d = dir.join("d");
    check(fs::create_dir(&d), "mkdir");
    let a = d.join("a.txt");
    let mut f = check(OpenOptions::new().read(true).write(true).create(true).open(&a), "create");
    check(f.write_all(b"hello, file\n"), "write");
    check(f.seek(SeekFrom::Start(7)), "seek");
    let mut rest = String::new();
    check(f.read_to_string(&mut rest), "read");
    print!("read after seek: {}", rest);
    check(f.set_len(5), "truncate");
    let md = check(f.metadata(), "metadata");
    println!("size after truncate: {} regular={}", md.len(), md.is_file() as i32);
    let mtime = check(md.modified(), "mtime");
    println!("mtime recent: {}", if mtime > UNIX_EPOCH + Duration::from_secs(1577836800) { "yes" } else { "no" });
    drop(f);

    let b = d.join("b.txt");
    check(fs::rename(&a, &b), "rename");
    println!("old name exists: {}", a.exists());
    check(File::create(d.join("c.txt")), "create c");
    check(fs::create_dir(d.join("sub")), "mkdir sub");
    let mut names: Vec<String> = check(fs::read_dir(&d), "read_dir")
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    println!("readdir: {}", names.join(" "));
    println!("remove non-empty dir fails: {}", fs::remove_dir(&d).is_err());
    check(fs::remove_dir(d.join("sub")), "rmdir");
    check(fs::remove_file(&b), "unlink b");
    check(fs::remove_file(d.join("c.txt")), "unlink c");
    check(fs::remove_dir(&d), "rmdir d");
    println!("d exists: {}", d.exists());
    println!("files ok");

    let t0 = Instant::now();
    thread::sleep(Duration::from_millis(20));
    println!("slept at least 20ms: {}", if t0.elapsed() >= Duration::from_millis(20) { "yes" } else { "no" });
    let now = check(SystemTime::now().duration_since(UNIX_EPOCH), "realtime");
    println!("realtime after 2020: {}", if now.as_secs() > 1577836800 { "yes" } else { "no" });
    check(io::stdout().flush(), "flush");
    process::exit(args[2].parse().unwrap_or(1));
}
