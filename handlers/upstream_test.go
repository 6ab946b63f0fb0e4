package handlers_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/paykassma/checkout/config"
	"github.com/paykassma/checkout/paykassma"
	"github.com/paykassma/checkout/paykassma/sandbox"
	"github.com/paykassma/checkout/server"
)

// socketOptions set up a checkout that reaches the sandbox over a real
// socket, as it reaches Paykassma.
type socketOptions struct {
	secret, privateKey string
	timeout            time.Duration                     // the client's; 0 means 2 s
	wrap               func(paykassma.API) paykassma.API // server.Options.Upstream
	config             func(*config.Config)
	tls                bool // serve the checkout over https
	// front stands in front of the sandbox on the wire: a hostile
	// Paykassma that rewrites or replaces its answers. nil: none.
	front func(http.Handler) http.Handler
}

func newSocketEnv(t *testing.T, o socketOptions) *env {
	t.Helper()
	e := &env{t: t, cfg: testConfig(), clock: &clock{t: time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)}, logs: &syncBuffer{}}
	if o.config != nil {
		o.config(e.cfg)
	}
	if o.secret == "" {
		o.secret = "sandbox-secret"
	}
	if o.timeout == 0 {
		o.timeout = 2 * time.Second
	}
	e.sb = sandbox.New(sandbox.Options{Secret: o.secret, PrivateKey: o.privateKey, PagesURL: "/sandbox"})
	var api http.Handler = e.sb
	if o.front != nil {
		api = o.front(e.sb)
	}
	upstream := httptest.NewServer(api)
	t.Cleanup(upstream.Close)
	e.cfg.Paykassma.BaseURL, e.cfg.Paykassma.Secret, e.cfg.Paykassma.PrivateKey = upstream.URL, o.secret, o.privateKey
	e.cfg.Paykassma.Timeout = o.timeout
	h, err := server.New(e.cfg, server.Options{
		Sandbox: e.sb, Upstream: o.wrap, Now: e.clock.Now,
		Logger: slog.New(slog.NewTextHandler(io.MultiWriter(e.logs, t.Output()), nil)),
	})
	if err != nil {
		t.Fatal(err)
	}
	if o.tls {
		e.srv = httptest.NewTLSServer(h)
	} else {
		e.srv = httptest.NewServer(h)
	}
	t.Cleanup(e.srv.Close)
	e.browser = newBrowser(true)
	if o.tls {
		e.browser.Transport = e.srv.Client().Transport
	}
	return e
}

// countingAPI counts the activations the checkout sends.
type countingAPI struct {
	paykassma.API
	activates atomic.Int32
}

func (c *countingAPI) Activate(ctx context.Context, req paykassma.ActivateRequest) (paykassma.Activation, error) {
	c.activates.Add(1)
	return c.API.Activate(ctx, req)
}

const psPath = "/api/v1/payment-systems/available"
const activatePath = "/api/v1/transaction/activate"

func TestUpstream_EachFaultGivesAClearPageWithTheRightStatus(t *testing.T) {
	tests := []struct {
		fault  sandbox.Fault
		status int
		says   string
	}{
		{sandbox.Fault{Kind: sandbox.FaultSlow}, http.StatusGatewayTimeout, "taking too long"},
		{sandbox.Fault{Kind: sandbox.FaultStatus, Status: 500}, http.StatusBadGateway, "not answering"},
		{sandbox.Fault{Kind: sandbox.FaultStatus, Status: 503}, http.StatusBadGateway, "not answering"},
		{sandbox.Fault{Kind: sandbox.FaultHTML}, http.StatusBadGateway, "not answering"},
		{sandbox.Fault{Kind: sandbox.FaultTruncated}, http.StatusBadGateway, "not answering"},
		{sandbox.Fault{Kind: sandbox.FaultReset}, http.StatusBadGateway, "not answering"},
		{sandbox.Fault{Kind: sandbox.FaultNotFound}, http.StatusServiceUnavailable, "misconfigured"},
	}
	const secret = "pk_live_9f8e7d6c5b4a39281706f5e4d3c2b1a0"
	for _, tc := range tests {
		t.Run(string(tc.fault.Kind), func(t *testing.T) {
			e := newSocketEnv(t, socketOptions{secret: secret, timeout: 500 * time.Millisecond})
			e.start("u42", "INR")
			e.outlastCache()
			e.sb.SetFault(psPath, tc.fault)
			p := e.get("/pay/paytm").mustStatus(tc.status)
			if p.text("error-title") == "" || !strings.Contains(p.visibleText(), tc.says) {
				t.Errorf("not a clear page saying %q: %s", tc.says, p.visibleText())
			}
			logs := e.logs.String()
			if n := strings.Count(logs, "paykassma fault"); n != 1 {
				t.Errorf("the cause was logged %d times, want once:\n%s", n, logs)
			}
			if strings.Contains(logs, secret) || strings.Contains(p.body, secret) {
				t.Error("the secret shows in the log or the page")
			}
			e.sb.ClearFaults()
			e.click(p, "action-retry").mustStatus(200)
		})
	}
}

