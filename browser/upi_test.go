package browser_test

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/paykassma/checkout/entrylink"
)

// On a phone, a personal UPI ID is paid by copying it: the copy button
// comes before the QR, and nothing on the page is a upi:// link (apps
// refuse them for personal IDs since NPCI OC-76A).
func TestUPI_OnAPhoneAPersonalUPIIDIsCopiedNotLinked(t *testing.T) {
	tb := openTab(t, newApp(t))
	tb.chooseMethod("INR", "upi_l")
	copyTop := eval[float64](tb, `document.querySelector('button[data-copy="identifier"]').getBoundingClientRect().top`)
	qrTop := eval[float64](tb, `document.querySelector('[data-testid="upi-qr"]').getBoundingClientRect().top`)
	if tb.count(`button[data-copy="identifier"]:not([hidden])`) != 1 || copyTop >= qrTop {
		t.Errorf("the copy button (top %.0f) should show before the QR (top %.0f)", copyTop, qrTop)
	}
	if n := tb.count(`a[href^="upi:"], a[href^="tez:"], a[href^="phonepe:"], a[href^="paytmmp:"]`); n != 0 {
		t.Errorf("%d app links for a personal UPI ID", n)
	}
	if !strings.Contains(tb.text(tid("upi-steps")), "Pay to UPI ID") {
		t.Errorf("steps: %q", tb.text(tid("upi-steps")))
	}
	tb.screen("pay-upi")
}

// A merchant's UPI ID (listed in [wallets] upi_intent) gets app buttons
// with the amount; where none opens, the page says how to go on.
func TestUPI_AMerchantsUPIIDOpensTheAppsWithTheAmount(t *testing.T) {
	a := newApp(t)
	a.cfg.Wallets.UPIIntent = []string{"upi_m"}
	a.cfg.Merchant.SigningKey = "a-signing-key-for-the-browser-tests"
	q := url.Values{"label": {"u42"}, "currency_code": {"INR"}, "wallet_type": {"upi_m"}, "fixed_amount": {"500"}}
	link, err := entrylink.URL(a.url, a.cfg.Merchant.SigningKey, q, a.clock.Now().Add(10*time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	tb := openTab(t, a)
	tb.open(link)
	tb.waitFor(tid("upi-apps"))
	hrefs := eval[[]string](tb, `[...document.querySelectorAll('[data-testid="upi-apps"] a')].map(a => a.getAttribute("href"))`)
	if len(hrefs) != 4 || !strings.HasPrefix(hrefs[0], "upi://pay?") || !strings.HasPrefix(hrefs[1], "tez://upi/pay?") {
		t.Fatalf("app links %q", hrefs)
	}
	for _, h := range hrefs {
		if !strings.Contains(h, "&am=500.00") || !strings.Contains(h, "&cu=INR") {
			t.Errorf("%s lacks the amount or the currency", h)
		}
	}
	tb.screen("pay-upi-shop")
	// Headless Chromium opens no UPI app, as an in-app browser would not:
	// the page stays, and says so.
	tb.do("tap Open my UPI app", chromedp.Click(css(tid("upi-open")), chromedp.NodeVisible))
	tb.waitFor(tid("app-link-fallback"))
	if got := tb.text(tid("app-link-fallback")); !strings.Contains(got, "/pay/upi_m") {
		t.Errorf("the fallback does not give this page's address: %q", got)
	}
}
