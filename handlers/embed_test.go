package handlers_test

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/paykassma/checkout/entrylink"
)

const signingKey = "merchant-signing-key-for-handler-tests"

// merchantEnv is a checkout with a signing key and the shop's origins.
func merchantEnv(t *testing.T, o options) *env {
	t.Helper()
	e := newEnv(t, o)
	e.cfg.Merchant.SigningKey = signingKey
	e.cfg.Merchant.ReturnOrigins = []string{"https://shop.example"}
	e.cfg.Merchant.AllowedOrigins = []string{"https://shop.example"}
	e.cfg.Merchant.Name = "Example Shop"
	return e
}

// link is a signed entry link to the checkout, valid for 15 minutes of the
// checkout's clock.
func (e *env) link(params map[string]string) string {
	e.t.Helper()
	q := url.Values{}
	for k, v := range params {
		q.Set(k, v)
	}
	l, err := entrylink.URL("", signingKey, q, e.clock.Now().Add(15*time.Minute))
	if err != nil {
		e.t.Fatal(err)
	}
	return l
}

// enter opens a signed link and follows it to the page it leads to.
func (e *env) enter(params map[string]string) *page {
	e.t.Helper()
	p := e.get(e.link(params)).mustStatus(http.StatusSeeOther)
	return e.follow(p).mustStatus(http.StatusOK)
}

func TestStart_SignedLinkStartsTheVisitAndDropsTheSignatureFromTheAddress(t *testing.T) {
	e := merchantEnv(t, options{})
	p := e.get(e.link(map[string]string{"label": "u42", "currency_code": "inr"})).mustStatus(http.StatusSeeOther)
	if u, _ := url.Parse(p.location()); u.Path != "/" || u.Query().Get("sig") != "" || u.Query().Get("st") == "" {
		t.Errorf("303 to %s, want / with the state and without the signature", p.location())
	}
	choose := e.follow(p).mustStatus(http.StatusOK)
	if choose.id("method").Length() == 0 || !strings.Contains(choose.visibleText(), "INR") {
		t.Errorf("the choose page: %s", choose.visibleText())
	}
	if got := choose.text("merchant"); got != "Example Shop" {
		t.Errorf("header names %q, want the merchant", got)
	}
}

func TestStart_RefusedLinksGetA403PageAndNoSession(t *testing.T) {
	e := merchantEnv(t, options{})
	good := map[string]string{"label": "u42", "currency_code": "INR"}
	tampered := func() string { return strings.Replace(e.link(good), "label=u42", "label=u43", 1) }
	wrongKey := func() string {
		l, _ := entrylink.URL("", "another-key", url.Values{"label": {"u42"}, "currency_code": {"INR"}}, e.clock.Now().Add(time.Hour))
		return l
	}
	tests := []struct {
		name, says string
		link       func() string
	}{
		{"tampered", "not valid", tampered},
		{"wrong key", "not valid", wrongKey},
		{"no signature", "not valid", func() string { return "/start?label=u42&currency_code=INR&exp=9999999999" }},
		{"missing currency", "not valid", func() string { return e.link(map[string]string{"label": "u42"}) }},
		{"return URL off the shop", "not valid", func() string {
			return e.link(map[string]string{"label": "u42", "currency_code": "INR", "success_url": "https://evil.example/"})
		}},
		{"embedding origin not allowed", "not valid", func() string {
			return e.link(map[string]string{"label": "u42", "currency_code": "INR", "origin": "https://evil.example"})
		}},
		{"exp further ahead than links may live", "not valid", func() string {
			l, _ := entrylink.URL("", signingKey, url.Values{"label": {"u42"}, "currency_code": {"INR"}}, e.clock.Now().Add(entrylink.MaxLifetime+time.Hour))
			return l
		}},
		{"expired", "expired", func() string {
			l := e.link(good)
			e.clock.Advance(16 * time.Minute)
			return l
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := e.get(tc.link()).mustStatus(http.StatusForbidden)
			if !strings.Contains(p.text("error-title"), tc.says) || !strings.Contains(p.visibleText(), "Example Shop") {
				t.Errorf("the page says %q: %s", p.text("error-title"), p.visibleText())
			}
			if c := p.header.Get("Set-Cookie"); c != "" {
				t.Errorf("a refused link set a cookie: %s", c)
			}
			if p.doc.Find(`input[name="st"], a[href*="st="]`).Length() > 0 {
				t.Error("a refused link's page carries a state")
			}
		})
	}
	if strings.Contains(e.logs.String(), signingKey) {
		t.Error("the signing key is in the logs")
	}
	e.get("/pay/paytm").mustStatus(http.StatusBadRequest) // no session was made
}

