package browser_test

import (
	"strings"
	"testing"
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
