package handlers_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/paykassma/checkout/metrics"
	"github.com/paykassma/checkout/server"
)

// benchCheckout is the checkout wired as main wires it (server.New: the
// sandbox behind the logging and the cache, metrics on, a logger writing
// every line to nowhere), served in-process with no network so a benchmark
// measures the checkout alone.
type benchCheckout struct {
	b      *testing.B
	h      http.Handler
	cookie string // the session cookie, "pk=…"
}

func newBenchCheckout(b *testing.B) *benchCheckout {
	b.Helper()
	cfg := testConfig()
	h, err := server.New(cfg, server.Options{Metrics: metrics.New(),
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		b.Fatal(err)
	}
	bc := &benchCheckout{b: b, h: h}
	bc.mustGet("/?label=bench-user&currency_code=INR", http.StatusOK)
	return bc
}

// serve runs one request, keeping the session cookie it sets.
func (bc *benchCheckout) serve(req *http.Request) *httptest.ResponseRecorder {
	req.Host = "127.0.0.1"
	if bc.cookie != "" {
		req.Header.Set("Cookie", bc.cookie)
	}
	req.Header.Set("Accept-Encoding", "gzip")
	rec := httptest.NewRecorder()
	bc.h.ServeHTTP(rec, req)
	for _, c := range rec.Result().Cookies() {
		if c.Name == "pk" {
			bc.cookie = c.Name + "=" + c.Value
		}
	}
	return rec
}

func (bc *benchCheckout) mustGet(path string, status int) *httptest.ResponseRecorder {
	rec := bc.serve(httptest.NewRequest(http.MethodGet, path, nil))
	if rec.Code != status {
		bc.b.Fatalf("GET %s: %d, want %d: %.300s", path, rec.Code, status, rec.Body.String())
	}
	return rec
}

// run benchmarks GET path, as a returning depositor with the cookie.
func (bc *benchCheckout) run(path string) {
	bc.b.Helper()
	bc.mustGet(path, http.StatusOK) // warm: the cache filled, the identifier created
	bc.b.ReportAllocs()
	bc.b.ResetTimer()
	var size int
	for bc.b.Loop() {
		rec := bc.serve(httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != http.StatusOK {
			bc.b.Fatalf("GET %s: %d", path, rec.Code)
		}
		size = rec.Body.Len()
	}
	bc.b.ReportMetric(float64(size), "B/page")
}

func BenchmarkPage_Choose(b *testing.B) {
	newBenchCheckout(b).run("/")
}

func BenchmarkPage_Pay(b *testing.B) {
	newBenchCheckout(b).run("/pay/paytm")
}

// BenchmarkPage_Outcome is the status page of a payment that went into the
// depositor's savings: it asks Paykassma whether it was credited since.
func BenchmarkPage_Outcome(b *testing.B) {
	bc := newBenchCheckout(b)
	bc.mustGet("/pay/paytm", http.StatusOK)
	req := httptest.NewRequest(http.MethodPost, "/pay/paytm", strings.NewReader(url.Values{"key1": {"20512345150"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	rec := bc.serve(req)
	loc := rec.Header().Get("Location")
	if rec.Code != http.StatusSeeOther || !strings.HasPrefix(loc, "/status/") {
		b.Fatalf("pay: %d %q: %.300s", rec.Code, loc, rec.Body.String())
	}
	bc.run(loc)
}
