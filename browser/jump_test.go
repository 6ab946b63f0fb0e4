package browser_test

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Back from the wallet app, the box to type into is one tap away on the
// first screen, and stays so while the person scrolls the details.
func TestPhone_IHavePaidIsWithinReachAndJumpsToTheForm(t *testing.T) {
	tb := openTab(t, newApp(t))
	tb.chooseMethod("INR", "upi_l")
	if top := eval[float64](tb, `document.querySelector('[data-testid="jump-form"]').getBoundingClientRect().top`); top < 0 || top > float64(phoneHeight)-40 {
		t.Errorf("\"I have paid\" is at %.0f px on a %d px screen", top, phoneHeight)
	}
	// At the top it is in its own place: no empty band where it was.
	tb.do("let the page settle", chromedp.Sleep(300*time.Millisecond))
	if eval[bool](tb, `document.querySelector('[data-jump-form]').classList.contains('floating')`) {
		t.Error("at the top of the page the link floats, leaving its place empty above the details")
	}
	before := eval[float64](tb, `document.getElementById("step2").getBoundingClientRect().top + scrollY`)
	eval[any](tb, `window.scrollTo(0, 400)`)
	waitTrue(tb, "let the link float", `document.querySelector('[data-jump-form]').classList.contains('floating')`)
	// Nothing moves under a tap when the link starts floating.
	if after := eval[float64](tb, `document.getElementById("step2").getBoundingClientRect().top + scrollY`); after != before {
		t.Errorf("the form moved from %.0f to %.0f px when the link started floating", before, after)
	}
	if bottom := eval[float64](tb, `document.querySelector('[data-testid="jump-form"]').getBoundingClientRect().bottom`); bottom > float64(phoneHeight) || bottom < 0 {
		t.Errorf("scrolled, the link's bottom is at %.0f px: off the screen", bottom)
	}
	tb.screen("pay-upi-jump")
	tb.do("tap I have paid", chromedp.Click(css(tid("jump-form")), chromedp.NodeVisible))
	waitTrue(tb, "the form comes into view", `(() => { const r = document.getElementById("key1").getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight })()`)
	if eval[bool](tb, `document.querySelector('[data-jump-form]').classList.contains('floating')`) {
		t.Error("the link still floats over the form")
	}
}

// A guide seen once is folded the next time the person opens the page.
func TestPhone_AGuideSeenOnceIsFoldedNextTime(t *testing.T) {
	tb := openTab(t, newApp(t))
	tb.chooseMethod("INR", "paytm")
	if !eval[bool](tb, `document.querySelector('[data-testid="guide"]').open`) {
		t.Fatal("the first time, the guide should be open")
	}
	tb.open(tb.app.url + "/pay/paytm")
	tb.waitFor(tid("pay-form"))
	if eval[bool](tb, `document.querySelector('[data-testid="guide"]').open`) {
		t.Error("the guide seen before is open again")
	}
}

// waitTrue waits up to 5 s for a script's answer to be true.
func waitTrue(tb *tab, what, js string) {
	tb.t.Helper()
	for range 50 {
		if eval[bool](tb, js) {
			return
		}
		tb.do("wait", chromedp.Sleep(100*time.Millisecond))
	}
	tb.t.Fatalf("%s: still false after 5 s", what)
}
