package handlers_test

import (
	"net/http"
	"strings"
	"testing"
)

// Each PS's face in the list (logo, name, hint) is kept once per language
// and sent to everyone: two depositors, one with savings and an attempt,
// see the same faces, and neither page holds the other's attempt, savings,
// session cookie or CSP nonce.
func TestChoose_FacesAreTheSameForEveryoneAndHoldNothingOfTheirs(t *testing.T) {
	e := newEnv(t, options{})
	faces := func(p *page) string {
		s := ""
		p.id("method-link").Each(func(_ int, a *goqSel) {
			a.Find(`[data-testid="method-logo"], [data-testid="method-name"], [data-testid="method-hint"]`).Each(func(_ int, f *goqSel) { s += outer(f) })
			s += "\n"
		})
		return s
	}
	nonceOfPage := func(p *page) string { return p.doc.Find("script[nonce]").AttrOr("nonce", "") }

	e.start("alice-faces", "BDT")
	e.submit(e.get("/pay/bkash"), map[string]string{"key1": "9GH4K2L150"}).mustStatus(http.StatusSeeOther)
	alice := e.get("/").mustStatus(200)
	ref := alice.id("attempt").First().AttrOr("data-ref", "")
	if ref == "" || alice.id("savings").Length() == 0 {
		t.Fatalf("alice has no attempt or savings to keep apart: %s", alice.visibleText())
	}
	aliceCookies := cookieValues(e, alice)

	e.browser = newBrowser(true) // another person, another browser
	bob := e.start("bob-faces", "BDT")
	if n := bob.id("method-link").Length(); n < 3 {
		t.Fatalf("%d PSs on bob's page", n)
	}
	if faces(alice) != faces(bob) {
		t.Errorf("two depositors got different faces:\n%s\n%s", faces(alice), faces(bob))
	}
	if !strings.Contains(faces(bob), "method-name") || !strings.Contains(faces(bob), "method-logo") {
		t.Errorf("no faces on bob's page:\n%s", faces(bob))
	}
	for what, s := range map[string]string{"attempt": ref, "nonce": nonceOfPage(alice), "savings": outer(alice.id("savings").First())} {
		if s == "" || strings.Contains(bob.body, s) {
			t.Errorf("bob's page holds alice's %s (%q)", what, s)
		}
	}
	for _, v := range aliceCookies {
		if strings.Contains(bob.body, v) {
			t.Error("bob's page holds alice's session cookie")
		}
	}
	if n := nonceOfPage(bob); n == "" || strings.Contains(alice.body, n) {
		t.Errorf("alice's page holds bob's nonce, or bob's page has none (%q)", n)
	}
}

// cookieValues are the values of the browser's cookies for the checkout.
func cookieValues(e *env, p *page) []string {
	var vs []string
	for _, c := range e.browser.Jar.Cookies(p.url) {
		vs = append(vs, c.Value)
	}
	return vs
}
