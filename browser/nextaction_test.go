package browser_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The next action within reach: after each outcome the obvious next step is
// the main button, a way to a human is on every page where one is stuck, and
// the list of PSs stays above the fold.

func TestSupport_ALineOnOutcomesNotCreditedAndErrorPages(t *testing.T) {
	a := newApp(t)
	a.cfg.Merchant.SupportURL = "https://shop.example/help"
	a.cfg.Merchant.SupportText = "WhatsApp +91 98765 43210"
	tb := openTab(t, a)
	tb.chooseMethod("INR", "paytm")
	tb.typeInto("#key1", "20512345999")
	tb.send()
	tb.wantOutcome("failed", "Check the transaction ID")
	tb.waitFor(tid("support-link"))
	if got := tb.text(tid("support")); !strings.Contains(got, "WhatsApp +91 98765 43210") {
		t.Errorf("support line %q", got)
	}
	tb.screen("outcome-failed-support")
	tb.open("/status/PK-no-such-payment")
	tb.waitFor(tid("support-link"))
	if got := tb.attr(tid("support-link"), "href"); got != "https://shop.example/help" {
		t.Errorf("support link %q", got)
	}
	tb.screen("error-support")
}

// primary is the outcome page's main button: its test id, text and link.
func (tb *tab) primary() (testid, text, href string) {
	tb.t.Helper()
	sel := `.actions a.button:not(.secondary)`
	if n := tb.count(sel); n != 1 {
		tb.t.Fatalf("%d main buttons, want one: %s", n, tb.mainText())
	}
	return tb.attr(sel, "data-testid"), tb.text(sel), tb.attr(sel, "href")
}

func TestNextStep_AfterSuccessTheMainButtonIsDoneNotAnotherWayToPay(t *testing.T) {
	tb := openTab(t, newApp(t))
	tb.chooseMethod("INR", "paytm")
	tb.typeInto("#key1", "20512345678")
	tb.send()
	tb.wantOutcome("credited", "The money is in your account")
	if id, text, _ := tb.primary(); text != "Done" || id != "action-choose" {
		t.Errorf("after a credited payment the main button is %q (%s), want Done (to the list)", text, id)
	}
	tb.screen("outcome-credited-done")
}

func TestNextStep_SavedOffersToPayWhatIsLackingWithTheSamePS(t *testing.T) {
	tb := openTab(t, newApp(t))
	tb.chooseMethod("INR", "paytm")
	tb.typeInto("#key1", "20512345150") // ₹150 of the ₹300 minimum
	tb.send()
	tb.wantOutcome("saved", "it went to your savings")
	id, text, href := tb.primary()
	if text != "Pay ₹150 more" || id != "action-pay-more" || !strings.HasSuffix(href, "/pay/paytm") {
		t.Errorf("after a saved payment the main button is %q (%s) to %s, want Pay ₹150 more with PayTM", text, id, href)
	}
	tb.screen("outcome-saved-pay-more")
	tb.follow(`.actions a.button:not(.secondary)`)
	tb.waitFor(tid("pay-form"))
}

func TestNextStep_InTheMerchantsFrameBackToTheShopIsTheMainButton(t *testing.T) {
	shop := openTab(t, newApp(t))
	shop.open("/demo")
	frame := shop.frameOf(shop.app.checkout() + "/")
	frame.waitFor(tid("methods"))
	frame.follow(`[data-type="paytm"] ` + tid("method-link"))
	frame.waitFor(tid("identifier"))
	frame.typeInto("#key1", "20512345678")
	frame.send()
	frame.wantOutcome("credited", "The money is in your account")
	if id, text, _ := frame.primary(); id != "action-return" || !strings.HasPrefix(text, "Back to") {
		t.Errorf("in the shop's frame the main button is %q (%s), want Back to the shop", text, id)
	}
	if n := frame.count(tid("action-choose")); n != 1 {
		t.Errorf("%d links to the list, want it as a secondary way on", n)
	}
	shop.screen("demo-shop-done")
}

