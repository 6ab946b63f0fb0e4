package handlers_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/paykassma/checkout/metrics"
)

// A merchant's "Deposit" button opens the same entry link again (a second
// tab, the next day) and the person pays again with another transaction
// ID: that is a second payment, activated under a reference of its own,
// and the merchant hears of it under that reference, not the first's.
func TestReference_TheSameEntryLinkOpenedTwiceIsTwoPayments(t *testing.T) {
	e := merchantEnv(t, options{})
	link := map[string]string{"label": "u42", "currency_code": "INR", "wallet_type": "paytm",
		"custom_transaction_id": "ORD77", "success_url": "https://shop.example/paid"}
	first := statusRef(t, e.submit(e.enter(link), map[string]string{"key1": "20512345678"}))

	e.clock.Advance(20 * time.Hour)
	sent := e.submit(e.enter(link), map[string]string{"key1": "20598765432"})
	second := statusRef(t, sent)
	if second == first || !strings.HasPrefix(second, "ORD77-") {
		t.Fatalf("second payment under %q, the first under %q: want ORD77-… and never the same", second, first)
	}
	if n := e.sb.Activations(second); n != 1 {
		t.Fatalf("the second payment was activated %d times, want 1", n)
	}
	out := e.follow(sent).mustStatus(http.StatusOK)
	if got := out.text("outcome-txid"); !strings.Contains(got, "20598765432") {
		t.Errorf("the outcome shows transaction ID %q, want the second payment's", got)
	}
	u, _ := url.Parse(out.id("action-return").AttrOr("href", ""))
	if u == nil || u.Query().Get("reference") != second {
		t.Errorf("the merchant is told %s, want reference=%s", out.id("action-return").AttrOr("href", ""), second)
	}
}

// Without cookies the state travels in the page. Going back to an older
// pay page and paying again with a new transaction ID is a new payment,
// whatever that old copy of the state remembers.
func TestReference_BackToAnOlderPayPageWithoutCookiesIsANewPayment(t *testing.T) {
	e := newEnv(t, options{noCookies: true})
	old := e.clickMethod(e.start("u42", "INR"), "paytm").mustStatus(http.StatusOK)
	first := statusRef(t, e.submit(old, map[string]string{"key1": "20512345678"}))

	sent := e.submit(old, map[string]string{"key1": "20598765432"}) // Back, then a new transaction ID
	second := statusRef(t, sent)
	if second == first {
		t.Fatalf("the second payment reuses the first's reference %s", first)
	}
	if n := e.sb.Activations(second); n != 1 {
		t.Errorf("the second payment was activated %d times, want 1", n)
	}
	out := e.follow(sent).mustStatus(http.StatusOK)
	if got := out.text("outcome-txid"); !strings.Contains(got, "20598765432") {
		t.Errorf("the outcome shows transaction ID %q, want the second payment's", got)
	}
}

// The same form sent twice (a double tap, Back and send) is one payment:
// the second shows the first's outcome and nothing reaches Paykassma twice.
func TestReference_TheSameFormSentTwiceIsOnePayment(t *testing.T) {
	for _, cookies := range []bool{true, false} {
		e := newEnv(t, options{noCookies: !cookies})
		form := e.clickMethod(e.start("u42", "INR"), "paytm").mustStatus(http.StatusOK)
		values := map[string]string{"key1": "20512345678"}
		first := statusRef(t, e.submit(form, values))
		again := e.submit(form, values)
		if got := statusRef(t, again); got != first {
			t.Errorf("cookies %v: the second submission went to %s, want %s", cookies, got, first)
		}
		if n := e.sb.Activations(first); n != 1 {
			t.Errorf("cookies %v: activated %d times", cookies, n)
		}
		if kind := e.follow(again).id("outcome").AttrOr("data-kind", ""); kind != "credited" && kind != "submitted" {
			t.Errorf("cookies %v: the second submission shows %q", cookies, kind)
		}
	}
}

// A wallet's return counts the deposit once, when its outcome is first
// recorded: also when the merchant's success_url answers it (a 303), and
// not again on a reload of the return page.
func TestMetrics_AWalletReturnIsCountedOnceWhateverPageAnswersIt(t *testing.T) {
	for _, tc := range []struct {
		name    string
		success string // the merchant's success_url
		status  int    // what the return answers
	}{
		{"the merchant's page", "https://shop.example/paid", http.StatusSeeOther},
		{"our outcome page", "", http.StatusOK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := metrics.New()
			e := merchantEnv(t, options{metrics: m})
			link := map[string]string{"label": "u42", "currency_code": "BDT", "wallet_type": "bkash_api"}
			if tc.success != "" {
				link["success_url"] = tc.success
			}
			sent := e.submit(e.enter(link), map[string]string{"account": "01712345678", "amount": "500"}).mustStatus(http.StatusSeeOther)
			back := e.payOnWallet(sent.location(), "pay").mustStatus(http.StatusSeeOther)
			e.get(back.location()).mustStatus(tc.status)
			e.get(back.location()).mustStatus(tc.status) // reloaded
			got := scrape(t, m)
			if !strings.Contains(got, `checkout_deposits_total{outcome="redirect_success"} 1`) {
				t.Errorf("want one redirect_success deposit:\n%s", grepLines(got, "checkout_deposits_total"))
			}
		})
	}
}

// A reload of a P2P outcome page changes nothing and counts nothing.
func TestMetrics_AReloadCountsNoDeposit(t *testing.T) {
	m := metrics.New()
	e := newEnv(t, options{metrics: m})
	sent := e.submit(e.clickMethod(e.start("u42", "INR"), "paytm"), map[string]string{"key1": "20512345678"})
	for range 3 {
		e.follow(sent).mustStatus(http.StatusOK)
	}
	if got := scrape(t, m); !strings.Contains(got, `checkout_deposits_total{outcome="success"} 1`) {
		t.Errorf("want one success deposit:\n%s", grepLines(got, "checkout_deposits_total"))
	}
}

func grepLines(s, substr string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, substr) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
