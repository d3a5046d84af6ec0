// v8.js runs a benchmark module on Node's own WebAssembly (V8 compiling
// it to machine code), the reference the engine is measured against. It is
// used two ways, by the same code:
//
//   - Natively, the Go side starts `node v8.js serve MODULE KIND NAME` and
//     writes one size per line on stdin; each run's reply is a line
//     "ok CPU_MICROSECONDS CHECKSUM" (or "error MESSAGE"), the CPU time
//     being process.cpuUsage() around instantiate + run, as the Go
//     harness measures its own engines. `node v8.js compile MODULE`
//     prints the CPU time of compiling the module; `node v8.js start
//     MODULE ARGS...` runs a WASI command once with the process's stdout
//     and stderr (the large-module start-up measurement).
//   - Under GOOS=js (the harness itself running in Node), the Go side
//     evaluates this file and calls the object it evaluates to directly,
//     in the same process.
//
// The WASI here is the least the workloads need: args, environ, clocks,
// random, fd_write to stdout and stderr, proc_exit, the fd_fdstat and
// fd_prestat calls Go's runtime makes at start-up, and poll_oneoff for
// sleeping; every other preview1 function returns ENOSYS.
(function () {
  'use strict';

  const ESUCCESS = 0, EBADF = 8, EINVAL = 28, ENOSYS = 52;

  // WasiExit is thrown by proc_exit to unwind the module.
  class WasiExit {
    constructor(code) { this.code = code; }
  }

  // wasi returns the preview1 imports for module m. write(fd, bytes)
  // receives what the program writes to fds 1 and 2.
  function wasi(m, args, env, write) {
    let memory = null;
    const view = () => new DataView(memory.buffer);
    const bytes = () => new Uint8Array(memory.buffer);
    const enc = new TextEncoder();
    const strs = (list) => list.map((s) => enc.encode(s + '\0'));
    const argv = strs(args), envv = strs(env);
    const sizes = (list, countPtr, sizePtr) => {
      const v = view();
      v.setUint32(countPtr, list.length, true);
      v.setUint32(sizePtr, list.reduce((n, b) => n + b.length, 0), true);
      return ESUCCESS;
    };
    const put = (list, ptrs, buf) => {
      const v = view(), b = bytes();
      for (const s of list) {
        v.setUint32(ptrs, buf, true);
        ptrs += 4;
        b.set(s, buf);
        buf += s.length;
      }
      return ESUCCESS;
    };
    const now = (id) => {
      if (id === 0) return BigInt(Math.round((performance.timeOrigin + performance.now()) * 1e6));
      return process.hrtime.bigint();
    };
    const sleeper = new Int32Array(new SharedArrayBuffer(4));
    const fns = {
      args_sizes_get: (c, s) => sizes(argv, c, s),
      args_get: (p, b) => put(argv, p, b),
      environ_sizes_get: (c, s) => sizes(envv, c, s),
      environ_get: (p, b) => put(envv, p, b),
      clock_res_get: (id, p) => { view().setBigUint64(p, 1000n, true); return ESUCCESS; },
      clock_time_get: (id, precision, p) => {
        if (id > 3) return EINVAL;
        view().setBigUint64(p, now(id), true);
        return ESUCCESS;
      },
      random_get: (p, n) => {
        for (let i = 0; i < n; i += 65536) {
          crypto.getRandomValues(new Uint8Array(memory.buffer, p + i, Math.min(65536, n - i)));
        }
        return ESUCCESS;
      },
      fd_write: (fd, iovs, n, written) => {
        if (fd !== 1 && fd !== 2) return EBADF;
        const v = view();
        let total = 0;
        for (let i = 0; i < n; i++) {
          const ptr = v.getUint32(iovs + 8 * i, true), len = v.getUint32(iovs + 8 * i + 4, true);
          write(fd, new Uint8Array(memory.buffer, ptr, len));
          total += len;
        }
        v.setUint32(written, total, true);
        return ESUCCESS;
      },
      fd_fdstat_get: (fd, p) => {
        if (fd > 2) return EBADF;
        const v = view();
        for (let i = 0; i < 24; i += 8) v.setBigUint64(p + i, 0n, true);
        v.setUint8(p, 2); // character device
        v.setBigUint64(p + 8, 0xffffffffn, true);
        return ESUCCESS;
      },
      fd_fdstat_set_flags: (fd) => (fd > 2 ? EBADF : ESUCCESS),
      fd_prestat_get: () => EBADF, // no preopened directories
      fd_close: (fd) => (fd > 2 ? EBADF : ESUCCESS),
      sched_yield: () => ESUCCESS,
      proc_exit: (code) => { throw new WasiExit(code); },
      // poll_oneoff sleeps until the earliest clock subscription is due
      // and reports it; fd subscriptions are reported ready at once.
      poll_oneoff: (inp, out, nsubs, nevents) => {
        const v = view();
        let wait = -1n;
        for (let i = 0; i < nsubs; i++) {
          const s = inp + 48 * i;
          if (v.getUint8(s + 8) !== 0) { wait = 0n; continue; }
          let t = v.getBigUint64(s + 24, true);
          if (v.getUint16(s + 40, true) & 1) t -= now(v.getUint32(s + 16, true));
          if (t < 0n) t = 0n;
          if (wait < 0n || t < wait) wait = t;
        }
        if (wait > 0n) Atomics.wait(sleeper, 0, 0, Number(wait / 1000000n));
        for (let i = 0; i < nsubs; i++) {
          const s = inp + 48 * i, e = out + 32 * i;
          v.setBigUint64(e, v.getBigUint64(s, true), true);
          v.setUint16(e + 8, ESUCCESS, true);
          v.setUint8(e + 10, v.getUint8(s + 8));
          for (let k = 11; k < 32; k++) v.setUint8(e + k, 0);
        }
        v.setUint32(nevents, nsubs, true);
        return ESUCCESS;
      },
    };
    const imports = {};
    for (const imp of WebAssembly.Module.imports(m)) {
      if (imp.kind !== 'function') continue;
      const mod = imports[imp.module] || (imports[imp.module] = {});
      mod[imp.name] = (imp.module === 'wasi_snapshot_preview1' && fns[imp.name]) || (() => ENOSYS);
    }
    return { imports, setMemory: (mem) => { memory = mem; } };
  }

  // startWASI instantiates m as a WASI command with args and runs _start;
  // it returns the exit code.
  function startWASI(m, args, write) {
    const w = wasi(m, args, [], write);
    const inst = new WebAssembly.Instance(m, w.imports);
    w.setMemory(inst.exports.memory);
    try {
      inst.exports._start();
    } catch (e) {
      if (e instanceof WasiExit) return e.code;
      throw e;
    }
    return 0;
  }

  // load compiles a workload's module (bytes, a Uint8Array) for repeated
  // runs. kind is "go" for a WASI command taking the size as argv[1] and
  // printing its checksum, otherwise the module exports run(size) -> i64.
  // The returned run(size) gives the checksum as text, as the Go engines
  // do (an i64 as unsigned decimal).
  function load(bytes, kind, name) {
    const m = new WebAssembly.Module(bytes);
    if (kind !== 'go') {
      return {
        run(size) {
          const inst = new WebAssembly.Instance(m, {});
          return BigInt.asUintN(64, BigInt(inst.exports.run(size))).toString();
        },
      };
    }
    const dec = new TextDecoder();
    return {
      run(size) {
        let out = '', err = '';
        const code = startWASI(m, [name, String(size)], (fd, b) => {
          if (fd === 1) out += dec.decode(b); else err += dec.decode(b);
        });
        if (code !== 0) throw new Error(`${name}: exit status ${code}: ${err}`);
        return out.trim();
      },
    };
  }

  // compile compiles bytes and forgets the module. A custom section with a
  // counter is appended first, so that no two compilations have the same
  // bytes: V8 would otherwise reuse the compiled module from its cache.
  let compiles = 0;
  function compile(bytes) {
    const tag = new TextEncoder().encode('bench' + (compiles++));
    const b = new Uint8Array(bytes.length + 3 + tag.length);
    b.set(bytes);
    b.set([0, tag.length + 1, tag.length], bytes.length);
    b.set(tag, bytes.length + 3);
    new WebAssembly.Module(b);
  }

  const cpu = () => { const u = process.cpuUsage(); return u.user + u.system; };

  function main(argv) {
    const fs = require('fs');
    const [cmd, file, ...rest] = argv;
    const bytes = fs.readFileSync(file);
    if (cmd === 'compile') {
      const t = cpu();
      compile(bytes);
      process.stdout.write(`ok ${cpu() - t}\n`);
      return;
    }
    if (cmd === 'start') {
      const m = new WebAssembly.Module(bytes);
      process.exitCode = startWASI(m, [file, ...rest], (fd, b) => fs.writeSync(fd, b));
      return;
    }
    if (cmd !== 'serve') throw new Error(`v8.js: unknown command ${cmd}`);
    const [kind, name] = rest;
    const w = load(bytes, kind, name);
    // One size a line on stdin, read synchronously: the runs must not
    // share the process with anything else.
    const buf = Buffer.alloc(4096);
    let pending = '';
    for (;;) {
      let n;
      try {
        n = fs.readSync(0, buf, 0, buf.length, null);
      } catch (e) {
        if (e.code === 'EAGAIN') continue;
        throw e;
      }
      if (n === 0) return;
      pending += buf.toString('utf8', 0, n);
      let nl;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const size = Number(pending.slice(0, nl));
        pending = pending.slice(nl + 1);
        let reply;
        try {
          const t = cpu();
          const sum = w.run(size);
          reply = `ok ${cpu() - t} ${sum}`;
        } catch (e) {
          reply = 'error ' + String(e && e.stack || e).replace(/\n/g, ' | ');
        }
        fs.writeSync(1, reply + '\n');
      }
    }
  }

  const api = { load, compile, startWASI, main };
  if (typeof module === 'object' && typeof require === 'function' && require.main === module) {
    main(process.argv.slice(2));
  }
  return api;
})();
