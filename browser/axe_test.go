package browser_test

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// The zero-violation checks are worth something only if axe, injected as
// the tests inject it, does find a broken page.
func TestAxe_FindsTheViolationsOfABrokenPage(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(`<!doctype html><html><head><title>broken</title></head><body><main>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<p style="color:#aaa;background:#fff">faint text</p>
<input type="text" name="unlabelled">
</main></body></html>`))
	}))
	t.Cleanup(srv.Close)
	tb := openTab(t, &app{url: srv.URL})
	tb.open(srv.URL)
	found := map[string]bool{}
	for _, v := range tb.axeViolations("broken page") {
		found[v.ID] = true
	}
	for _, want := range []string{"html-has-lang", "image-alt", "color-contrast", "label"} {
		if !found[want] {
			t.Errorf("axe did not report %s; it found %v", want, found)
		}
	}
}
