package handlers_test

import (
	"bytes"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/paykassma/checkout/static"
)

var nonceInCSP = regexp.MustCompile(`script-src 'nonce-([^']+)'`)

func TestSecurity_EveryPageCarriesAFreshNonceAndStrictHeaders(t *testing.T) {
	e := newEnv(t, options{})
	var seen []string
	for _, p := range []*page{e.start("u42", "INR"), e.get("/pay/paytm"), e.get("/nope"), e.get("/?label=&currency_code=")} {
		csp := p.header.Get("Content-Security-Policy")
		m := nonceInCSP.FindStringSubmatch(csp)
		if m == nil {
			t.Fatalf("%s: CSP %q", p.url, csp)
		}
		for _, want := range []string{"default-src 'self'", "style-src 'self'", "frame-ancestors 'self'", "base-uri 'none'", "form-action 'self'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("%s: CSP lacks %q", p.url, want)
			}
		}
		p.doc.Find("script").Each(func(_ int, s *goqSel) {
			if s.AttrOr("nonce", "") != m[1] || s.AttrOr("src", "") == "" {
				t.Errorf("%s: script %s does not carry the nonce %s from an external file", p.url, outer(s), m[1])
			}
		})
		if p.doc.Find("[style]").Length() > 0 || p.doc.Find("style").Length() > 0 {
			t.Errorf("%s: inline styles, which style-src 'self' blocks", p.url)
		}
		if p.header.Get("X-Content-Type-Options") != "nosniff" || p.header.Get("Referrer-Policy") != "no-referrer" {
			t.Errorf("%s: headers %v", p.url, p.header)
		}
		if p.header.Get("Cache-Control") != "no-store" {
			t.Errorf("%s: Cache-Control %q; pages carry the state", p.url, p.header.Get("Cache-Control"))
		}
		seen = append(seen, m[1])
	}
	if seen[0] == seen[1] {
		t.Error("the nonce is the same on two requests")
	}
}

// Over https the cookie is the kind a merchant's cross-site frame keeps
// (SameSite=None; Secure; Partitioned), named __Host-pk; over plain http,
// Lax, named pk.
func TestSecurity_SessionCookieIsHttpOnlyLaxAndCrossSiteOverHTTPS(t *testing.T) {
	e := newEnv(t, options{})
	trustLoopback(e.cfg) // the test is the proxy that says https
	for _, https := range []bool{false, true} {
		req, _ := http.NewRequest("GET", e.srv.URL+"/?label=u42&currency_code=INR", nil)
		if https {
			req.Header.Set("X-Forwarded-Proto", "https")
		}
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		name := map[bool]string{false: "pk", true: "__Host-pk"}[https]
		var c *http.Cookie
		for _, ck := range resp.Cookies() {
			if ck.Name == name {
				c = ck
			}
		}
		sameSite := map[bool]http.SameSite{false: http.SameSiteLaxMode, true: http.SameSiteNoneMode}[https]
		if c == nil || !c.HttpOnly || c.SameSite != sameSite || c.Secure != https || c.Partitioned != https || c.MaxAge != 86400 || c.Path != "/" || c.Domain != "" {
			t.Errorf("https=%v: cookie %s %+v", https, name, c)
		}
	}
}

func TestSecurity_FramingIsAllowedFromTheMerchantsOrigins(t *testing.T) {
	e := newEnv(t, options{})
	e.cfg.Merchant.AllowedOrigins = []string{"https://shop.example"}
	csp := e.start("u42", "INR").header.Get("Content-Security-Policy")
	// (and, in sandbox mode, the demo page's loopback origin: embed_test.go)
	if !strings.Contains(csp, "frame-ancestors 'self' https://shop.example ") {
		t.Errorf("CSP %q", csp)
	}
}

func TestSecurity_ACrossSitePostIsRefused(t *testing.T) {
	e := newEnv(t, options{})
	form := e.clickMethod(e.start("u42", "INR"), "paytm")
	req, _ := http.NewRequest("POST", e.srv.URL+"/pay/paytm", strings.NewReader("key1=20512345678&nonce="+nonceOf(form)))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	p := e.do(e.srv.URL, req).mustStatus(http.StatusForbidden)
	if p.text("error-title") == "" || e.sb.Activations(refOf(form, "20512345678")) != 0 {
		t.Errorf("refused without a friendly page, or activated: %s", p.visibleText())
	}
}

func TestErrors_FriendlyPagesWithTheRightStatus(t *testing.T) {
	e := newEnv(t, options{})
	e.start("u42", "INR")
	e.get("/nope").mustStatus(http.StatusNotFound)

	req, _ := http.NewRequest("PUT", e.srv.URL+"/pay/paytm", nil)
	e.do(e.srv.URL, req).mustStatus(http.StatusMethodNotAllowed)

	huge := bytes.Repeat([]byte("x"), int(2*e.cfg.Uploads.MaxBytes)+2<<20)
	req, _ = http.NewRequest("POST", e.srv.URL+"/pay/staging_b_ml", bytes.NewReader(append([]byte("key1="), huge...)))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	p := e.do(e.srv.URL, req).mustStatus(http.StatusRequestEntityTooLarge)
	if !strings.Contains(p.visibleText(), "5 MB") {
		t.Errorf("413 page: %s", p.visibleText())
	}
	for _, p := range []*page{e.get("/nope"), p} {
		if p.text("error-title") == "" || p.id("action-start").Length()+p.id("action-retry").Length() == 0 {
			t.Errorf("%s: not the friendly page: %s", p.url, p.body)
		}
	}
}

func TestStatic_AssetsAreServedWithCacheControl(t *testing.T) {
	e := newEnv(t, options{})
	tests := []struct {
		path, ctype, cache string
		status             int
	}{
		{static.Path("app.css"), "text/css", "immutable", 200},
		{static.Path("app.js"), "javascript", "immutable", 200},
		{"/static/app.css", "text/css", "max-age=300", 200},
		{"/static/nope.css", "", "", 404},
	}
	for _, tc := range tests {
		p := e.get(tc.path)
		if p.status != tc.status || !strings.Contains(p.header.Get("Content-Type"), tc.ctype) || !strings.Contains(p.header.Get("Cache-Control"), tc.cache) {
			t.Errorf("%s: %d %q %q", tc.path, p.status, p.header.Get("Content-Type"), p.header.Get("Cache-Control"))
		}
	}
	if p := e.get("/healthz"); p.status != 200 || p.body != "ok\n" {
		t.Errorf("healthz: %d %q", p.status, p.body)
	}
}