func TestChoose_RecentPaymentsLeaveThePSsInViewAndSavedSaysInSavings(t *testing.T) {
	tb := openTab(t, newApp(t))
	// Four payments not found, then one of ₹150 that goes to savings: the
	// latest.
	for _, key1 := range []string{"20512341999", "20512342999", "20512343999", "20512344999", "20512345150"} {
		tb.chooseMethod("INR", "paytm")
		tb.typeInto("#key1", key1)
		tb.send()
		tb.waitFor(tid("outcome"))
	}
	tb.open(tb.app.merchantLink("u42", "INR"))
	tb.waitFor(tid("methods"))
	if n := eval[int](tb, `[...document.querySelectorAll('[data-testid="attempt"]')].filter(e => e.checkVisibility()).length`); n != 2 {
		t.Errorf("%d recent payments in view, want the latest two", n)
	}
	if n := tb.count(tid("attempts-older") + ":not([open]) " + tid("attempt")); n != 3 {
		t.Errorf("%d payments behind a closed \"show all\", want the other three", n)
	}
	// On a 740 px screen the first PS is within the first screen.
	if bottom := eval[float64](tb, `document.querySelector('[data-testid="method-link"]').getBoundingClientRect().bottom`); bottom > 740 {
		t.Errorf("the first PS ends at %.0f px, below a 740 px screen", bottom)
	}
	latest := tid("attempt") + ":first-child"
	if got := tb.text(latest + " " + tid("attempt-outcome")); !strings.Contains(got, "In savings") || strings.Contains(got, "Received") {
		t.Errorf("the payment kept in savings says %q, want In savings", got)
	}
	// Green is the colour of money credited (--ok), not of money kept.
	colour := eval[string](tb, `getComputedStyle(document.querySelector('[data-testid="attempt"] .attempt-outcome')).color`)
	okColour := eval[string](tb, `(() => { const s = document.createElement("span"); s.style.color = "var(--ok)"; document.body.append(s); const c = getComputedStyle(s).color; s.remove(); return c })()`)
	if colour == okColour {
		t.Errorf("the payment in savings is in the credited green (%s)", colour)
	}
	tb.screen("choose-attempts-recent")
	tb.do("show all", chromedp.Click(css(tid("attempts-older")+" summary"), chromedp.NodeVisible))
	if n := eval[int](tb, `[...document.querySelectorAll('[data-testid="attempt"]')].filter(e => e.checkVisibility()).length`); n != 5 {
		t.Errorf("after \"show all\" %d payments in view, want five", n)
	}
}

func TestWording_UPIIBExplainedAndNoSentAmountOrWalletAppWhereWrong(t *testing.T) {
	tb := openTab(t, newApp(t))
	tb.open(tb.app.merchantLink("u42", "INR"))
	tb.waitFor(tid("methods"))
	if got := eval[string](tb, `(document.querySelector('[data-type="upi_ib"] [data-testid="method-hint"]') || {}).innerText || ""`); got != "UPI through internet banking" {
		t.Errorf("UPI IB is explained as %q", got)
	}
	tb.screen("choose-upi-ib-hint")

	// The bank transfer sent with no transaction ID: the bank, not a wallet app.
	tb.follow(`[data-type="staging_b_ml"] ` + tid("method-link"))
	tb.waitFor(tid("pay-form"))
	// The browser itself stops an empty upload form now (deadends_test.go):
	// this is about the server's words, as a browser that checks nothing gets them.
	eval[any](tb, `document.querySelectorAll('#pay-form [required]').forEach(e => e.removeAttribute('required'))`)
	// An upload goes by script (upload.js), and its answer replaces the page without a new load.
	tb.do("tap send", chromedp.Click(css(`#pay-form button[type=submit]`), chromedp.NodeVisible))
	tb.waitFor(tid("error-summary"))
	if text := tb.mainText(); strings.Contains(text, "wallet app") {
		t.Errorf("the bank transfer's errors speak of a wallet app: %s", text)
	}

	// bKash (pay in app) before anything is sent: the amount to deposit.
	tb.chooseMethod("BDT", "bkash_api")
	tb.send()
	tb.waitFor(tid("error-summary"))
	if text := tb.mainText(); strings.Contains(text, "you sent") {
		t.Errorf("the bKash form speaks of an amount sent before anything was: %s", text)
	}
	tb.screen("pay-bkash-api-errors")
}
