package handlers_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/paykassma/checkout/paykassma/sandbox"
	"github.com/paykassma/checkout/server"
)

// sandboxPost posts to the sandbox mounted on the checkout.
func (e *env) sandboxPost(path, contentType, body string, hdr map[string]string) *page {
	e.t.Helper()
	req, _ := http.NewRequest("POST", e.srv.URL+"/sandbox"+path, strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	return e.do(e.srv.URL, req)
}

func TestSandbox_ControlsRefuseAnotherSiteAndAnUnmarkedRequest(t *testing.T) {
	crossSite := map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"}
	for _, path := range []string{"/_sandbox/fault?path=*&kind=html", "/_sandbox/credit?custom_id=x"} {
		e := newEnv(t, options{})
		for _, tc := range []struct {
			name  string
			query string
			hdr   map[string]string
		}{
			{"from another site", "", crossSite},
			{"from another site, with the secret", "&secret=sandbox-secret", crossSite},
			{"with no mark and no secret", "", nil},
		} {
			if p := e.sandboxPost(path+tc.query, "", "", tc.hdr); p.status != http.StatusForbidden {
				t.Errorf("POST %s %s: HTTP %d, want 403", path, tc.name, p.status)
			}
		}
		e.start("u42", "INR").mustStatus(http.StatusOK) // no fault was set
		if p := e.sandboxPost(path, "", "", map[string]string{"Sec-Fetch-Site": "same-origin"}); p.status == http.StatusForbidden {
			t.Errorf("POST %s from the sandbox's own origin: 403", path)
		}
	}
}

func TestSandbox_InMemoryCallsEndAtTheConfiguredTimeout(t *testing.T) {
	cfg := testConfig()
	cfg.Paykassma.Timeout = 300 * time.Millisecond
	sb := sandbox.New(sandbox.Options{PagesURL: "/sandbox"})
	sb.SetFault(psPath, sandbox.Fault{Kind: sandbox.FaultSlow, Delay: 10 * time.Second})
	h, err := server.New(cfg, server.Options{Sandbox: sb})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/?label=u42&currency_code=INR", nil))
	if took := time.Since(start); rec.Code != http.StatusGatewayTimeout || took > 3*time.Second {
		t.Errorf("a slow sandbox: HTTP %d after %v, want 504 after about 300ms", rec.Code, took)
	}
}

func TestSandbox_AnOrderReturningToAnotherSiteIsNoOpenRedirect(t *testing.T) {
	e := newEnv(t, options{})
	body, _ := json.Marshal(map[string]any{
		"amount": 500, "account_number": "01712345678", "currency": "BDT", "label": "u42", "custom_transaction_id": "evil-1",
		"success_url": "https://evil.example/phish", "failure_url": "https://evil.example/phish", "cancel_url": "https://evil.example/phish",
	})
	created := e.sandboxPost("/api/v1/payment/create/bkash_api?secret=sandbox-secret", "application/json", string(body), nil)
	var answer struct {
		Data struct{ BkashURL string }
	}
	if err := json.Unmarshal([]byte(created.body), &answer); err != nil || answer.Data.BkashURL == "" {
		// Refused when created, with the API's field errors: as good.
		if created.status == http.StatusOK && strings.Contains(created.body, "success_url") {
			return
		}
		t.Fatalf("create: %d %s", created.status, created.body)
	}
	for _, action := range []string{"pay", "fail", "cancel"} {
		req, _ := http.NewRequest("POST", e.resolve(e.srv.URL, answer.Data.BkashURL), strings.NewReader("action="+action))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		p := e.do(e.srv.URL, req)
		if loc := p.location(); strings.Contains(loc, "evil.example") {
			t.Errorf("%s: the checkout's origin sends the browser to %s", action, loc)
		}
	}
	if e.sb.Activations("evil-1") != 0 {
		t.Error("paid an order that could not return")
	}
}
