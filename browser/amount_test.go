package browser_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// askAmount answers "How much will you send?" on the pay page.
func (tb *tab) askAmount(amount string) {
	tb.t.Helper()
	tb.typeInto("#ask-amount", amount)
	tb.follow(tid("ask-amount-submit"))
	tb.waitFor(tid("pay-form"))
}

// The person says how much first; the page then says it beside the UPI ID,
// puts it in the QR and fills it into the form, and keeps it through a
// reload and Back, since it is in the page's address.
func TestAmount_SaidFirstIsInTheQRTheFormAndTheOutcome(t *testing.T) {
	tb := openTab(t, newApp(t))
	tb.chooseMethod("INR", "upi_l")
	if got := tb.text(tid("minimum")); !strings.Contains(got, "₹300") {
		t.Errorf("the minimum is not said up front: %q", got)
	}
	if got := tb.text(tid("send-to")); got != "Send the amount to:" {
		t.Errorf("before the amount is known the page says %q", got)
	}
	tb.askAmount("500")
	check := func(when string) {
		t.Helper()
		if got := tb.text(tid("send-to")); got != "Send ₹500 to:" {
			t.Errorf("%s: the page says %q", when, got)
		}
		if link := tb.attr(tid("upi-qr"), "data-link"); !strings.Contains(link, "am=500.00") {
			t.Errorf("%s: the QR's link %q carries no am=500.00", when, link)
		}
		if got := tb.text(tid("upi-amount")); got != "500.00" {
			t.Errorf("%s: the amount to copy is %q", when, got)
		}
		if got := tb.value("#amount"); got != "500" {
			t.Errorf("%s: the form's amount is %q, want it filled in", when, got)
		}
	}
	check("after saying it")
	// The next action stays on the first screen.
	if top := eval[float64](tb, `document.querySelector('[data-testid="jump-form"]').getBoundingClientRect().top`); top < 0 || top > float64(phoneHeight)-40 {
		t.Errorf("\"I have paid\" is at %.0f px on a %d px screen", top, phoneHeight)
	}
	tb.screen("pay-upi-amount")
	tb.viewShot("pay-upi-amount-first-screen")
	tb.do("reload", chromedp.Reload())
	tb.waitFor(tid("pay-form"))
	check("after a reload")

	tb.typeInto("#key1", "412345678901")
	tb.send()
	tb.wantOutcome("credited", "The money is in your account")
	if got := tb.text(tid("outcome-method")); !strings.Contains(got, "₹500") {
		t.Errorf("the outcome does not repeat the amount: %q", got)
	}
	tb.back()
	tb.waitFor(tid("pay-form"))
	check("after Back")
}

// A second tab of the same person, with another amount, keeps its own.
func TestAmount_TwoTabsKeepTheirOwnAmounts(t *testing.T) {
	tb := openTab(t, newApp(t))
	tb.chooseMethod("INR", "upi_l")
	tb.askAmount("500")
	ctx2, cancel := chromedp.NewContext(tb.ctx) // a tab in the same browser profile: the same cookie
	defer cancel()
	second := &tab{t: t, ctx: ctx2, app: tb.app}
	second.do("open a second tab", chromedp.EmulateViewport(phoneWidth, phoneHeight, chromedp.EmulateMobile))
	second.open("/pay/upi_l")
	second.waitFor(tid("pay-form"))
	second.askAmount("750")
	tb.do("reload the first", chromedp.Reload())
	tb.waitFor(tid("pay-form"))
	if a, b := tb.text(tid("send-to")), second.text(tid("send-to")); a != "Send ₹500 to:" || b != "Send ₹750 to:" {
		t.Errorf("the tabs say %q and %q", a, b)
	}
}

// Where the PS's activation takes no amount (PayTM), the amount is the
// person's word: optional, and shown as what they said they sent, on the
// outcome and in the recent payments, with or without scripts.
func TestAmount_WhereThePSTakesNoneItIsWhatYouSaidYouSent(t *testing.T) {
	for _, js := range []bool{true, false} {
		name := "javascript"
		var opts []tabOption
		if !js {
			name = "no javascript"
			opts = append(opts, withoutJavaScript)
		}
		t.Run(name, func(t *testing.T) {
			tb := openTab(t, newApp(t), opts...)
			tb.chooseMethod("INR", "paytm")
			tb.askAmount("150")
			if got := tb.text(tid("below-minimum")); !strings.Contains(got, "₹150 is less than the minimum of ₹300") {
				t.Errorf("below the minimum the page says %q", got)
			}
			tb.screen("pay-paytm-below-minimum")
			tb.askAmount("750")
			if n := tb.count(tid("below-minimum")); n != 0 {
				t.Error("₹750 is said to be below the minimum")
			}
			if got := tb.text(tid("send-to")); got != "Send ₹750 to:" {
				t.Errorf("the page says %q", got)
			}
			if got := tb.text(`label[for="amount"]`); !strings.Contains(got, "optional") {
				t.Errorf("PayTM's amount is asked as %q, not as optional", got)
			}
			if got := tb.value("#amount"); got != "750" {
				t.Errorf("the form's amount is %q, want it filled in", got)
			}
			tb.screen("pay-paytm-amount")
			tb.typeInto("#key1", "20512345678")
			tb.send()
			tb.wantOutcome("credited", "The money is in your account")
			if got := tb.text(tid("outcome-stated")); got != "you said you sent ₹750" {
				t.Errorf("the outcome says %q", got)
			}
			tb.screen("outcome-paytm-stated")
			tb.follow(tid("action-choose"))
			tb.waitFor(tid("attempts"))
			if got := tb.text(tid("attempt-stated")); got != "you said you sent ₹750" {
				t.Errorf("the recent payment says %q", got)
			}
			tb.screen("choose-attempts-stated")
		})
	}
}