func TestStart_DemoLabelIsRefusedOnceASigningKeyIsSet(t *testing.T) {
	e := merchantEnv(t, options{})
	p := e.get("/?label=u42&currency_code=INR").mustStatus(http.StatusForbidden)
	if !strings.Contains(p.visibleText(), "Example Shop") || p.header.Get("Set-Cookie") != "" {
		t.Errorf("%s", p.visibleText())
	}
	e.cfg.Merchant.SigningKey = ""
	e.get("/?label=u42&currency_code=INR").mustStatus(http.StatusOK) // demo mode
}

func TestStart_WalletTypeOpensThatPSWithNoWayToAnother(t *testing.T) {
	e := merchantEnv(t, options{noCookies: true})
	pay := e.enter(map[string]string{"label": "u42", "currency_code": "INR", "wallet_type": "paytm"})
	if pay.url.Path != "/pay/paytm" || pay.text("identifier") == "" {
		t.Fatalf("landed on %s: %s", pay.url, pay.visibleText())
	}
	st := pay.doc.Find(`form input[name="st"]`).AttrOr("value", "")
	for _, path := range []string{"/", "/pay/upi_l"} {
		p := e.get(path + "?st=" + url.QueryEscape(st)).mustStatus(http.StatusSeeOther)
		if u, _ := url.Parse(p.location()); u.Path != "/pay/paytm" {
			t.Errorf("%s sent to %s, want back to /pay/paytm", path, p.location())
		}
	}
}

func TestStart_CustomTransactionIDPrefixesEveryAttempt(t *testing.T) {
	e := merchantEnv(t, options{})
	pay := e.enter(map[string]string{"label": "u42", "currency_code": "INR", "wallet_type": "paytm", "custom_transaction_id": "order-7"})
	failed := e.submit(pay, map[string]string{"key1": "20512345999"}) // the sandbox: not found
	first := statusRef(t, failed)
	again := e.click(e.follow(failed).mustStatus(http.StatusOK), "action-again").mustStatus(http.StatusOK)
	second := statusRef(t, e.submit(again, map[string]string{"key1": "20512345678"}))
	if !strings.HasPrefix(first, "order-7-") || !strings.HasPrefix(second, "order-7-") || first == second {
		t.Errorf("attempts %q then %q; want order-7-N, never the same", first, second)
	}
	if e.sb.Activations(second) != 1 {
		t.Errorf("%s activated %d times", second, e.sb.Activations(second))
	}
}

func TestStart_FixedAmountIsWhatIsPaidWhateverTheForm(t *testing.T) {
	e := merchantEnv(t, options{})
	pay := e.enter(map[string]string{"label": "u42", "currency_code": "INR", "wallet_type": "upi_l", "fixed_amount": "750"})
	if got := pay.doc.Find(`input[name="amount"]`).AttrOr("value", ""); got != "750.00" {
		t.Errorf("the amount field shows %q, want 750.00", got)
	}
	out := e.follow(e.submit(pay, map[string]string{"key1": "123456789012", "amount": "1"})).mustStatus(http.StatusOK)
	if !strings.Contains(out.text("outcome-method"), "₹750") {
		t.Errorf("paid %q, want ₹750", out.text("outcome-method"))
	}
}

