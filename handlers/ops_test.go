package handlers_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/paykassma/checkout/metrics"
	"github.com/paykassma/checkout/paykassma"
)

// scrape reads the metrics as Prometheus would.
func scrape(t *testing.T, m *metrics.Metrics) string {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	b, _ := io.ReadAll(rec.Body)
	return string(b)
}

func TestLogs_NeverHoldTheSecretQueriesOrScreenshots(t *testing.T) {
	// A wrong secret: the faults it causes are logged, the secret never.
	const secret = "a-secret-that-must-never-be-logged"
	wrong := newEnv(t, options{secret: secret})
	wrong.get("/?label=u1&currency_code=INR")
	if logs := wrong.logs.String(); strings.Contains(logs, secret) || !strings.Contains(logs, "result=config") {
		t.Errorf("with a wrong secret the logs should say result=config and never the secret:\n%s", logs)
	}

	e := newEnv(t, options{})
	marker := "SCREENSHOT-BYTES-" + strings.Repeat("x", 16)
	e.get("/?label=label-in-the-query&currency_code=INR&sig=entry-signature").mustStatus(200)
	form := e.get("/pay/staging_b_ml").mustStatus(200)
	e.follow(e.submit(form, map[string]string{"key1": "UTR12345678", "amount": "750"},
		upload{"screenshot", "bill.png", append(append([]byte{}, pngBytes...), marker...)})).mustStatus(200)
	e.get("/start?label=u1&currency_code=INR&exp=1&sig=entry-signature")

	logs := e.logs.String()
	for _, leak := range []string{"sandbox-secret", "entry-signature", "label-in-the-query", marker, "st=", "?"} {
		if strings.Contains(logs, leak) {
			t.Errorf("the logs hold %q:\n%s", leak, logs)
		}
	}
	for _, want := range []string{
		"msg=request method=GET route=/ path=/ status=200",
		"msg=request method=POST route=/pay/:wallet_type path=/pay/staging_b_ml status=303",
		"endpoint=possible-transaction result=ok status=200",
		"msg=upstream endpoint=payment-systems/available",
	} {
		if !strings.Contains(logs, want) {
			t.Errorf("the logs lack %q:\n%s", want, logs)
		}
	}
}

func TestRequestID_SentAsAHeaderLoggedAndShownOnErrorPages(t *testing.T) {
	tests := []struct {
		name, sent string
		kept       bool
	}{
		{"generated", "", false},
		{"taken from a proxy", "req-0123456789abcdef", true},
		{"markup refused", "<script>alert(1)</script>", false},
		{"a log line forged", "abcdefgh msg=forged", false},
		{"too short", "abc", false},
		{"too long", strings.Repeat("a", 65), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, options{})
			req, _ := http.NewRequest("GET", e.srv.URL+"/no/such/page", nil)
			if tc.sent != "" {
				req.Header.Set("X-Request-ID", tc.sent)
			}
			p := e.do(e.srv.URL, req).mustStatus(404)
			id := p.header.Get("X-Request-ID")
			if len(id) < 8 || (tc.kept != (id == tc.sent)) {
				t.Fatalf("X-Request-ID %q for %q sent", id, tc.sent)
			}
			if shown := p.text("request-id"); !strings.Contains(shown, id) || !strings.Contains(shown, "Quote this if you contact support") {
				t.Errorf("the error page shows %q, want the id %q", shown, id)
			}
			if !strings.Contains(e.logs.String(), "request_id="+id) {
				t.Errorf("the log line lacks the id %s:\n%s", id, e.logs.String())
			}
		})
	}
}

