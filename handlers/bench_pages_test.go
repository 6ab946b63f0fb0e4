package handlers_test

import (
	"net/http"
	"net/http/httptest"
	"testing"
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