func TestReturn_TheWalletsOutcomeGoesToTheMerchantsReturnURL(t *testing.T) {
	tests := []struct{ action, url, status string }{
		{"pay", "https://shop.example/paid?order=7", "success"},
		{"fail", "https://shop.example/failed", "fail"},
		{"cancel", "https://shop.example/failed", "cancel"},
	}
	for _, tc := range tests {
		t.Run(tc.action, func(t *testing.T) {
			e := merchantEnv(t, options{})
			form := e.enter(map[string]string{
				"label": "u42", "currency_code": "BDT", "wallet_type": "bkash_api", "custom_transaction_id": "order-7",
				"success_url": "https://shop.example/paid?order=7", "fail_url": "https://shop.example/failed",
			})
			if form.id("pay-form").AttrOr("target", "") != "_top" {
				t.Error("the wallet's form does not leave the frame")
			}
			ref := redirectRefOf(form, "order-7", "500.00", "01712345678")
			sent := e.submit(form, map[string]string{"account": "01712345678", "amount": "500"}).mustStatus(http.StatusSeeOther)
			back := e.get(e.payOnWallet(sent.location(), tc.action).location()).mustStatus(http.StatusSeeOther)
			u, _ := url.Parse(back.location())
			want, _ := url.Parse(tc.url)
			if u.Host != want.Host || u.Path != want.Path || u.Query().Get("status") != tc.status || u.Query().Get("reference") != ref {
				t.Errorf("sent to %s, want %s with status=%s&reference=%s", back.location(), tc.url, tc.status, ref)
			}
			if want.Query().Get("order") != "" && u.Query().Get("order") != "7" {
				t.Errorf("the merchant's own parameter was lost: %s", back.location())
			}
			// Signed for the merchant's server, for an hour.
			r, err := entrylink.VerifyReturn(signingKey, u.Query(), e.clock.Now())
			if err != nil || r.Status != tc.status || r.Reference != ref {
				t.Errorf("the merchant's server reads %+v, %v", r, err)
			}
			forged := u.Query()
			if forged.Set("status", "success"); tc.status == "success" {
				forged.Set("status", "fail")
			}
			if _, err := entrylink.VerifyReturn(signingKey, forged, e.clock.Now()); !errors.Is(err, entrylink.ErrSignature) {
				t.Errorf("status changed to %s: %v, want a wrong signature", forged.Get("status"), err)
			}
			if _, err := entrylink.VerifyReturn(signingKey, u.Query(), e.clock.Now().Add(entrylink.ReturnLifetime)); !errors.Is(err, entrylink.ErrExpired) {
				t.Errorf("an hour later: %v, want expired", err)
			}
		})
	}
}

func TestReturn_P2POutcomeOffersTheMerchantsReturnURL(t *testing.T) {
	e := merchantEnv(t, options{})
	pay := e.enter(map[string]string{"label": "u42", "currency_code": "INR", "wallet_type": "paytm",
		"success_url": "https://shop.example/paid", "pending_url": "https://shop.example/wait"})
	out := e.follow(e.submit(pay, map[string]string{"key1": "20512345678"})).mustStatus(http.StatusOK)
	a := out.id("action-return")
	u, _ := url.Parse(a.AttrOr("href", ""))
	if u == nil || u.Host != "shop.example" || u.Query().Get("status") != "success" || u.Query().Get("reference") != out.text("reference") || a.AttrOr("target", "") != "_top" {
		t.Errorf("return link %s", outer(a))
	}
	// Without return URLs in the link there is nothing to go back to.
	e2 := merchantEnv(t, options{})
	out2 := e2.follow(e2.submit(e2.enter(map[string]string{"label": "u42", "currency_code": "INR", "wallet_type": "paytm"}),
		map[string]string{"key1": "20512345678"}))
	if out2.id("action-return").Length() != 0 {
		t.Error("a return link without return URLs")
	}
}

