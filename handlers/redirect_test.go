package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/paykassma/checkout/paykassma"
)

// payOnWallet presses a button on the sandbox's hosted wallet page.
func (e *env) payOnWallet(walletURL, action string) *page {
	e.t.Helper()
	wallet := e.get(walletURL).mustStatus(200)
	form := wallet.doc.Find("form").FilterFunction(func(_ int, s *goqSel) bool {
		return s.Find(`[name="action"][value="`+action+`"]`).Length() > 0
	})
	if form.Length() == 0 {
		e.t.Fatalf("no %q button on the wallet page: %s", action, wallet.body)
	}
	target := e.resolve(wallet.url.String(), form.AttrOr("action", ""))
	req, _ := http.NewRequest("POST", target, strings.NewReader(url.Values{"action": {action}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return e.do(e.srv.URL, req)
}

func TestRedirect_BkashChecksTheAccountNumberBeforeAnyCall(t *testing.T) {
	tests := []struct{ account, says string }{
		{"", "Enter your bKash account number"},
		{"1712345678", "11 digits and starts with 01"},
		{"02712345678", "11 digits and starts with 01"},
		{"0171234567x", "11 digits and starts with 01"},
	}
	for _, tc := range tests {
		e := newEnv(t, options{})
		e.start("u42", "BDT")
		form := e.get("/pay/bkash_api").mustStatus(200)
		if form.id("identifier").Length() != 0 {
			t.Fatal("a redirect PS has no identifier to pay to")
		}
		again := e.submit(form, map[string]string{"account": tc.account, "amount": "500"}).mustStatus(http.StatusUnprocessableEntity)
		if msg := again.text("error-account"); !strings.Contains(msg, tc.says) {
			t.Errorf("%q: error %q, want %q", tc.account, msg, tc.says)
		}
		if got := again.doc.Find(`input[name="amount"]`).AttrOr("value", ""); got != "500" {
			t.Errorf("typed amount %q not kept", got)
		}
	}
}

func TestRedirect_AmountBelowTheMinimumIsAFieldError(t *testing.T) {
	e := newEnv(t, options{})
	e.start("u42", "BDT")
	again := e.submit(e.get("/pay/nagad_api"), map[string]string{"amount": "50"}).mustStatus(http.StatusUnprocessableEntity)
	if msg := again.text("error-amount"); !strings.Contains(msg, "৳100") {
		t.Errorf("error %q, want the minimum ৳100", msg)
	}
}

func TestRedirect_WalletOutcomesComeBackToSayWhatHappened(t *testing.T) {
	tests := []struct {
		wallet, action, path, kind, says string
	}{
		{"bkash_api", "pay", "/return/success", "credited", "in your account"},
		{"bkash_api", "fail", "/return/fail", "wfail", "Nothing was taken"},
		{"bkash_api", "cancel", "/return/cancel", "cancel", "You cancelled"},
		{"nagad_api", "pay", "/return/success", "credited", "in your account"},
		{"nagad_api", "cancel", "/return/cancel", "cancel", "Nothing was taken"},
	}
	for _, tc := range tests {
		t.Run(tc.wallet+" "+tc.action, func(t *testing.T) {
			e := newEnv(t, options{})
			e.start("u42", "BDT")
			form := e.get("/pay/" + tc.wallet).mustStatus(200)
			account := "" // Nagad's form asks for none
			if tc.wallet == "bkash_api" {
				account = "01712345678"
			}
			ref := redirectRefOf(form, "", "500.00", account)
			sent := e.submit(form, map[string]string{"account": "01712345678", "amount": "500"}).mustStatus(http.StatusSeeOther)
			if !strings.HasPrefix(sent.location(), "/sandbox/wallet/") {
				t.Fatalf("303 to %q, want the sandbox's wallet page", sent.location())
			}
			back := e.payOnWallet(sent.location(), tc.action).mustStatus(http.StatusSeeOther)
			u, _ := url.Parse(back.location())
			if u.Path != tc.path || u.Query().Get("ref") != ref {
				t.Fatalf("the wallet sent the person to %s, want %s?ref=%s", back.location(), tc.path, ref)
			}
			out := e.follow(back).mustStatus(200)
			if kind := out.id("outcome").AttrOr("data-kind", ""); kind != tc.kind {
				t.Errorf("outcome %q, want %q: %s", kind, tc.kind, out.visibleText())
			}
			if !strings.Contains(out.visibleText(), tc.says) || out.text("reference") != ref {
				t.Errorf("the page should say %q and show %s: %s", tc.says, ref, out.visibleText())
			}
			if tc.action != "pay" {
				if _, ok := out.id("action-again").Attr("href"); !ok {
					t.Error("no way to try again")
				}
			}
			// The outcome is remembered: the choose page lists it.
			if got := e.get("/").doc.Find(`[data-testid="attempt"]`).AttrOr("data-ref", ""); got != ref {
				t.Errorf("recent attempts: %q", got)
			}
		})
	}
}

func TestRedirect_SubmittingTheAmountFormTwiceCreatesOnePayment(t *testing.T) {
	e := newEnv(t, options{noCookies: true})
	form := e.clickMethod(e.start("u42", "BDT"), "bkash_api")
	values := map[string]string{"account": "01712345678", "amount": "500"}
	first := e.submit(form, values).mustStatus(http.StatusSeeOther)
	second := e.submit(form, values).mustStatus(http.StatusSeeOther)
	if !strings.HasPrefix(first.location(), "/sandbox/wallet/") || !strings.HasPrefix(second.location(), "/status/"+redirectRefOf(form, "", "500.00", "01712345678")) {
		t.Errorf("first to %s, second to %s", first.location(), second.location())
	}
	out := e.follow(second).mustStatus(200)
	if !strings.Contains(out.visibleText(), "start again") {
		t.Errorf("the status of a started payment: %s", out.visibleText())
	}
}

func TestReturn_WithoutStateStillSaysWhatHappened(t *testing.T) {
	e := newEnv(t, options{})
	p := e.get("/return/cancel?ref=PKAAAAAAAAAAAAAAAAAAAA").mustStatus(200)
	if !strings.Contains(p.visibleText(), "Nothing was taken") || p.text("reference") != "PKAAAAAAAAAAAAAAAAAAAA" {
		t.Errorf("%s", p.visibleText())
	}
	e.get("/return/maybe?ref=PKAAAAAAAAAAAAAAAAAAAA").mustStatus(http.StatusNotFound)
	e.get("/return/success?ref=x").mustStatus(http.StatusNotFound)
}

// bkashCreated notes when the current request has created a wallet payment.
type bkashCreated struct {
	paykassma.API
	created atomic.Bool
}

func (b *bkashCreated) CreateBkashPayment(ctx context.Context, req paykassma.BkashPaymentRequest) (*paykassma.RedirectPayment, error) {
	rp, err := b.API.CreateBkashPayment(ctx, req)
	if err == nil {
		b.created.Store(true)
	}
	return rp, err
}

// afterCreationLost is a response of which everything the checkout writes
// once the payment is created is lost (as when saving the state then
// fails): the browser gets a 500 with only the headers set before the call.
type afterCreationLost struct {
	http.ResponseWriter
	created *atomic.Bool
	late    http.Header
}

func (w *afterCreationLost) Header() http.Header {
	if !w.created.Load() {
		return w.ResponseWriter.Header()
	}
	if w.late == nil {
		w.late = http.Header{}
	}
	return w.late
}

func (w *afterCreationLost) WriteHeader(status int) {
	if w.created.Load() {
		status = http.StatusInternalServerError
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *afterCreationLost) Write(b []byte) (int, error) {
	if w.created.Load() {
		return len(b), nil
	}
	return w.ResponseWriter.Write(b)
}

func TestRedirect_ACreatedPaymentIsKnownEvenWhenTheAnswerAfterItIsLost(t *testing.T) {
	api := &bkashCreated{}
	e := newEnv(t, options{
		api: func(real paykassma.API) paykassma.API { api.API = real; return api },
		server: func(h http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				api.created.Store(false)
				h.ServeHTTP(&afterCreationLost{ResponseWriter: w, created: &api.created}, r)
			})
		},
	})
	form := e.clickMethod(e.start("u42", "BDT"), "bkash_api")
	ref := redirectRefOf(form, "", "500.00", "01712345678")
	values := map[string]string{"account": "01712345678", "amount": "500"}
	e.submit(form, values).mustStatus(http.StatusInternalServerError)
	if !api.created.Load() {
		t.Fatal("the wallet payment was never created")
	}
	if got := e.get("/status/" + ref).mustStatus(http.StatusOK).text("reference"); got != ref {
		t.Errorf("the status page names %q, want the created payment's %q", got, ref)
	}
	// Sent again, the form reuses the reference: no second payment.
	if got := e.submit(form, values).mustStatus(http.StatusSeeOther).location(); !strings.HasPrefix(got, "/status/"+ref) {
		t.Errorf("the second submission goes to %s, want the status of %s", got, ref)
	}
}
