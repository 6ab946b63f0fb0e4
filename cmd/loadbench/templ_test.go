package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// choosePage is the choose page the benchmark's depositor gets from the
// checkout as loadbench builds it.
func choosePage(t *testing.T) []byte {
	t.Helper()
	t.Setenv("SESSION_KEY", "loadbench-test-session-key-of-32-characters")
	h, _, err := newCheckout(io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	cookie, err := session(srv.URL, "bench-user")
	if err != nil {
		t.Fatal(err)
	}
	resp, page, err := fetch(srv.URL+"/", map[string]string{"Cookie": cookie})
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("choose page: %v %v", resp, err)
	}
	return page
}

// The templ rung must serve the checkout's page, byte for byte but the
// nonce, or its figures compare different pages.
func TestTemplRungRendersTheCheckoutsPage(t *testing.T) {
	page := choosePage(t)
	render, err := templRenderer(page)
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	if err := render(context.Background(), &got); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(got.String(), `data-testid="method"`); n != 7 {
		t.Errorf("the rung's page lists %d methods, want the sandbox's 7 for INR", n)
	}
	if d := len(got.Bytes()) - len(page); d < -32 || d > 32 {
		t.Errorf("rung page %d bytes, checkout's %d", got.Len(), len(page))
	}
}

// A page the rung would misread stops the run instead of measuring another page.
func TestTemplRungRefusesAPageItCannotRebuild(t *testing.T) {
	page := choosePage(t)
	for name, bad := range map[string][]byte{
		"a method it cannot parse": bytes.Replace(page, []byte(`data-testid="method-link">`), []byte(`data-testid="method-link" data-x="1">`), 1),
		"no methods":               bytes.ReplaceAll(page, []byte(`class="method"`), []byte(`class="other"`)),
		"another footer":           bytes.Replace(page, []byte(`</footer>`), []byte(`<p>more</p></footer>`), 1),
	} {
		if _, err := templRenderer(bad); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// The rungs in-process, no network: what each costs a request on its own.
// go test -run '^$' -bench Rung -benchmem ./cmd/loadbench
func BenchmarkRung(b *testing.B) {
	b.Setenv("SESSION_KEY", "loadbench-test-session-key-of-32-characters")
	h, _, err := newCheckout(io.Discard)
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	cookie, err := session(srv.URL, "bench-user")
	if err != nil {
		b.Fatal(err)
	}
	_, page, err := fetch(srv.URL+"/", map[string]string{"Cookie": cookie})
	if err != nil {
		b.Fatal(err)
	}
	render, err := templRenderer(page)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("templ", func(b *testing.B) {
		var buf bytes.Buffer
		for b.Loop() {
			buf.Reset()
			if err := render(context.Background(), &buf); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("checkout", func(b *testing.B) {
		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set("Cookie", cookie)
		w := &discard{header: http.Header{}}
		for b.Loop() {
			clear(w.header)
			w.code = 0
			h.ServeHTTP(w, r)
			if w.code != http.StatusOK {
				b.Fatal(w.code)
			}
		}
	})
}

// discard is a ResponseWriter that keeps the status only, so a benchmark
// measures the handler and not a recorder's buffer.
type discard struct {
	header http.Header
	code   int
}

func (d *discard) Header() http.Header  { return d.header }
func (d *discard) WriteHeader(code int) { d.code = code }
func (d *discard) Write(p []byte) (int, error) {
	if d.code == 0 {
		d.code = http.StatusOK
	}
	return len(p), nil
}
