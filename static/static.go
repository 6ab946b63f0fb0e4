// Package static holds the checkout's own CSS and JS, embedded in the binary
// and addressed by content hash so browsers may cache them for a year.
package static

import (
	"bytes"
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
	hash string
}

var index = func() map[string]file {
	m := map[string]file{}
	entries, _ := fs.ReadDir(files, ".") // embedded: cannot fail
	for _, e := range entries {
		b, _ := files.ReadFile(e.Name())
		sum := sha256.Sum256(b)
		m[e.Name()] = file{data: b, hash: hex.EncodeToString(sum[:6])}
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
		w.Header().Set("ETag", `"`+f.hash+`"`)
		// ServeContent sets the type from the name and answers If-None-Match.
		http.ServeContent(w, r, r.URL.Path, time.Time{}, bytes.NewReader(f.data))
	})
}
