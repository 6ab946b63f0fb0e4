package handlers_test

import (
	"io"
	"log/slog"
	"net/http"
	"testing"

	"github.com/paykassma/checkout/metrics"
	"github.com/paykassma/checkout/server"
)

// BenchmarkPage_PayOCROff is BenchmarkPage_Pay with screenshot reading off:
// the pay page's cost of offering it when nobody uploads (BENCHMARKS.md).
func BenchmarkPage_PayOCROff(b *testing.B) {
	cfg := testConfig()
	cfg.OCR.Workers = 0
	h, err := server.New(cfg, server.Options{Metrics: metrics.New(),
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		b.Fatal(err)
	}
	bc := &benchCheckout{b: b, h: h}
	bc.mustGet("/?label=bench-user&currency_code=INR", http.StatusOK)
	bc.run("/pay/paytm")
}
