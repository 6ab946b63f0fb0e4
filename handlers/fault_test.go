package handlers_test

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/paykassma/checkout/paykassma"
)

// faultyAPI is the real API with faults injected where set.
type faultyAPI struct {
	paykassma.API
	mu             sync.Mutex
	paymentSystems error
	activate       error
	activateFirst  bool // call the real Activate before failing: it went through
}

func (f *faultyAPI) PaymentSystems(ctx context.Context, req paykassma.PaymentSystemsRequest) (*paykassma.PaymentSystems, error) {
	f.mu.Lock()
	err := f.paymentSystems
	f.mu.Unlock()
	if err != nil {
		return nil, err
	}
	return f.API.PaymentSystems(ctx, req)
}

func (f *faultyAPI) Activate(ctx context.Context, req paykassma.ActivateRequest) (paykassma.Activation, error) {
	f.mu.Lock()
	err, first := f.activate, f.activateFirst
	f.mu.Unlock()
	if err == nil {
		return f.API.Activate(ctx, req)
	}
	if first {
		f.API.Activate(ctx, req)
	}
	return 0, err
}

func (f *faultyAPI) set(fn func(*faultyAPI)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	fn(f)
}

func withFaults(f *faultyAPI) options {
	return options{api: func(real paykassma.API) paykassma.API { f.API = real; return f }}
}

var (
	errUnavailable = &paykassma.UnavailableError{Endpoint: "payment-systems/available", HTTPStatus: 502, Detail: "text/html body"}
	errTimeout     = &paykassma.UnavailableError{Endpoint: "transaction/activate", Err: context.DeadlineExceeded}
	errWrongSecret = &paykassma.APIError{Endpoint: "payment-systems/available", HTTPStatus: 200, Status: paykassma.StatusError, Target: "secret", Message: "Wrong secret"}
	errNoSecret    = &paykassma.APIError{Endpoint: "payment-systems/available", HTTPStatus: 404, Message: "Not found"}
)

func TestFault_UpstreamFaultsGiveAFriendlyPageWithTheRightStatus(t *testing.T) {
	tests := []struct {
		name   string
		err    error
		status int
		says   string
	}{
		{"5xx or malformed", errUnavailable, http.StatusBadGateway, "not answering"},
		{"timeout", &paykassma.UnavailableError{Endpoint: "payment-systems/available", Err: context.DeadlineExceeded}, http.StatusGatewayTimeout, "too long"},
		{"wrong secret", errWrongSecret, http.StatusServiceUnavailable, "misconfigured; nothing was taken"},
		{"no secret (404)", errNoSecret, http.StatusServiceUnavailable, "misconfigured; nothing was taken"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := &faultyAPI{}
			e := newEnv(t, withFaults(f))
			e.start("u42", "INR")
			e.outlastCache()
			f.set(func(f *faultyAPI) { f.paymentSystems = tc.err })
			p := e.get("/?label=u42&currency_code=INR").mustStatus(tc.status)
			if !strings.Contains(p.visibleText(), tc.says) {
				t.Errorf("the page does not say %q: %s", tc.says, p.visibleText())
			}
			if p.doc.Find("main").Length() == 0 || p.text("error-title") == "" {
				t.Error("no friendly page")
			}
			href := p.id("action-retry").AttrOr("href", "")
			if !strings.HasPrefix(href, "/?") || !strings.Contains(href, "label=u42") {
				t.Errorf("retry link %q", href)
			}
			for _, leak := range []string{"sandbox-secret", "goroutine", "paykassma.", "Wrong secret"} {
				if strings.Contains(p.body, leak) {
					t.Errorf("the page shows %q", leak)
				}
			}
			if n := strings.Count(e.logs.String(), "paykassma fault"); n != 1 {
				t.Errorf("the cause was logged %d times, want once:\n%s", n, e.logs)
			}
			// Once Paykassma is back, the retry link works.
			f.set(func(f *faultyAPI) { f.paymentSystems = nil })
			e.click(p, "action-retry").mustStatus(200)
		})
	}
}

func TestFault_WrongSecretAgainstTheSandboxNeverShowsIt(t *testing.T) {
	const secret = "not-the-sandbox-secret-1234"
	e := newEnv(t, options{secret: secret})
	p := e.get("/?label=u42&currency_code=INR").mustStatus(http.StatusServiceUnavailable)
	if strings.Contains(p.body, secret) || strings.Contains(p.header.Get("Location"), secret) {
		t.Error("the page shows the secret")
	}
	if !strings.Contains(e.logs.String(), "paykassma fault") || strings.Contains(e.logs.String(), secret) {
		t.Errorf("the log should hold the cause without the secret:\n%s", e.logs)
	}
}

func TestFault_ActivationAfterATimeoutIsRetriedUnderTheSameReference(t *testing.T) {
	tests := []struct {
		name        string
		wentThrough bool
		listed      string // the attempt on the choose page before the retry
	}{
		{"the first call never arrived", false, "Waiting"},
		{"the first call went through", true, "Credited"}, // Paykassma's pullpostbacks says so
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := &faultyAPI{}
			e := newEnv(t, withFaults(f))
			e.start("u42", "INR")
			form := e.get("/pay/paytm")
			ref := refOf(form, "20512345678")
			f.set(func(f *faultyAPI) { f.activate, f.activateFirst = errTimeout, tc.wentThrough })
			p := e.submit(form, map[string]string{"key1": "20512345678"}).mustStatus(http.StatusGatewayTimeout)
			if p.text("reference") != ref {
				t.Errorf("the fault page should show the reference %s: %s", ref, p.visibleText())
			}
			if got := e.get("/").text("attempt-outcome"); !strings.Contains(got, tc.listed) {
				t.Errorf("the attempt is listed as %q", got)
			}

			f.set(func(f *faultyAPI) { f.activate = nil })
			retry := e.click(p, "action-retry").mustStatus(200)
			sent := e.submit(retry, map[string]string{"key1": "20512345678"})
			if got := statusRef(t, sent); got != ref {
				t.Fatalf("the retry was sent under %s, want the same reference %s", got, ref)
			}
			out := e.follow(sent).mustStatus(200)
			if kind := out.id("outcome").AttrOr("data-kind", ""); kind != "credited" {
				t.Errorf("outcome %q, want credited: %s", kind, out.visibleText())
			}
			if n := e.sb.Activations(ref); n != 1 {
				t.Errorf("activated %d times", n)
			}
		})
	}
}

func TestFault_AnUnavailableActivationSaysNothingIsLostAndKeepsTheState(t *testing.T) {
	f := &faultyAPI{}
	e := newEnv(t, withFaults(f))
	form := e.clickMethod(e.start("u42", "INR"), "paytm")
	f.set(func(f *faultyAPI) {
		f.activate = &paykassma.UnavailableError{Endpoint: "transaction/activate", HTTPStatus: 503}
	})
	p := e.submit(form, map[string]string{"key1": "20512345678"}).mustStatus(http.StatusBadGateway)
	if !strings.Contains(p.visibleText(), "counted only once") {
		t.Errorf("%s", p.visibleText())
	}
}