func TestMetrics_AJourneyCountsRequestsUpstreamCallsAndDeposits(t *testing.T) {
	m := metrics.New()
	e := newEnv(t, options{metrics: m})
	journey(t, e)
	for _, key1 := range []string{"412345678000", "412345678400", "412345678999"} { // possible, suspicious, fail
		e.start("u42", "INR")
		e.follow(e.submit(e.get("/pay/upi_l").mustStatus(200), map[string]string{"key1": key1, "amount": "500"}))
	}
	e.start("u43", "BDT")
	sent := e.submit(e.clickMethod(e.start("u43", "BDT"), "bkash_api"), map[string]string{"account": "01712345678", "amount": "300"})
	e.follow(e.payOnWallet(sent.location(), "cancel"))
	e.get("/no/such/page")

	got := scrape(t, m)
	for _, want := range []string{
		`checkout_http_requests_total{route="/",status="200"}`,
		`checkout_http_requests_total{route="/pay/:wallet_type",status="303"}`,
		`checkout_http_requests_total{route="/return/:outcome",status="200"} 2`,
		`checkout_http_requests_total{route="unmatched",status="404"} 1`,
		`checkout_upstream_request_duration_seconds_count{endpoint="transaction/activate",result="ok"}`,
		`checkout_upstream_request_duration_seconds_count{endpoint="transaction/activate",result="suspicious"} 1`,
		`checkout_upstream_request_duration_seconds_count{endpoint="payment/create/bkash_api",result="ok"} 2`,
		`checkout_deposits_total{outcome="success"} 2`,
		`checkout_deposits_total{outcome="possible"} 1`,
		`checkout_deposits_total{outcome="suspicious"} 1`,
		`checkout_deposits_total{outcome="fail"} 1`,
		`checkout_deposits_total{outcome="redirect_success"} 1`,
		`checkout_deposits_total{outcome="redirect_cancel"} 1`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if strings.Contains(got, "no/such/page") {
		t.Error("an unmatched path became a label: the label set would grow without bound")
	}
}

// flakyAPI is the real API whose mediahints can be made to fail, as an
// unreachable Paykassma would.
type flakyAPI struct {
	paykassma.API
	down  *atomic.Bool
	calls *atomic.Int32
}

func (f flakyAPI) Mediahints(ctx context.Context) (paykassma.Mediahints, error) {
	f.calls.Add(1)
	if f.down.Load() {
		return nil, &paykassma.UnavailableError{Endpoint: "wallet-type/images", Detail: "connection refused"}
	}
	return f.API.Mediahints(ctx)
}

func TestReadyz_UpstreamDownSaidCheckedAtMostEveryFewSeconds(t *testing.T) {
	var down atomic.Bool
	var calls atomic.Int32
	// With the cache, as production: /readyz asks Paykassma past it, or it
	// would say Paykassma is up through 35 minutes of outage on cached
	// mediahints.
	e := newEnv(t, options{api: func(real paykassma.API) paykassma.API { return flakyAPI{real, &down, &calls} }})
	steps := []struct {
		name     string
		down     bool
		advance  time.Duration
		want     int // plain /readyz: an outage everywhere takes no instance out
		required int // /readyz?paykassma=required
		says     string
		calls    int32
	}{
		{"up", false, 0, 200, 200, "paykassma: up", 1},
		{"down, but the last check stands", true, time.Second, 200, 200, "paykassma: up", 1},
		{"down, checked again", true, 5 * time.Second, 200, 503, "paykassma: unreachable", 2},
		{"still down, not asked again", true, time.Second, 200, 503, "paykassma: unreachable", 2},
		{"back up", false, 5 * time.Second, 200, 200, "paykassma: up", 3},
	}
	for _, s := range steps {
		down.Store(s.down)
		e.clock.Advance(s.advance)
		p := e.get("/readyz")
		strict := e.get("/readyz?paykassma=required")
		if p.status != s.want || strict.status != s.required || !strings.Contains(p.body, s.says) || calls.Load() != s.calls {
			t.Errorf("%s: status %d (want %d), required %d (want %d), %q (want %q), %d upstream checks (want %d)",
				s.name, p.status, s.want, strict.status, s.required, p.body, s.says, calls.Load(), s.calls)
		}
	}
	if p := e.get("/healthz"); p.status != 200 {
		t.Errorf("healthz follows the upstream: %d; it should say only that we are alive", p.status)
	}
}

// TestMetrics_PaykassmaUpAndLastAnswer: what an alert watches, since an
// outage leaves the instances ready: up follows the last call that reached
// Paykassma, and the time of its last answer stays through an outage.
func TestMetrics_PaykassmaUpAndLastAnswer(t *testing.T) {
	var down atomic.Bool
	var calls atomic.Int32
	m := metrics.New()
	e := newEnv(t, options{metrics: m, api: func(real paykassma.API) paykassma.API { return flakyAPI{real, &down, &calls} }})
	if out := scrape(t, m); !strings.Contains(out, "checkout_paykassma_up 0") || !strings.Contains(out, "checkout_paykassma_last_ok_timestamp_seconds 0") {
		t.Errorf("before any call: want up 0 and no last answer\n%s", paykassmaLines(out, "checkout_paykassma"))
	}
	e.get("/readyz")
	up := scrape(t, m)
	if !strings.Contains(up, "checkout_paykassma_up 1") || strings.Contains(up, "checkout_paykassma_last_ok_timestamp_seconds 0\n") {
		t.Errorf("after an answer: want up 1 and its time\n%s", paykassmaLines(up, "checkout_paykassma"))
	}
	down.Store(true)
	e.clock.Advance(5 * time.Second)
	e.get("/readyz")
	out := scrape(t, m)
	if !strings.Contains(out, "checkout_paykassma_up 0") || strings.Contains(out, "checkout_paykassma_last_ok_timestamp_seconds 0\n") {
		t.Errorf("after a failed call: want up 0, the last answer's time kept\n%s", paykassmaLines(out, "checkout_paykassma"))
	}
}

func paykassmaLines(s, prefix string) string {
	var b strings.Builder
	for line := range strings.Lines(s) {
		if strings.HasPrefix(line, prefix) {
			b.WriteString(line)
		}
	}
	return b.String()
}