func TestEmbed_FrameAncestorsAreTheAllowedOriginsOnly(t *testing.T) {
	e := merchantEnv(t, options{})
	e.cfg.Merchant.AllowedOrigins = []string{"https://shop.example", "https://m.shop.example"}
	p := e.get(e.link(map[string]string{"label": "u42", "currency_code": "INR"}))
	csp := p.header.Get("Content-Security-Policy")
	// In sandbox mode the demo page's origin (localhost for 127.0.0.1) joins them.
	demo := strings.Replace(e.srv.URL, "127.0.0.1", "localhost", 1)
	if !strings.Contains(csp, "frame-ancestors 'self' https://shop.example https://m.shop.example "+demo+";") {
		t.Errorf("CSP %s", csp)
	}
	if xfo := p.header.Get("X-Frame-Options"); xfo != "" {
		t.Errorf("X-Frame-Options %s would forbid the merchant's frame", xfo)
	}
	if rp := p.header.Get("Referrer-Policy"); rp != "no-referrer" {
		t.Errorf("Referrer-Policy %q", rp)
	}
}

func TestEmbed_SessionCookieWorksInACrossSiteFrameWhereABrowserAllowsIt(t *testing.T) {
	tests := []struct {
		name, host, proto string
		crossSite         bool
	}{
		{"https", "pay.example", "https", true},
		{"localhost over http", "localhost", "", true},
		{"plain http elsewhere", "pay.example", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := merchantEnv(t, options{})
			req, _ := http.NewRequest("GET", e.srv.URL+e.link(map[string]string{"label": "u42", "currency_code": "INR"}), nil)
			req.Host = tc.host
			if tc.proto != "" {
				trustLoopback(e.cfg) // the test is the proxy that says https
				req.Header.Set("X-Forwarded-Proto", tc.proto)
			}
			p := e.do(e.srv.URL, req).mustStatus(http.StatusSeeOther)
			c := p.header.Get("Set-Cookie")
			has := func(attr string) bool { return strings.Contains(c, "; "+attr) }
			if tc.crossSite && !(has("SameSite=None") && has("Secure") && has("Partitioned") && has("HttpOnly")) {
				t.Errorf("cookie %s, want SameSite=None; Secure; Partitioned; HttpOnly", c)
			}
			if !tc.crossSite && !(has("SameSite=Lax") && !has("Secure") && has("HttpOnly")) {
				t.Errorf("cookie %s, want SameSite=Lax without Secure", c)
			}
		})
	}
}

// In a frame where the browser keeps no cookie at all, the whole journey
// runs on the st field and links, and the page talks to its parent.
func TestEmbed_JourneyWithoutAnyCookieFromTheSignedLink(t *testing.T) {
	e := merchantEnv(t, options{noCookies: true})
	choose := e.enter(map[string]string{"label": "u42", "currency_code": "INR", "origin": "https://shop.example",
		"success_url": "https://shop.example/paid", "custom_transaction_id": "order-9"})
	script := choose.doc.Find(`script[data-parent-origin]`)
	if script.AttrOr("data-parent-origin", "") != "https://shop.example" || !strings.Contains(script.AttrOr("src", ""), "/static/frame.js") {
		t.Errorf("frame script %s", outer(script))
	}
	if href := choose.id("cancel").AttrOr("href", ""); !strings.Contains(href, "/cancel?st=") {
		t.Errorf("cancel link %q", href)
	}
	pay := e.clickMethod(choose, "paytm").mustStatus(http.StatusOK)
	out := e.follow(e.submit(pay, map[string]string{"key1": "20512345678"})).mustStatus(http.StatusOK)
	if kind := out.id("outcome").AttrOr("data-kind", ""); kind != "credited" || !strings.HasPrefix(out.text("reference"), "order-9-") {
		t.Errorf("outcome %q ref %q: %s", kind, out.text("reference"), out.visibleText())
	}
	script = out.doc.Find(`script[data-parent-origin="https://shop.example"]`)
	if script.Length() != 1 {
		t.Error("the outcome page does not tell the parent")
	}
	// checkout:done carries the signed return, for the merchant's server.
	signed, _ := url.ParseQuery(script.AttrOr("data-return", ""))
	if r, err := entrylink.VerifyReturn(signingKey, signed, e.clock.Now()); err != nil || r.Status != "success" || r.Reference != out.text("reference") {
		t.Errorf("the event's return %v reads %+v, %v", signed, r, err)
	}
	if choose.doc.Find(`script[data-return]`).AttrOr("data-return", "") != "" {
		t.Error("a signed return on a page with no outcome")
	}
	// A link without origin sends no events anywhere.
	plain := e.enter(map[string]string{"label": "u42", "currency_code": "INR"})
	if plain.doc.Find(`script[data-parent-origin]`).Length() != 0 || plain.id("cancel").Length() != 0 {
		t.Error("events without an origin to send them to")
	}
}

