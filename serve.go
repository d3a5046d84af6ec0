//go:build ignore

// serve.go serves the playground: "go run serve.go" rebuilds static/ with
// build.sh when a source is newer than static/main.wasm (or only the
// JavaScript bundle, "./build.sh ui", when a file of web/js is newer than
// static/ui.js), then serves static/ at http://localhost:8080 (-addr to
// change). Building needs Go, and Node with npm for the bundle.
//
// It serves nothing outside static/, no dotfiles, lists no directories,
// sends .wasm as application/wasm, compresses with gzip what the client
// accepts and allows any origin to fetch the files (Access-Control-Allow-
// Origin: *), so a page elsewhere can embed the playground from it. While
// it builds it says what it is doing and for how long.
//
// RATIONALE: compressed bodies are kept in memory per file and modification
// time, so main.wasm is compressed once (at the best level, as a static host
// would precompress it) and every response carries its exact Content-Length;
// files sent as they are stream from disk. Compressed responses carry it too:
// the e2e suite reads the gzipped size of main.wasm off the wire. Brotli
// would need a dependency outside the standard library; gzip is enough for a
// development server.
package main

import (
	"bytes"
	"compress/gzip"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log"
	"mime"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// sources are the paths whose files go into static/main.wasm or the built
// examples; a file under them newer than main.wasm triggers a rebuild.
// uiSources go into static/ui.js (the bundle of the page's JavaScript
// libraries, "./build.sh ui"). Folders named node_modules are skipped:
// they are installed, not written.
var (
	sources   = []string{"go.mod", "go.sum", "build.sh", "vm", "wasi", "playground", "web", "static/examples/src"}
	uiSources = []string{"web/js"}
)

func main() {
	addr := flag.String("addr", "localhost:8080", "address to listen on")
	noBuild := flag.Bool("nobuild", false, "serve static/ as it is, without rebuilding")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("serve: ")

	if !*noBuild {
		stale, why, err := isStale()
		if err != nil {
			log.Fatal(err)
		}
		if stale {
			log.Printf("building the playground (./build.sh: main.wasm with Go, ui.js with npm and esbuild, the examples) because %s; a fresh clone takes a few minutes", why)
			if err := build(); err != nil {
				log.Fatalf("./build.sh: %v", err)
			}
		} else if stale, why, err := uiStale(); err != nil {
			log.Fatal(err)
		} else if stale {
			log.Printf("bundling the page's JavaScript (./build.sh ui: npm ci if needed, esbuild) because %s", why)
			if err := build("ui"); err != nil {
				log.Fatalf("./build.sh ui: %v", err)
			}
		}
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	root, err := os.OpenRoot("static")
	if err != nil {
		log.Fatal(err)
	}
	h := &server{root: root}
	// Compress the big file before the first visitor asks for it, so the
	// first page load is as fast as the next ones.
	if info, err := root.Stat("main.wasm"); err == nil {
		if body, err := root.ReadFile("main.wasm"); err == nil {
			h.gzipped("main.wasm", info.ModTime(), body)
		}
	}
	log.Printf("serving static/ at http://%s/", ln.Addr())
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	log.Fatal(srv.Serve(ln))
}

// build runs ./build.sh, saying every 15 s that it still runs: compiling
// main.wasm prints nothing for a minute or more.
func build(args ...string) error {
	cmd := exec.Command("./build.sh", args...)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	tick := time.NewTicker(15 * time.Second)
	defer tick.Stop()
	for {
		select {
		case err := <-done:
			if err == nil {
				log.Printf("built in %s", time.Since(start).Round(time.Second))
			}
			return err
		case <-tick.C:
			log.Printf("still building (%s so far)…", time.Since(start).Round(time.Second))
		}
	}
}

// isStale reports whether static/main.wasm or wasm_exec.js is missing or
// older than a source file, and says why.
func isStale() (bool, string, error) {
	built, err := os.Stat("static/main.wasm")
	if err != nil {
		return true, "static/main.wasm is missing", nil
	}
	if _, err := os.Stat("static/wasm_exec.js"); err != nil {
		return true, "static/wasm_exec.js is missing", nil
	}
	return newerThan(built, "static/main.wasm", sources, "web/js")
}

// uiStale reports whether static/ui.js is missing or older than its
// sources.
func uiStale() (bool, string, error) {
	built, err := os.Stat("static/ui.js")
	if err != nil {
		return true, "static/ui.js is missing", nil
	}
	return newerThan(built, "static/ui.js", uiSources, "")
}

// newerThan reports whether a file under srcs (but not under skip, nor in
// a node_modules folder) is newer than built, and says which.
func newerThan(built fs.FileInfo, name string, srcs []string, skip string) (bool, string, error) {
	var newer string
	for _, src := range srcs {
		err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				if p == skip || d.Name() == "node_modules" {
					return fs.SkipDir
				}
				return nil
			}
			info, err := d.Info()
			if err != nil {
				return err
			}
			if info.ModTime().After(built.ModTime()) {
				newer = p
				return fs.SkipAll
			}
			return nil
		})
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return false, "", fmt.Errorf("checking %s: %w", src, err)
		}
		if newer != "" {
			return true, newer + " is newer than " + name, nil
		}
	}
	return false, "", nil
}

