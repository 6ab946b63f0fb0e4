package handlers_test

import (
	"fmt"
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

// The other pages a depositor GETs (issue 17), as BenchmarkPage_Choose.

// BenchmarkPage_PayQR is the pay page of a PS whose identifier is a UPI
// address: the page carries its QR code.
func BenchmarkPage_PayQR(b *testing.B) {
	newBenchCheckout(b).run("/pay/upi_l")
}

// BenchmarkPage_Redirect is a redirect PS's amount form (bKash, in taka).
func BenchmarkPage_Redirect(b *testing.B) {
	bc := newBenchCheckout(b)
	bc.cookie = ""
	bc.mustGet("/?label=bench-bdt&currency_code=BDT", http.StatusOK)
	bc.run("/pay/bkash_api")
}

// BenchmarkPage_EntryAgain is the demo entry URL again, same depositor.
func BenchmarkPage_EntryAgain(b *testing.B) {
	newBenchCheckout(b).run("/?label=bench-user&currency_code=INR")
}

// BenchmarkPage_EntryNew is the entry URL of a depositor this browser has
// no cookie for: the first page of every visit (caches warm).
func BenchmarkPage_EntryNew(b *testing.B) {
	bc := newBenchCheckout(b)
	const entry = "/?label=bench-user&currency_code=INR"
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodGet, entry, nil)
		req.Host = "127.0.0.1"
		rec := httptest.NewRecorder()
		bc.h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("GET %s: %d", entry, rec.Code)
		}
	}
}

// BenchmarkDeposit is one P2P deposit through the in-memory sandbox, as a
// depositor makes it: POST /pay with a transaction ID the sandbox credits,
// then the outcome page the 303 leads to. Limits are off: every iteration is
// the same depositor paying again, which they would refuse within a minute.
func BenchmarkDeposit(b *testing.B) {
	cfg := testConfig()
	cfg.Limits.SessionPerMinute, cfg.Limits.IPPerMinute = 0, 0
	cfg.Limits.UpstreamPerMinute, cfg.Limits.UpstreamIPPerMinute = 0, 0
	h, err := server.New(cfg, server.Options{Metrics: metrics.New(),
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		b.Fatal(err)
	}
	bc := &benchCheckout{b: b, h: h}
	bc.mustGet("/?label=bench-payer&currency_code=INR", http.StatusOK)
	bc.mustGet("/pay/paytm", http.StatusOK)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		// Accepted and credited by the sandbox (no special ending: 150, 000,
		// 400, 999); each its own transaction.
		form := url.Values{"key1": {fmt.Sprintf("2%09d1", i)}, "nonce": {fmt.Sprintf("bench-%d", i)}}
		req := httptest.NewRequest(http.MethodPost, "/pay/paytm", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		rec := bc.serve(req)
		loc := rec.Header().Get("Location")
		if rec.Code != http.StatusSeeOther || !strings.HasPrefix(loc, "/status/") {
			b.Fatalf("pay: %d %q: %.300s", rec.Code, loc, rec.Body.String())
		}
		out := bc.mustGet(loc, http.StatusOK)
		if !strings.Contains(out.Body.String(), `data-kind="credited"`) {
			b.Fatalf("deposit %d not credited: %.500s", i, out.Body.String())
		}
	}
}

// BenchmarkPage_PayAfterAPayment is the pay page of a depositor who has
// paid into savings with this PS: the savings meter and an attempt in the
// state, as loadbench's pay page.
func BenchmarkPage_PayAfterAPayment(b *testing.B) {
	bc := newBenchCheckout(b)
	bc.mustGet("/pay/paytm", http.StatusOK)
	req := httptest.NewRequest(http.MethodPost, "/pay/paytm", strings.NewReader(url.Values{"key1": {"20512345150"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	if rec := bc.serve(req); rec.Code != http.StatusSeeOther {
		b.Fatalf("pay: %d", rec.Code)
	}
	bc.run("/pay/paytm")
}
