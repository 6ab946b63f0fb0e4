package handlers_test

import (
	"strings"
	"testing"
)

// The merchant's support line is on every error page and every outcome
// short of credited: where a person is stuck, the way to a human.
func TestSupport_OnErrorPagesAndOutcomesNotCredited(t *testing.T) {
	e := newEnv(t, options{})
	e.cfg.Merchant.SupportURL = "https://shop.example/help"
	e.cfg.Merchant.SupportText = "WhatsApp +91 98765 43210"
	e.start("u42", "INR").mustStatus(200)

	shows := func(name string, p *page) {
		t.Helper()
		if got := p.text("support"); !strings.Contains(got, "WhatsApp +91 98765 43210") {
			t.Errorf("%s: support line %q", name, got)
		}
		if href := p.id("support-link").AttrOr("href", ""); href != "https://shop.example/help" {
			t.Errorf("%s: support link %q", name, href)
		}
	}
	shows("404", e.get("/no-such-page").mustStatus(404))
	shows("unknown payment", e.get("/status/nope-1"))
	for key1, kind := range map[string]string{"412345678999": "failed", "412345678000": "possible", "9GH4K2L400": ""} {
		out := e.follow(e.submit(e.get("/pay/paytm"), map[string]string{"key1": key1}))
		if got := out.id("outcome").AttrOr("data-kind", ""); kind != "" && got != kind {
			t.Fatalf("%s: outcome %q, want %q", key1, got, kind)
		}
		shows("outcome "+key1, out)
	}
	credited := e.follow(e.submit(e.get("/pay/paytm"), map[string]string{"key1": "20512345678"})).mustStatus(200)
	if kind := credited.id("outcome").AttrOr("data-kind", ""); kind != "credited" {
		t.Fatalf("outcome %q, want credited", kind)
	}
	if credited.id("support").Length() != 0 {
		t.Errorf("a credited outcome shows the support line %q: nothing is left to help with", credited.text("support"))
	}
}

// With a URL alone the line still says what it is; with nothing, none.
func TestSupport_DefaultTextAndNone(t *testing.T) {
	e := newEnv(t, options{})
	if p := e.get("/no-such-page"); p.id("support").Length() != 0 {
		t.Errorf("no support configured, yet a line: %q", p.text("support"))
	}
	e.cfg.Merchant.SupportURL = "mailto:help@shop.example"
	p := e.get("/no-such-page")
	if got := p.text("support"); got != "Need help? Contact support" {
		t.Errorf("support line %q", got)
	}
	if href := p.id("support-link").AttrOr("href", ""); href != "mailto:help@shop.example" {
		t.Errorf("support link %q", href)
	}
}
