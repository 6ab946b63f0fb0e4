package sandbox

import (
	"embed"
	"io"
	"net/http"
	"path"
	"strings"
	"time"
)

// assets holds the logos (assets/logo/{type}.svg) and the mediahints
// (assets/hint/{key}.gif|mp4).
//
//go:embed assets
var assets embed.FS

// Go's built-in MIME table lacks .mp4, so the types are fixed here.
var assetTypes = map[string]string{".svg": "image/svg+xml", ".gif": "image/gif", ".mp4": "video/mp4"}

// assetHandler serves the embedded files with ranges (video players ask
// for them) and no directory listings.
func assetHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
		ctype, known := assetTypes[path.Ext(name)]
		f, err := assets.Open("assets/" + name)
		if !known || err != nil {
			http.NotFound(w, r)
			return
		}
		defer f.Close()
		rs, seekable := f.(io.ReadSeeker)
		if !seekable {
			http.NotFound(w, r)
			return
		}
		h := w.Header()
		h.Set("Content-Type", ctype)
		h.Set("Cache-Control", "public, max-age=86400")
		h.Set("X-Content-Type-Options", "nosniff")
		// An SVG opened directly must not run anything.
		h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
		http.ServeContent(w, r, name, time.Time{}, rs)
	})
}
