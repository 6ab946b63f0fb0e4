package handlers_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/paykassma/checkout/i18n"
)

// TestLanguages_EveryPageSpeaksTheLinksLanguage walks the pages of a
// journey in each language: <html lang>, the headings and the help in that
// language, the amount grouped the Indian way.
func TestLanguages_EveryPageSpeaksTheLinksLanguage(t *testing.T) {
	for _, l := range i18n.Languages {
		t.Run(l.Code, func(t *testing.T) {
			e := newEnv(t, options{})
			choose := e.get("/?label=u42&currency_code=INR&lang=" + l.Code).mustStatus(200)
			pay := e.clickMethod(choose, "upi_l").mustStatus(200)
			out := e.follow(e.submit(pay, map[string]string{"key1": "412345678000", "amount": "100000"})).mustStatus(200)
			notFound := e.get("/status/PKNOSUCHREFERENCE0000").mustStatus(404)
			pages := []struct {
				name string
				p    *page
				sel  string // an element whose text is the key's
				key  string
			}{
				{"choose", choose, "h1", "choose.heading"},
				{"pay", pay, `[data-testid="txid-help"]`, "txid.upi"},
				{"outcome", out, `[data-testid="outcome-title"]`, "outcome.possible.title"},
				{"not found", notFound, `[data-testid="error-title"]`, "notfound.ref.title"},
			}
			for _, pg := range pages {
				if got := pg.p.doc.Find("html").AttrOr("lang", ""); got != l.Code {
					t.Errorf("%s: <html lang=%q>", pg.name, got)
				}
				if got := strings.TrimSpace(pg.p.doc.Find(pg.sel).First().Text()); got != i18n.T(l.Code, pg.key) {
					t.Errorf("%s: %q, want %q", pg.name, got, i18n.T(l.Code, pg.key))
				}
				if cur := pg.p.doc.Find(`[data-testid="langs"] [aria-current]`).AttrOr("lang", ""); cur != l.Code {
					t.Errorf("%s: the switcher marks %q as current", pg.name, cur)
				}
			}
			if got := out.text("outcome-method"); !strings.Contains(got, i18n.Digits(l.Code, "₹1,00,000")) {
				t.Errorf("the amount is not grouped in lakhs: %q", got)
			}
		})
	}
}

func TestLanguages_SwitcherKeepsTheChoiceAndComesBack(t *testing.T) {
	for _, cookies := range []bool{true, false} {
		e := newEnv(t, options{noCookies: !cookies})
		pay := e.clickMethod(e.start("u42", "INR"), "paytm").mustStatus(200)
		identifier := pay.text("identifier")
		switched := e.click(pay, "lang-bn").mustStatus(http.StatusSeeOther)
		bn := e.follow(switched).mustStatus(200)
		if bn.url.Path != "/pay/paytm" || bn.doc.Find("html").AttrOr("lang", "") != "bn" {
			t.Fatalf("cookies=%v: back on %s in %q", cookies, bn.url.Path, bn.doc.Find("html").AttrOr("lang", ""))
		}
		if bn.text("identifier") != identifier {
			t.Errorf("cookies=%v: switching language changed the identifier: %q, was %q", cookies, bn.text("identifier"), identifier)
		}
		// The choice stays for the next pages.
		choose := e.click(bn, "back").mustStatus(200)
		if got := choose.doc.Find("html").AttrOr("lang", ""); got != "bn" {
			t.Errorf("cookies=%v: the next page is in %q", cookies, got)
		}
	}
}

func TestLanguages_SwitcherRefusesToLeaveTheSite(t *testing.T) {
	e := newEnv(t, options{})
	e.start("u42", "INR")
	// A browser drops tabs and newlines from a URL: "/<tab>/evil.example"
	// would reach it as "//evil.example".
	for _, back := range []string{"https://evil.example/", "//evil.example/", "/\\evil.example", "/%09/evil.example", "/%0A/evil.example", "/%0D%0A/evil.example"} {
		p := e.get("/lang/hi?back=" + back).mustStatus(http.StatusSeeOther)
		if p.location() != "/" {
			t.Errorf("back=%s: redirected to %q", back, p.location())
		}
	}
	e.get("/lang/xx?back=/").mustStatus(http.StatusNotFound)
}

func TestLanguages_WithoutLangTheBrowsersPreferenceDecides(t *testing.T) {
	tests := []struct{ accept, want string }{
		{"bn-BD,bn;q=0.9,en;q=0.8", "bn"},
		{"hi-IN", "hi"},
		{"fr-FR", "en"},
		{"", "en"},
	}
	for _, tc := range tests {
		e := newEnv(t, options{})
		req, _ := http.NewRequest("GET", e.srv.URL+"/?label=u42&currency_code=INR", nil)
		req.Header.Set("Accept-Language", tc.accept)
		p := e.do(e.srv.URL, req).mustStatus(200)
		if got := p.doc.Find("html").AttrOr("lang", ""); got != tc.want {
			t.Errorf("Accept-Language %q: page in %q, want %q", tc.accept, got, tc.want)
		}
	}
}