func TestUpstream_AFaultBeforeActivationLosesNothingAndTheRetryActivatesOnce(t *testing.T) {
	tests := []struct {
		fault  sandbox.Fault
		status int
	}{
		{sandbox.Fault{Kind: sandbox.FaultSlow}, http.StatusGatewayTimeout},
		{sandbox.Fault{Kind: sandbox.FaultStatus, Status: 502}, http.StatusBadGateway},
		{sandbox.Fault{Kind: sandbox.FaultHTML}, http.StatusBadGateway},
		{sandbox.Fault{Kind: sandbox.FaultTruncated}, http.StatusBadGateway},
		{sandbox.Fault{Kind: sandbox.FaultReset}, http.StatusBadGateway},
		{sandbox.Fault{Kind: sandbox.FaultNotFound}, http.StatusServiceUnavailable},
	}
	for _, tc := range tests {
		t.Run(string(tc.fault.Kind), func(t *testing.T) {
			e := newSocketEnv(t, socketOptions{timeout: 500 * time.Millisecond})
			form := e.clickMethod(e.start("u42", "INR"), "paytm")
			ref := refOf(form, "20512345678")
			e.sb.SetFault(activatePath, tc.fault)
			p := e.submit(form, map[string]string{"key1": "20512345678"}).mustStatus(tc.status)
			if p.text("error-title") == "" || e.sb.Activations(ref) != 0 {
				t.Fatalf("page %q, activations %d", p.visibleText(), e.sb.Activations(ref))
			}
			e.sb.ClearFaults()
			retry := e.click(p, "action-retry").mustStatus(200)
			sent := e.submit(retry, map[string]string{"key1": "20512345678"})
			out := e.follow(sent).mustStatus(200)
			if kind := out.id("outcome").AttrOr("data-kind", ""); kind != "credited" {
				t.Errorf("outcome %q, want credited: %s", kind, out.visibleText())
			}
			if n := e.sb.Activations(statusRef(t, sent)); n != 1 {
				t.Errorf("recorded %d activations, want 1", n)
			}
		})
	}
}

func TestUpstream_ATimeoutAfterActivationIsCheckedBeforeAnythingIsSentAgain(t *testing.T) {
	tests := []struct {
		name, key1, kind string
		next             string // how the person goes on: reload the status, or send the form again
	}{
		{"credited, reload", "20512345678", "credited", "reload"},
		{"credited, resubmit", "20512345678", "credited", "resubmit"},
		{"below the minimum, reload", "20512345150", "saved", "reload"},
		{"below the minimum, resubmit", "20512345150", "saved", "resubmit"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			count := &countingAPI{}
			e := newSocketEnv(t, socketOptions{timeout: 500 * time.Millisecond,
				wrap: func(a paykassma.API) paykassma.API { count.API = a; return count }})
			form := e.clickMethod(e.start("u42", "INR"), "paytm")
			ref := refOf(form, tc.key1)
			e.sb.SetFault(activatePath, sandbox.Fault{Kind: sandbox.FaultSlow, After: true})
			p := e.submit(form, map[string]string{"key1": tc.key1}).mustStatus(http.StatusGatewayTimeout)
			if !strings.Contains(p.visibleText(), "We are checking") || p.text("reference") != ref {
				t.Errorf("the page should say honestly that it is checking, with the reference: %s", p.visibleText())
			}
			if e.sb.Activations(ref) != 1 {
				t.Fatalf("the sandbox should have recorded the activation")
			}
			// The fault stays: a second activation would time out too.
			var out *page
			switch tc.next {
			case "reload":
				out = e.click(p, "action-check").mustStatus(200)
			case "resubmit":
				retry := e.click(p, "action-retry").mustStatus(200)
				sent := e.submit(retry, map[string]string{"key1": tc.key1})
				if got := statusRef(t, sent); got != ref {
					t.Fatalf("the retry went to %s, want the status of %s", got, ref)
				}
				out = e.follow(sent).mustStatus(200)
			}
			if kind := out.id("outcome").AttrOr("data-kind", ""); kind != tc.kind {
				t.Errorf("outcome %q, want %s: %s", kind, tc.kind, out.visibleText())
			}
			if n := count.activates.Load(); n != 1 {
				t.Errorf("the checkout sent %d activations, want 1", n)
			}
			if n := e.sb.Activations(ref); n != 1 {
				t.Errorf("the sandbox recorded %d activations, want 1", n)
			}
			// The next payment starts with a new reference.
			if again := e.get("/pay/paytm"); refOf(again, "20512345999") == ref {
				t.Error("the settled reference is offered again")
			}
		})
	}
}

func TestUpstream_WhenTheCheckItselfFailsNothingIsSentAgain(t *testing.T) {
	count := &countingAPI{}
	e := newSocketEnv(t, socketOptions{timeout: 500 * time.Millisecond,
		wrap: func(a paykassma.API) paykassma.API { count.API = a; return count }})
	form := e.clickMethod(e.start("u42", "INR"), "paytm")
	e.sb.SetFault(activatePath, sandbox.Fault{Kind: sandbox.FaultSlow, After: true})
	p := e.submit(form, map[string]string{"key1": "20512345678"}).mustStatus(http.StatusGatewayTimeout)
	e.sb.SetFault("/api/v1/pullpostbacks", sandbox.Fault{Kind: sandbox.FaultStatus, Status: 502})
	retry := e.click(p, "action-retry").mustStatus(200)
	again := e.submit(retry, map[string]string{"key1": "20512345678"}).mustStatus(http.StatusBadGateway)
	if !strings.Contains(again.visibleText(), "We are checking") {
		t.Errorf("%s", again.visibleText())
	}
	if n := count.activates.Load(); n != 1 {
		t.Errorf("sent %d activations while Paykassma could not say what became of the first; want 1", n)
	}
}
