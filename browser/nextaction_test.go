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