// The wallet's page opens in the top window, where the frame's partitioned
// cookie is not sent and another visit's cookie may be: the return URLs
// carry a token that resumes this visit's payment.
func TestEmbed_WalletReturnAtTopLevelUsesTheResumeTokenInTheReturnURL(t *testing.T) {
	e := merchantEnv(t, options{})
	e.get(e.link(map[string]string{"label": "someone-else", "currency_code": "BDT"})) // the top window's cookie
	frame := newBrowser(false)
	top := e.browser
	e.browser = frame
	form := e.enter(map[string]string{"label": "u42", "currency_code": "BDT", "wallet_type": "bkash_api", "origin": "https://shop.example"})
	ref := redirectRefOf(form, "", "500.00", "01712345678")
	e.browser = top
	sent := e.submit(form, map[string]string{"account": "01712345678", "amount": "500"}).mustStatus(http.StatusSeeOther)
	back := e.payOnWallet(sent.location(), "pay").mustStatus(http.StatusSeeOther)
	if u, _ := url.Parse(back.location()); u.Query().Get("rt") == "" || u.Query().Has("st") {
		t.Fatalf("the return URL carries no resume token, or the state: %s", back.location())
	}
	out := e.follow(back).mustStatus(http.StatusOK)
	if out.text("reference") != ref || out.id("outcome").AttrOr("data-kind", "") != "credited" {
		t.Errorf("back at the top: ref %q kind %q: %s", out.text("reference"), out.id("outcome").AttrOr("data-kind", ""), out.visibleText())
	}
}

func TestEmbed_CancelTellsTheFrameOrGoesToTheFailURL(t *testing.T) {
	e := merchantEnv(t, options{noCookies: true})
	choose := e.enter(map[string]string{"label": "u42", "currency_code": "INR", "origin": "https://shop.example", "fail_url": "https://shop.example/failed"})
	href := choose.id("cancel").AttrOr("href", "")
	req, _ := http.NewRequest("GET", e.resolve(e.srv.URL, href), nil)
	req.Header.Set("Sec-Fetch-Dest", "iframe")
	framed := e.do(e.srv.URL, req).mustStatus(http.StatusOK)
	if framed.id("outcome").AttrOr("data-kind", "") != "cancel" || !strings.Contains(framed.id("action-return").AttrOr("href", ""), "status=cancel") {
		t.Errorf("in the frame: %s", framed.visibleText())
	}
	top := e.get(href).mustStatus(http.StatusSeeOther)
	if u, _ := url.Parse(top.location()); u.Host != "shop.example" || u.Query().Get("status") != "cancel" {
		t.Errorf("at top level: 303 to %s", top.location())
	}
}

