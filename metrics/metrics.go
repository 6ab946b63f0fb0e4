// Package metrics counts what an operator watches: requests by route and
// status, upstream latency by endpoint and deposits by outcome. It keeps its
// own Prometheus registry (never the global one), served by Handler on the
// admin address only.
package metrics

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Deposit outcomes, the values of the deposits counter's outcome label.
const (
	DepositSuccess        = "success"          // activate: found and credited (or saved)
	DepositFail           = "fail"             // activate or possible-transaction refused
	DepositPossible       = "possible"         // a possible transaction was created
	DepositSuspicious     = "suspicious"       // HTTP 400: checked by hand
	DepositRedirectOK     = "redirect_success" // the wallet's page sent the person back: success
	DepositRedirectFail   = "redirect_fail"
	DepositRedirectCancel = "redirect_cancel"
	DepositRedirectClosed = "redirect_closed" // the person closed the wallet's page without paying
)

// Metrics are the checkout's collectors. A nil *Metrics records nothing, so
// code and tests that do not care need not build one.
type Metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	upstream *prometheus.HistogramVec
	deposits *prometheus.CounterVec
	ocr      *prometheus.HistogramVec
	// up and lastOK: whether Paykassma answers, for alerts; readiness
	// leaves an outage to them (handlers/health.go says why).
	up     prometheus.Gauge
	lastOK prometheus.Gauge
}

// New registers the collectors, with Go runtime and process metrics, in a
// registry of their own.
func New() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "checkout_http_requests_total",
			Help: "HTTP requests served, by route pattern and status code.",
		}, []string{"route", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "checkout_http_request_duration_seconds",
			Help:    "Time to serve an HTTP request, by route pattern.",
			Buckets: prometheus.DefBuckets,
		}, []string{"route"}),
		upstream: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "checkout_upstream_request_duration_seconds",
			Help:    "Latency of Paykassma API calls, by endpoint and result (ok or an error class).",
			Buckets: []float64{.025, .05, .1, .25, .5, 1, 2.5, 5, 10, 15, 30},
		}, []string{"endpoint", "result"}),
		deposits: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "checkout_deposits_total",
			Help: "Deposit attempts by outcome (success, fail, possible, suspicious, redirect_success, redirect_fail, redirect_cancel, redirect_closed), counted when an attempt first reaches it; a reload counts nothing. A page opened from an older copy of a cookie-less state may count a transition again, at most once per copy.",
		}, []string{"outcome"}),
	}
	m.up = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "checkout_paykassma_up",
		Help: "1 when the last call that reached Paykassma got an answer (a refusal counts), 0 when it timed out, failed on the wire, got a 5xx or garbage, or was refused our secret. Starts at 0 until the first answer; /readyz asks at most every 5 s.",
	})
	m.lastOK = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "checkout_paykassma_last_ok_timestamp_seconds",
		Help: "Unix time of Paykassma's last answer (0: none since start). Alert on time() minus this.",
	})
	m.ocr = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "checkout_ocr_duration_seconds",
		Help:    "Time to read a payment screenshot, waiting included, by outcome (read, nothing, busy, timeout, failed).",
		Buckets: []float64{.1, .25, .5, 1, 1.5, 2, 3, 5, 10},
	}, []string{"outcome"})
	m.reg.MustRegister(m.requests, m.duration, m.upstream, m.deposits, m.up, m.lastOK, m.ocr,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Request counts one served request. route is the pattern ("/pay/:wallet_type"),
// never the path, so the label set stays small.
func (m *Metrics) Request(route string, status int, d time.Duration) {
	if m == nil {
		return
	}
	m.requests.WithLabelValues(route, strconv.Itoa(status)).Inc()
	m.duration.WithLabelValues(route).Observe(d.Seconds())
}

// Upstream records one Paykassma call.
func (m *Metrics) Upstream(endpoint, result string, d time.Duration) {
	if m == nil {
		return
	}
	m.upstream.WithLabelValues(endpoint, result).Observe(d.Seconds())
}

// Paykassma records whether a call that reached Paykassma got an answer,
// and when.
func (m *Metrics) Paykassma(answered bool, at time.Time) {
	if m == nil {
		return
	}
	if !answered {
		m.up.Set(0)
		return
	}
	m.up.Set(1)
	m.lastOK.Set(float64(at.UnixNano()) / 1e9)
}

// Deposit counts one deposit outcome (one of the Deposit* constants).
func (m *Metrics) Deposit(outcome string) {
	if m == nil {
		return
	}
	m.deposits.WithLabelValues(outcome).Inc()
}

// OCR outcomes, the values of the OCR histogram's outcome label.
const (
	OCRRead    = "read"    // an ID or an amount was found
	OCRNothing = "nothing" // read, nothing found
	OCRBusy    = "busy"    // every worker busy and the queue full
	OCRTimeout = "timeout"
	OCRFailed  = "failed" // not an image, too large, or tesseract failed
)

// OCR records one screenshot reading.
func (m *Metrics) OCR(outcome string, d time.Duration) {
	if m == nil {
		return
	}
	m.ocr.WithLabelValues(outcome).Observe(d.Seconds())
}

// Handler serves the registry in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}
