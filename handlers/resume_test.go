package handlers_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/paykassma/checkout/depositor"
)

// walletReturn pays (or not) on the sandbox's bKash page, as the browser
// e.browser, and gives the URL the wallet sends the person back to and the
// attempt's reference.
func (e *env) walletReturn(params map[string]string, action string) (back *url.URL, ref string) {
	e.t.Helper()
	form := e.enter(params)
	ref = redirectRefOf(form, params["custom_transaction_id"], "500.00", "01712345678")
	sent := e.submit(form, map[string]string{"account": "01712345678", "amount": "500"}).mustStatus(http.StatusSeeOther)
	if strings.Contains(sent.location(), "st=") {
		e.t.Errorf("the wallet's page is opened with the state: %s", sent.location())
	}
	u, err := url.Parse(e.payOnWallet(sent.location(), action).mustStatus(http.StatusSeeOther).location())
	if err != nil {
		e.t.Fatal(err)
	}
	return u, ref
}

var bkashLink = map[string]string{"label": "u42", "currency_code": "BDT", "wallet_type": "bkash_api"}

func TestResume_TheWalletsReturnURLsNeverCarryTheState(t *testing.T) {
	framed := map[string]string{"origin": "https://shop.example"}
	tests := []struct {
		name      string
		noCookies bool
		extra     map[string]string
		token     bool
	}{
		{"with the cookie", false, nil, false},
		{"without cookies", true, nil, true},
		{"in a frame, with its cookie", false, framed, true},
		{"in a frame without cookies", true, framed, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := merchantEnv(t, options{noCookies: tc.noCookies})
			params := map[string]string{}
			for k, v := range bkashLink {
				params[k] = v
			}
			for k, v := range tc.extra {
				params[k] = v
			}
			back, _ := e.walletReturn(params, "pay")
			if back.Query().Has(depositor.Field) || tc.token != back.Query().Has(depositor.ResumeField) {
				t.Errorf("return URL %s: want no st, and a resume token %v", back, tc.token)
			}
		})
	}
}

func TestResume_TheTokenRecordsTheOutcomeAndShowsThePageWithoutTheCookie(t *testing.T) {
	e := merchantEnv(t, options{noCookies: true})
	back, ref := e.walletReturn(bkashLink, "pay")
	e.browser = newBrowser(false) // the top window: nothing of this visit
	out := e.get(back.String()).mustStatus(http.StatusOK)
	if out.text("reference") != ref || out.id("outcome").AttrOr("data-kind", "") != "credited" || !strings.Contains(out.text("outcome-method"), "bKash") {
		t.Errorf("back without the cookie: ref %q kind %q: %s", out.text("reference"), out.id("outcome").AttrOr("data-kind", ""), out.visibleText())
	}
	// Nothing of it is kept, nor handed on: no cookie, no st.
	if c := out.header.Get("Set-Cookie"); c != "" {
		t.Errorf("a resumed payment set a cookie: %s", c)
	}
	if strings.Contains(out.body, "st=") || strings.Contains(out.body, `name="st"`) {
		t.Errorf("the page hands on a state token: %s", out.body)
	}
	// Its own status page, and only it, takes the token on.
	for _, testid := range []string{"action-again", "action-choose"} {
		if href := out.id(testid).AttrOr("href", ""); strings.Contains(href, "rt=") {
			t.Errorf("%s carries the resume token: %s", testid, href)
		}
	}
	failed, ref2 := func() (*url.URL, string) {
		e := merchantEnv(t, options{noCookies: true})
		return e.walletReturn(bkashLink, "fail")
	}()
	if failed.Query().Get(depositor.ResumeField) == back.Query().Get(depositor.ResumeField) || ref2 == ref {
		t.Error("two payments share a resume token")
	}
}

func TestResume_TheTokenLoadsNoVisitAndExpires(t *testing.T) {
	e := merchantEnv(t, options{noCookies: true})
	back, ref := e.walletReturn(bkashLink, "cancel")
	tok := back.Query().Get(depositor.ResumeField)
	e.browser = newBrowser(false)
	for _, path := range []string{
		"/?" + url.Values{depositor.Field: {tok}}.Encode(),
		"/?" + url.Values{depositor.ResumeField: {tok}}.Encode(),
		"/pay/bkash_api?" + url.Values{depositor.ResumeField: {tok}}.Encode(),
		"/status/" + ref + "?" + url.Values{depositor.Field: {tok}}.Encode(),
	} {
		if p := e.get(path); p.status != http.StatusBadRequest || p.id("error").Length() == 0 {
			t.Errorf("%s with the resume token: %d, want the lost-visit page: %s", path, p.status, p.visibleText())
		}
	}
	// Within its lifetime it opens this payment's own page; after it, nothing.
	status := "/status/" + ref + "?" + url.Values{depositor.ResumeField: {tok}}.Encode()
	if p := e.get(status).mustStatus(http.StatusOK); p.text("reference") != ref {
		t.Errorf("the payment's page with its token: %s", p.visibleText())
	}
	e.clock.Advance(depositor.ResumeLifetime)
	e.get(status).mustStatus(http.StatusBadRequest)
	out := e.get(back.String()).mustStatus(http.StatusOK)
	if out.id("outcome-method").Length() != 0 {
		t.Errorf("an expired token still names the payment: %s", out.visibleText())
	}
}