type server struct {
	// root confines every file access to static/, symbolic links included.
	root *os.Root
	mu   sync.Mutex
	gz   map[string]gzEntry // by file path
}

type gzEntry struct {
	mod  time.Time
	body []byte
}

// compressible lists the extensions worth gzipping (images are already
// compressed).
var compressible = map[string]bool{
	".wasm": true, ".js": true, ".mjs": true, ".css": true, ".html": true,
	".wat": true, ".txt": true, ".json": true, ".svg": true, ".c": true, ".go": true, ".md": true,
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	// path.Clean of a rooted path never climbs above "/"; os.Root refuses
	// anything that would still escape static/.
	name := path.Clean("/" + r.URL.Path)
	if name == "/favicon.ico" {
		name = "/favicon.svg"
	}
	// Dotfiles (.gitignore, an editor's swap file) are nobody's business.
	if strings.Contains(name, "/.") {
		http.NotFound(w, r)
		return
	}
	if strings.HasSuffix(name, "/index.html") {
		http.Redirect(w, r, strings.TrimSuffix(name, "index.html"), http.StatusMovedPermanently)
		return
	}
	file := strings.TrimPrefix(name, "/")
	if file == "" {
		file = "."
	}
	info, err := s.root.Stat(file)
	if err == nil && info.IsDir() {
		// A directory is served by its index.html or not at all.
		if !strings.HasSuffix(r.URL.Path, "/") {
			http.Redirect(w, r, name+"/", http.StatusMovedPermanently)
			return
		}
		file = path.Join(file, "index.html")
		info, err = s.root.Stat(file)
	}
	if err != nil || !info.Mode().IsRegular() {
		http.NotFound(w, r)
		return
	}

	ext := path.Ext(file)
	ctype := mime.TypeByExtension(ext)
	switch ext {
	case ".wasm":
		ctype = "application/wasm"
	case ".wat", ".c", ".go", ".md":
		ctype = "text/plain; charset=utf-8"
	}
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	h := w.Header()
	h.Set("Content-Type", ctype)
	// Any page may embed the playground (embed.js fetches main.wasm and
	// the worker from here).
	h.Set("Access-Control-Allow-Origin", "*")
	h.Set("X-Content-Type-Options", "nosniff")
	// Development server: always revalidate, so a rebuild shows on reload.
	h.Set("Cache-Control", "no-cache")
	h.Set("Last-Modified", info.ModTime().UTC().Format(http.TimeFormat))
	if t, err := http.ParseTime(r.Header.Get("If-Modified-Since")); err == nil && !info.ModTime().Truncate(time.Second).After(t) {
		w.WriteHeader(http.StatusNotModified)
		return
	}

	if compressible[ext] && acceptsGzip(r) {
		h.Add("Vary", "Accept-Encoding")
		gz, err := s.gzippedFile(file, info.ModTime())
		if err != nil {
			http.Error(w, "compressing "+name+": "+err.Error(), http.StatusInternalServerError)
			return
		}
		h.Set("Content-Encoding", "gzip")
		h.Set("Content-Length", strconv.Itoa(len(gz)))
		if r.Method != http.MethodHead {
			w.Write(gz)
		}
		return
	}
	f, err := s.root.Open(file)
	if err != nil {
		http.Error(w, "opening "+name+": "+err.Error(), http.StatusInternalServerError)
		return
	}
	defer f.Close()
	h.Set("Content-Length", strconv.FormatInt(info.Size(), 10))
	if r.Method == http.MethodHead {
		return
	}
	io.Copy(w, f)
}

// gzippedFile returns the gzip encoding of a file, reading and
// compressing it only when it changed since the last request.
func (s *server) gzippedFile(file string, mod time.Time) ([]byte, error) {
	s.mu.Lock()
	e, ok := s.gz[file]
	s.mu.Unlock()
	if ok && e.mod.Equal(mod) {
		return e.body, nil
	}
	body, err := s.root.ReadFile(file)
	if err != nil {
		return nil, err
	}
	return s.gzipped(file, mod, body)
}

// gzipped returns the gzip encoding of a file's body, compressing it only
// when the file changed since the last request.
func (s *server) gzipped(file string, mod time.Time, body []byte) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if e, ok := s.gz[file]; ok && e.mod.Equal(mod) {
		return e.body, nil
	}
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(body); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	if s.gz == nil {
		s.gz = make(map[string]gzEntry)
	}
	s.gz[file] = gzEntry{mod: mod, body: buf.Bytes()}
	return buf.Bytes(), nil
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		enc, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.TrimSpace(enc) == "gzip" && strings.ReplaceAll(strings.TrimSpace(q), " ", "") != "q=0" {
			return true
		}
	}
	return false
}
