package browser_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Dead ends: screens a depositor cannot go on from, short of a reload or
// starting again.

// back goes back in the tab's history, as the phone's Back does, and waits
// for the page shown (from the back/forward cache or loaded again).
func (tb *tab) back() {
	tb.t.Helper()
	tb.do("go back", chromedp.NavigateBack())
	tb.do("wait for the page", chromedp.WaitReady(css("body")))
}

// wantUsableForm checks that the pay form shown after Back takes a tap:
// not marked sent, its button neither disabled nor saying "Sending…".
func (tb *tab) wantUsableForm(where string) {
	tb.t.Helper()
	tb.waitFor(tid("pay-form"))
	if sent := tb.attr(tid("pay-form"), "data-sent"); sent != "" {
		tb.t.Errorf("%s: the form is still marked sent", where)
	}
	if busy := tb.attr(tid("pay-form"), "aria-busy"); busy == "true" {
		tb.t.Errorf("%s: the form is still busy", where)
	}
	btn := `#pay-form button[type=submit]`
	if d := tb.attr(btn, "aria-disabled"); d == "true" {
		tb.t.Errorf("%s: the button is still disabled", where)
	}
	if got, sending := tb.text(btn), tb.attr(btn, "data-sending"); got == sending {
		tb.t.Errorf("%s: the button still says %q", where, got)
	}
}

// restoreFromCache does to the pay page what the back/forward cache does
// when a person comes Back to it after a submit: the document as it was
// left (the form marked sent by app.js), shown again with a persisted
// pageshow. Chromium keeps no page served no-store once a cookie changed
// or with cookies off, so Back alone refetches the page here; Safari and
// Chromium with cookies unchanged restore it (issue 15).
func (tb *tab) restoreFromCache() {
	tb.t.Helper()
	tb.waitFor(tid("pay-form"))
	eval[bool](tb, `document.getElementById("pay-form").dispatchEvent(new Event("submit", {cancelable: true}))`)
	if sent := tb.attr(tid("pay-form"), "data-sent"); sent == "" {
		tb.t.Fatal("the form was not marked sent: has app.js changed?")
	}
	eval[bool](tb, `window.dispatchEvent(new PageTransitionEvent("pageshow", {persisted: true}))`)
}

func TestBack_AfterASubmitTheFormTakesASecondOne(t *testing.T) {
	t.Run("paytm", func(t *testing.T) {
		tb := openTab(t, newApp(t))
		tb.chooseMethod("INR", "paytm")
		tb.typeInto("#key1", "20512345678")
		tb.send()
		tb.wantOutcome("credited", "The money is in your account")
		tb.back()
		tb.wantUsableForm("back from the outcome")
		tb.restoreFromCache()
		tb.wantUsableForm("restored from the back/forward cache")
		tb.screen("back-pay-paytm")
		tb.typeInto("#key1", "20512345679")
		tb.send()
		tb.wantOutcome("credited", "The money is in your account")
	})
	t.Run("bkash", func(t *testing.T) {
		tb := openTab(t, newApp(t))
		tb.chooseMethod("BDT", "bkash_api")
		tb.typeInto("#account", "01712345678")
		tb.typeInto("#amount", "500")
		tb.send()
		tb.waitFor("button.pay")
		tb.back()
		tb.wantUsableForm("back from the wallet's page")
		if tb.value("#account") != "01712345678" || tb.value("#amount") != "500" {
			// Reloaded rather than restored: typed again.
			eval[bool](tb, `(document.getElementById("account").value = "01712345678", document.getElementById("amount").value = "500", true)`)
		}
		tb.restoreFromCache()
		tb.wantUsableForm("restored from the back/forward cache")
		tb.screen("back-pay-bkash")
		tb.send()
		tb.waitFor("button.pay")
	})
}

func TestBack_AfterAFieldErrorAndASuccessLandsOnThePayPage(t *testing.T) {
	tb := openTab(t, newApp(t))
	tb.chooseMethod("INR", "paytm")
	tb.typeInto("#key1", "12")
	tb.send()
	tb.waitFor(tid("error-summary"))
	tb.typeInto("#key1", "20512345678")
	tb.send()
	tb.wantOutcome("credited", "The money is in your account")
	tb.back()
	loc := eval[string](tb, `location.href`)
	if !strings.HasPrefix(loc, tb.app.url+"/pay/paytm") {
		t.Fatalf("Back lands on %s, want the pay page: %s", loc, tb.where())
	}
	tb.wantUsableForm("back after an error and a success")
	if n := tb.count(tid("error-summary")); n != 0 {
		t.Errorf("Back shows the old errors again")
	}
	tb.screen("back-after-error")
}

func TestManual_TheScreenshotIsNotLostToAnotherFieldsError(t *testing.T) {
	t.Run("javascript", func(t *testing.T) {
		a := newApp(t)
		tb := openTab(t, a)
		tb.chooseMethod("INR", "staging_b_ml")
		tb.typeInto("#amount", "750")
		tb.do("attach the screenshot", attach("#screenshot", screenshotPNG(t)))
		before := eval[string](tb, `location.href`)
		tb.do("tap send", chromedp.Click(css(`#pay-form button[type=submit]`), chromedp.NodeVisible), chromedp.Sleep(time.Second))
		if loc := eval[string](tb, `location.href`); loc != before {
			t.Fatalf("an empty transaction ID went to the server (now on %s): %s", loc, tb.mainText())
		}
		if n := eval[int](tb, `document.getElementById("screenshot").files.length`); n != 1 {
			t.Errorf("the screenshot is no longer attached (%d files)", n)
		}
		if id := eval[string](tb, `document.activeElement.id`); id != "key1" {
			t.Errorf("the focus is on %q, want the empty transaction ID", id)
		}
		tb.wantUsableForm("after the browser stopped the submit")
		tb.screen("pay-manual-stopped")
		tb.typeInto("#key1", "UTR12345678")
		tb.send()
		if k := tb.kind(); k == "failed" || k == "error" {
			t.Errorf("outcome %q: %s", k, tb.mainText())
		}
	})
	t.Run("no javascript", func(t *testing.T) {
		tb := openTab(t, newApp(t), withoutJavaScript)
		tb.chooseMethod("INR", "staging_b_ml")
		tb.typeInto("#key1", "UTR")
		tb.typeInto("#amount", "750")
		tb.do("attach the screenshot", attach("#screenshot", screenshotPNG(t)))
		tb.send()
		tb.waitFor(tid("error-summary"))
		if got := tb.text(tid("error-screenshot")); !strings.Contains(got, "attach the screenshot again") {
			t.Errorf("beside the screenshot: %q, want it to say to attach it again", got)
		}
		tb.screen("pay-manual-attach-again")
	})
}
