package handlers_test

import (
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/paykassma/checkout/config"
)

// post sends a page's (urlencoded) form with extra headers, the fields
// given set, and the fields named in drop left out.
func (e *env) post(p *page, values map[string]string, hdr map[string]string, drop ...string) *page {
	e.t.Helper()
	form := p.doc.Find(`form[method="post"]`).First() // not "How much will you send?"
	fields := url.Values{}
	form.Find("input[type=hidden]").Each(func(_ int, s *goqSel) {
		fields.Add(s.AttrOr("name", ""), s.AttrOr("value", ""))
	})
	for k, v := range values {
		fields.Set(k, v)
	}
	for _, k := range drop {
		fields.Del(k)
	}
	req, _ := http.NewRequest("POST", e.resolve(p.url.String(), form.AttrOr("action", "")), strings.NewReader(fields.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	return e.do(e.srv.URL, req)
}

func TestCSRF_EveryPostIsFromOurPagesOrCarriesTheToken(t *testing.T) {
	const shop = "https://shop.example"
	tests := []struct {
		name    string
		hdr     map[string]string
		drop    []string
		csrf    string // replaces the form's token when set
		cookies bool
		status  int
	}{
		{"an old browser with the form's token", nil, nil, "", true, http.StatusSeeOther},
		{"an old browser without the token", nil, []string{"csrf"}, "", true, http.StatusForbidden},
		{"an old browser with a forged token", nil, nil, "AAAAAAAAAAAAAAAAAAAAAAAA", true, http.StatusForbidden},
		{"an old browser from another site", map[string]string{"Origin": "https://evil.example"}, nil, "", true, http.StatusForbidden},
		{"our own page (same-origin)", map[string]string{"Sec-Fetch-Site": "same-origin"}, []string{"csrf"}, "", true, http.StatusSeeOther},
		{"our page in the shop's cross-site frame, no cookies", map[string]string{"Sec-Fetch-Site": "same-origin"}, []string{"csrf"}, "", false, http.StatusSeeOther},
		{"an old browser in the frame, no cookies", nil, nil, "", false, http.StatusSeeOther},
		{"another site", map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"}, nil, "", true, http.StatusForbidden},
		{"a same-site subdomain", map[string]string{"Sec-Fetch-Site": "same-site", "Origin": "https://x.shop.example"}, nil, "", true, http.StatusForbidden},
		{"the merchant's allowed origin", map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": shop}, []string{"csrf"}, "", true, http.StatusSeeOther},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newSocketEnv(t, socketOptions{config: func(c *config.Config) { c.Merchant.AllowedOrigins = []string{shop} }})
			e.browser = newBrowser(tc.cookies)
			form := e.clickMethod(e.start("u42", "INR"), "paytm")
			ref := refOf(form, "20512345678")
			if form.doc.Find(`input[name="csrf"]`).AttrOr("value", "") == "" {
				t.Fatal("the form carries no token")
			}
			values := map[string]string{"key1": "20512345678"}
			if tc.csrf != "" {
				values["csrf"] = tc.csrf
			}
			p := e.post(form, values, tc.hdr, tc.drop...).mustStatus(tc.status)
			activated := e.sb.Activations(ref)
			if tc.status == http.StatusForbidden {
				if activated != 0 || p.text("error-title") == "" {
					t.Errorf("refused, yet activated %d times or no friendly page: %s", activated, p.visibleText())
				}
			} else if activated != 1 {
				t.Errorf("activated %d times, want 1", activated)
			}
		})
	}
}

func TestCSRF_ATokenIsTheDepositorsOwn(t *testing.T) {
	e := newSocketEnv(t, socketOptions{})
	other := e.clickMethod(e.start("someone-else", "INR"), "paytm")
	theirs := other.doc.Find(`input[name="csrf"]`).AttrOr("value", "")
	e.browser = newBrowser(true)
	form := e.clickMethod(e.start("u42", "INR"), "paytm")
	p := e.post(form, map[string]string{"key1": "20512345678", "csrf": theirs}, nil).mustStatus(http.StatusForbidden)
	if !strings.Contains(p.visibleText(), "out of date") {
		t.Errorf("the page should say the form is out of date: %s", p.visibleText())
	}
}

func TestRateLimit_ADepositorSendingTooFastGetsA429WithRetryAfter(t *testing.T) {
	e := newSocketEnv(t, socketOptions{config: func(c *config.Config) { c.Limits.SessionPerMinute = 3 }})
	form := e.clickMethod(e.start("u42", "INR"), "paytm")
	for range 3 {
		// A malformed ID: answered here, nothing goes upstream.
		e.submit(form, map[string]string{"key1": "x"}).mustStatus(http.StatusUnprocessableEntity)
	}
	p := e.submit(form, map[string]string{"key1": "20512345678"}).mustStatus(http.StatusTooManyRequests)
	if got := p.header.Get("Retry-After"); got != "20" {
		t.Errorf("Retry-After %q, want 20 (3 a minute)", got)
	}
	if !strings.Contains(p.visibleText(), "20 seconds") || p.text("error-title") == "" {
		t.Errorf("the page should say how long to wait: %s", p.visibleText())
	}
	if e.sb.Activations(refOf(form, "20512345678")) != 0 {
		t.Error("the refused request was sent")
	}
	// Another depositor on the same IP is not held back.
	other := newBrowser(true)
	e.browser, other = other, e.browser
	e.submit(e.clickMethod(e.start("u43", "INR"), "paytm"), map[string]string{"key1": "x"}).mustStatus(http.StatusUnprocessableEntity)
	e.browser = other
	e.clock.Advance(20 * time.Second)
	e.follow(e.submit(form, map[string]string{"key1": "20512345678"})).mustStatus(http.StatusOK)
}

func TestRateLimit_PerIPCountsTheRealClientOnlyFromTrustedProxies(t *testing.T) {
	tests := []struct {
		name    string
		trusted string
		limited bool // the second depositor, with another X-Forwarded-For, is limited too
	}{
		{"no trusted proxy: X-Forwarded-For is ignored", "", true},
		{"from a trusted proxy: each client counts alone", "127.0.0.0/8", false},
		{"from a proxy not trusted", "10.0.0.0/8", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newSocketEnv(t, socketOptions{config: func(c *config.Config) {
				c.Limits.IPPerMinute = 2
				if tc.trusted != "" {
					_, n, _ := net.ParseCIDR(tc.trusted)
					c.Limits.TrustedProxies = []*net.IPNet{n}
				}
			}})
			form := e.clickMethod(e.start("u42", "INR"), "paytm")
			xff := map[string]string{"X-Forwarded-For": "203.0.113.7"}
			e.post(form, map[string]string{"key1": "x"}, xff).mustStatus(http.StatusUnprocessableEntity)
			e.post(form, map[string]string{"key1": "x"}, xff).mustStatus(http.StatusUnprocessableEntity)
			e.post(form, map[string]string{"key1": "x"}, xff).mustStatus(http.StatusTooManyRequests)
			e.browser = newBrowser(true)
			form2 := e.clickMethod(e.start("u43", "INR"), "paytm")
			p := e.post(form2, map[string]string{"key1": "x"}, map[string]string{"X-Forwarded-For": "198.51.100.9"})
			if limited := p.status == http.StatusTooManyRequests; limited != tc.limited {
				t.Errorf("second client: status %d, limited %v, want %v", p.status, limited, tc.limited)
			}
		})
	}
}

func TestHSTS_OnlyOverTLS(t *testing.T) {
	tests := []struct {
		name    string
		tls     bool
		xfp     bool
		trusted bool
		want    bool
	}{
		{"https", true, false, false, true},
		{"plain http", false, false, false, false},
		{"X-Forwarded-Proto from anyone", false, true, false, false},
		{"X-Forwarded-Proto from a trusted proxy", false, true, true, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newSocketEnv(t, socketOptions{tls: tc.tls, config: func(c *config.Config) {
				if tc.trusted {
					_, n, _ := net.ParseCIDR("127.0.0.0/8")
					c.Limits.TrustedProxies = []*net.IPNet{n}
				}
			}})
			req, _ := http.NewRequest("GET", e.srv.URL+"/?label=u42&currency_code=INR", nil)
			if tc.xfp {
				req.Header.Set("X-Forwarded-Proto", "https")
			}
			p := e.do(e.srv.URL, req).mustStatus(http.StatusOK)
			hsts := p.header.Get("Strict-Transport-Security")
			if (hsts != "") != tc.want || (tc.want && !strings.Contains(hsts, "max-age=")) {
				t.Errorf("Strict-Transport-Security %q, want it: %v", hsts, tc.want)
			}
		})
	}
}

// The form's token belongs to one visit: the same depositor's token from
// another visit (an older tab, a leaked page) is refused.
func TestCSRF_ATokenIsTheVisitsOwn(t *testing.T) {
	e := merchantEnv(t, options{})
	old := e.clickMethod(e.enter(map[string]string{"label": "u42", "currency_code": "INR"}), "paytm")
	theirs := old.doc.Find(`input[name="csrf"]`).AttrOr("value", "")
	e.browser = newBrowser(true)
	form := e.clickMethod(e.enter(map[string]string{"label": "u42", "currency_code": "INR"}), "paytm")
	p := e.post(form, map[string]string{"key1": "20512345678", "csrf": theirs}, nil).mustStatus(http.StatusForbidden)
	if !strings.Contains(p.visibleText(), "out of date") {
		t.Errorf("the page should say the form is out of date: %s", p.visibleText())
	}
}