func TestDemo_AMerchantPageOnTheOtherLoopbackNameFramesASignedLink(t *testing.T) {
	e := newEnv(t, options{}) // sandbox mode, no signing key: the demo key
	local := strings.Replace(e.srv.URL, "127.0.0.1", "localhost", 1)
	req, _ := http.NewRequest("GET", local+"/demo", nil)
	req.Host = strings.TrimPrefix(local, "http://")
	if p := e.do(e.srv.URL, req).mustStatus(http.StatusSeeOther); p.location() != e.srv.URL+"/demo" {
		t.Errorf("/demo on localhost sends to %s, want the 127.0.0.1 one", p.location())
	}
	demo := e.get("/demo").mustStatus(http.StatusOK)
	src := demo.id("demo-checkout").AttrOr("data-checkout-src", "")
	if !strings.HasPrefix(src, local+"/start?") || !strings.Contains(demo.header.Get("Content-Security-Policy"), "frame-src "+local) {
		t.Fatalf("frames %q; CSP %s", src, demo.header.Get("Content-Security-Policy"))
	}
	// The checkout, reached as localhost, accepts the link and lets the demo frame it.
	req, _ = http.NewRequest("GET", src, nil)
	req.Host = strings.TrimPrefix(local, "http://")
	req.URL.Host = strings.TrimPrefix(e.srv.URL, "http://")
	p := e.do(e.srv.URL, req).mustStatus(http.StatusSeeOther)
	if !strings.Contains(p.header.Get("Content-Security-Policy"), "frame-ancestors 'self' "+e.srv.URL) {
		t.Errorf("CSP %s", p.header.Get("Content-Security-Policy"))
	}
	// Outside sandbox mode there is no demo, and no demo key.
	e.cfg.Paykassma.BaseURL = "https://api.example"
	e.get("/demo").mustStatus(http.StatusNotFound)
	e.get(src).mustStatus(http.StatusForbidden)
}

func TestBranding_TheHeaderShowsWhomThePersonPays(t *testing.T) {
	e := merchantEnv(t, options{})
	e.cfg.Merchant.LogoURL = "https://shop.example/logo.png"
	e.cfg.Merchant.Accent = "#0b57d0"
	p := e.enter(map[string]string{"label": "u42", "currency_code": "INR"})
	if p.text("merchant") != "Example Shop" || p.doc.Find(`header img.merchant-logo`).AttrOr("src", "") != "https://shop.example/logo.png" {
		t.Errorf("header: %s", outer(p.doc.Find("header")))
	}
	href := p.doc.Find(`link[rel="stylesheet"][href^="/static/brand.css"]`).AttrOr("href", "")
	css := e.get(href).mustStatus(http.StatusOK)
	if !strings.Contains(css.body, "--brand: #0b57d0;") || !strings.HasPrefix(css.header.Get("Content-Type"), "text/css") {
		t.Errorf("brand.css %q (%s): %s", href, css.header.Get("Content-Type"), css.body)
	}
	e.cfg.Merchant.Accent = ""
	if e.enter(map[string]string{"label": "u42", "currency_code": "INR"}).doc.Find(`link[href^="/static/brand.css"]`).Length() != 0 {
		t.Error("a brand stylesheet without an accent")
	}
}

// Even when the form was sent from inside the frame with its partitioned
// cookie, the wallet returns the person to the top window, which does not
// see that cookie: the return URLs of an embedded visit carry a resume
// token.
func TestEmbed_EmbeddedVisitsReturnURLsCarryAResumeTokenEvenWithACookie(t *testing.T) {
	e := merchantEnv(t, options{})
	form := e.enter(map[string]string{"label": "u42", "currency_code": "BDT", "wallet_type": "bkash_api", "origin": "https://shop.example"})
	sent := e.submit(form, map[string]string{"account": "01712345678", "amount": "500"}).mustStatus(http.StatusSeeOther)
	back := e.payOnWallet(sent.location(), "cancel").mustStatus(http.StatusSeeOther)
	e.browser = newBrowser(false) // the top window: no cookie of the frame's
	out := e.follow(back).mustStatus(http.StatusOK)
	if out.id("outcome").AttrOr("data-kind", "") != "cancel" || out.id("action-again").Length() == 0 {
		t.Errorf("back at the top without the state: %s", out.visibleText())
	}
}
