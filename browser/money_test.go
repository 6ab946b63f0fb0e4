package browser_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// atTime starts the app's clock and the tab's at t, so that what the
// server writes and what the page's scripts count agree.
func atTime(t *testing.T, a *app, tb *tab, at time.Time) {
	t.Helper()
	a.clock.mu.Lock()
	a.clock.t = at
	a.clock.mu.Unlock()
	src := fmt.Sprintf(`(function () { var off = %d - Date.now(); var real = Date.now; Date.now = function () { return real() + off; }; })();`, at.UnixMilli())
	tb.do("fix the page's clock", chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src})
		return err
	}))
}

// 18:29 UTC on 1 December is 00:29 on 2 December in Dhaka: the taka page
// says the identifier's validity in Bangladesh time, in Bengali, and counts
// down the minutes left; without JavaScript the time alone.
func TestMoney_TimesInTheDepositorsZoneWithACountdown(t *testing.T) {
	a := newApp(t)
	tb := openTab(t, a)
	atTime(t, a, tb, time.Date(2026, 12, 1, 18, 29, 0, 0, time.UTC))
	tb.open(a.merchantLink("u42", "BDT") + "&lang=bn")
	tb.waitFor(tid("methods"))
	tb.follow(`[data-testid="method"][data-type="bkash"] ` + tid("method-link"))
	tb.waitFor(tid("pay-form"))
	if got := tb.text(tid("valid-until")); got != "২ ডিসেম্বর ০০:৫৯ (বাংলাদেশ সময়)" {
		t.Errorf("valid until %q, want 2 December 00:59 Bangladesh time, in Bengali", got)
	}
	left := tb.text(tid("valid-countdown"))
	if !strings.HasPrefix(left, "(আর ২৯:") && left != "(আর ৩০:০০ বাকি)" {
		t.Errorf("countdown %q, want about 30 minutes left in Bengali digits", left)
	}
	tb.screen("money-validity-bn")

	nojs := openTab(t, a, withoutJavaScript)
	nojs.chooseMethod("INR", "paytm")
	if got := nojs.text(tid("valid-until")); got != "2 Dec 00:29 (India time)" {
		t.Errorf("valid until %q, want 2 Dec 00:29 (India time)", got)
	}
	if !eval[bool](nojs, `document.querySelector('[data-testid="valid-countdown"]').hidden`) {
		t.Error("without JavaScript the empty countdown shows")
	}
}

// A Bengali page counts in one digit system: the guide's list numbers, the
// minimum and the time all in Bengali digits.
func TestMoney_ABengaliPageUsesOneDigitSystem(t *testing.T) {
	a := newApp(t)
	tb := openTab(t, a)
	atTime(t, a, tb, time.Date(2026, 12, 1, 18, 29, 0, 0, time.UTC))
	tb.open(a.merchantLink("u42", "BDT") + "&lang=bn")
	tb.waitFor(tid("methods"))
	tb.follow(`[data-testid="method"][data-type="bkash"] ` + tid("method-link"))
	tb.waitFor(tid("pay-form"))
	if got := eval[string](tb, `getComputedStyle(document.querySelector(".guide-steps")).listStyleType`); got != "bengali" {
		t.Errorf("the guide's steps are numbered %q, want bengali", got)
	}
	if got := eval[string](tb, `getComputedStyle(document.querySelector(".steps")).listStyleType`); got != "none" {
		t.Errorf("the page's two steps, numbered in their headings, also have markers: %q", got)
	}
	if got := tb.text(tid("minimum")); !strings.Contains(got, "৳২০০") {
		t.Errorf("minimum %q, want ৳২০০", got)
	}
	tb.screen("money-digits-bn")
}

// ৳150 paid by bKash is saved toward bKash's minimum: the choose page says
// so under bKash only, the bar as full as the words say, and bKash (pay in
// app), whose savings are empty, shows none.
func TestMoney_SavingsShowUnderThePSTheyCountToward(t *testing.T) {
	a := newApp(t)
	tb := openTab(t, a)
	tb.chooseMethod("BDT", "bkash")
	tb.typeInto("#key1", "9GH4K2L150")
	tb.send()
	if got := tb.kind(); got != "saved" {
		t.Fatalf("outcome %q, want saved", got)
	}
	tb.open(a.merchantLink("u42", "BDT"))
	tb.waitFor(tid("methods"))
	under := func(ps string) string {
		return eval[string](tb, `(document.querySelector('[data-type="`+ps+`"] [data-testid="savings"]') || {}).innerText || ""`)
	}
	if got := strings.Join(strings.Fields(under("bkash")), " "); !strings.Contains(got, "৳150") || !strings.Contains(got, "৳50") || !strings.Contains(got, "৳200") {
		t.Errorf("bKash's savings say %q, want ৳150 saved, ৳50 still needed of ৳200", got)
	}
	if got := under("bkash_api"); got != "" {
		t.Errorf("bKash (pay in app) shows savings it has none of: %q", got)
	}
	if v, m := eval[float64](tb, `document.querySelector('[data-type="bkash"] meter').value`), eval[float64](tb, `document.querySelector('[data-type="bkash"] meter').max`); v != 150 || m != 200 {
		t.Errorf("bKash's bar %v of %v, want 150 of 200", v, m)
	}
	tb.screen("money-savings")
}

// "Transaction not found" reaches a Hindi page in Hindi; Paykassma's
// English stays folded as a detail that opens on a tap.
func TestMoney_PaykassmasAnswerInThePagesLanguage(t *testing.T) {
	a := newApp(t)
	tb := openTab(t, a)
	tb.open(a.merchantLink("u42", "INR") + "&lang=hi")
	tb.waitFor(tid("methods"))
	tb.follow(`[data-testid="method"][data-type="paytm"] ` + tid("method-link"))
	tb.waitFor(tid("pay-form"))
	tb.typeInto("#key1", "20512345999")
	tb.send()
	if got := tb.kind(); got != "failed" {
		t.Fatalf("outcome %q, want failed", got)
	}
	if got := tb.text(tid("outcome-said")); !strings.Contains(got, "इस ट्रांज़ैक्शन ID वाला भुगतान नहीं मिला") {
		t.Errorf("Paykassma's answer %q, want it in Hindi", got)
	}
	if text := tb.mainText(); strings.Contains(text, "Transaction not found") {
		t.Errorf("the English shows before the detail is opened: %s", text)
	}
	tb.screen("money-api-message-hi")
	tb.do("open the detail", chromedp.Click(css(tid("outcome-detail")+" summary")))
	if text := tb.mainText(); !strings.Contains(text, "Transaction not found") {
		t.Errorf("the opened detail does not show Paykassma's words: %s", text)
	}
}
