// Package static holds the checkout's own CSS and JS, embedded in the binary
// and addressed by content hash so browsers may cache them for a year.
package static

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"strings"
	"time"
)

//go:embed *.css *.js
var files embed.FS

type file struct {
	data []byte
	gz   []byte // gzip of data, compressed once at start; nil when it saves nothing
	hash string
}

var index = func() map[string]file {
	m := map[string]file{}
	entries, _ := fs.ReadDir(files, ".") // embedded: cannot fail
	for _, e := range entries {
		b, _ := files.ReadFile(e.Name())
		sum := sha256.Sum256(b)
		f := file{data: b, hash: hex.EncodeToString(sum[:6])}
		var gz bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
		zw.Write(b)
		zw.Close()
		if gz.Len() < len(b) {
			f.gz = gz.Bytes()
		}
		m[e.Name()] = f
	}
	return m
}()

// Path is the URL of a file, with its hash so a new build busts caches.
func Path(name string) string {
	return "/static/" + name + "?v=" + index[name].hash
}

// Handler serves the files under /static/. A request with the current hash
// is cached for a year; any other for five minutes.
func Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, ok := index[strings.TrimPrefix(r.URL.Path, "/static/")]
		if !ok {
			http.NotFound(w, r)
			return
		}
		if r.URL.Query().Get("v") == f.hash {
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			w.Header().Set("Cache-Control", "public, max-age=300")
		}
		w.Header().Add("Vary", "Accept-Encoding")
		data, etag := f.data, `"`+f.hash+`"`
		if f.gz != nil && acceptsGzip(r.Header.Get("Accept-Encoding")) {
			data, etag = f.gz, `"`+f.hash+`-gz"`
			w.Header().Set("Content-Encoding", "gzip")
		}
		w.Header().Set("ETag", etag)
		// ServeContent sets the type from the name and answers If-None-Match.
		http.ServeContent(w, r, r.URL.Path, time.Time{}, bytes.NewReader(data))
	})
}

// acceptsGzip reads Accept-Encoding: gzip listed, and not with q=0.
func acceptsGzip(header string) bool {
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.EqualFold(strings.TrimSpace(name), "gzip") {
			q := strings.ReplaceAll(params, " ", "")
			return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
		}
	}
	return false
}
