package browser_test

import (
	"github.com/paykassma/checkout/deposit"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Each test is a depositor on a phone: they arrive by the merchant's link,
// tap, type and read; every screen they see is checked by axe-core and for
// sideways scrolling (tab.screen).

// chooseMethod opens the merchant's link and taps a PS.
func (tb *tab) chooseMethod(currency, walletType string) {
	tb.t.Helper()
	tb.open(tb.app.merchantLink("u42", currency))
	tb.waitFor(tid("methods"))
	tb.follow(`[data-testid="method"][data-type="` + walletType + `"] ` + tid("method-link"))
	tb.waitFor(tid("pay-form"))
}

// send taps the form's submit button.
func (tb *tab) send() {
	tb.t.Helper()
	tb.follow(`#pay-form > button[type=submit]`) // not a field's own button (the screenshot's Read)
}

// wantOutcome waits for the outcome page and checks its kind and words.
func (tb *tab) wantOutcome(kind, says string) {
	tb.t.Helper()
	if got := tb.kind(); got != kind {
		tb.t.Fatalf("outcome %q, want %q: %s", got, kind, tb.mainText())
	}
	if text := tb.mainText(); !strings.Contains(text, says) {
		tb.t.Errorf("the outcome does not say %q: %s", says, text)
	}
}

// p2pJourney pays with PayTM from the merchant's link to the recent
// attempts on the choose page, naming each screen with prefix.
func p2pJourney(tb *tab, prefix string) {
	t := tb.t
	t.Helper()
	tb.open(tb.app.merchantLink("u42", "INR"))
	tb.waitFor(tid("methods"))
	tb.screen(prefix + "choose")
	tb.follow(`[data-type="paytm"] ` + tid("method-link"))
	tb.waitFor(tid("identifier"))
	if id := tb.text(tid("identifier")); len(id) != 10 {
		t.Fatalf("wallet identifier %q, want a 10-digit PayTM number", id)
	}
	tb.screen(prefix + "pay-paytm")
	tb.typeInto("#key1", "20512345678")
	tb.send()
	tb.wantOutcome("credited", "The money is in your account")
	ref := tb.text(tid("reference"))
	if !strings.HasPrefix(ref, "PK") {
		t.Errorf("reference %q", ref)
	}
	if got := tb.text(tid("outcome-txid")); got != "20512345678" {
		t.Errorf("the outcome repeats the transaction ID as %q", got)
	}
	tb.screen(prefix + "outcome-credited")
	tb.follow(tid("action-choose"))
	tb.waitFor(tid("attempts"))
	if got := tb.attr(tid("attempt"), "data-ref"); got != ref {
		t.Errorf("recent attempts list %q, want %s", got, ref)
	}
	if got := tb.text(tid("attempt-outcome")); !strings.Contains(got, "Credited") {
		t.Errorf("the recent attempt says %q", got)
	}
	tb.screen(prefix + "choose-attempts")
}

func TestP2P_PayTMActivationEndsCredited(t *testing.T) {
	tb := openTab(t, newApp(t))
	p2pJourney(tb, "")
}

func TestNoJavaScript_TheP2PJourneyWorksAndNothingNeedsScripts(t *testing.T) {
	tb := openTab(t, newApp(t), withoutJavaScript)
	tb.chooseMethod("INR", "paytm")
	// The copy button needs script to work, so without it it stays hidden;
	// the time stays as the server wrote it.
	if hidden := eval[bool](tb, `document.querySelector("button[data-copy]").hidden`); !hidden {
		t.Error("without JavaScript the copy button shows, and does nothing")
	}
	if got := tb.text(tid("valid-until")); got != "1 Mar 15:00 (India time)" {
		t.Errorf("valid until %q: did a script run?", got)
	}
	p2pJourney(tb, "nojs-")
}

func TestUPI_AmountAndFieldErrorsKeepTheTypedValues(t *testing.T) {
	tb := openTab(t, newApp(t))
	tb.chooseMethod("INR", "upi_l")
	tb.screen("pay-upi")
	tb.typeInto("#key1", "4123456")
	tb.typeInto("#amount", "500,50") // a decimal comma: not 50050
	tb.send()
	tb.waitFor(tid("error-summary"))
	tb.screen("pay-upi-errors")
	if got := tb.text(tid("error-key1")); !strings.Contains(got, "12 digits") {
		t.Errorf("the error beside the UTR: %q", got)
	}
	if got := tb.text(tid("error-amount")); !strings.Contains(got, "like 500 or 1,500.50") {
		t.Errorf("the error beside the amount: %q", got)
	}
	if k, a := tb.value("#key1"), tb.value("#amount"); k != "4123456" || a != "500,50" {
		t.Errorf("typed values shown again as %q and %q", k, a)
	}
	if n := tb.count(tid("error-summary") + ` a[href="#key1"], ` + tid("error-summary") + ` a[href="#amount"]`); n != 2 {
		t.Errorf("the summary links to %d of the 2 fields", n)
	}
	if title := eval[string](tb, `document.title`); !strings.HasPrefix(title, "Error: ") {
		t.Errorf("title %q: a screen reader should hear there is an error first", title)
	}
	tb.screen("pay-upi-errors")

	tb.typeInto("#key1", "412345678901")
	tb.typeInto("#amount", "500")
	tb.send()
	tb.wantOutcome("credited", "The money is in your account")
	if got := tb.text(tid("outcome-method")); !strings.Contains(got, "₹500") || !strings.Contains(got, "412345678901") {
		t.Errorf("the outcome should repeat what was sent: %q", got)
	}
}

// screenshotPNG writes a small real PNG, like a phone's screenshot of a
// bank's receipt.
func screenshotPNG(t *testing.T) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 180, 320))
	for y := range 320 {
		for x := range 180 {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 200, 255})
		}
	}
	path := filepath.Join(t.TempDir(), "receipt.png")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestManual_BankTransferWithAScreenshotUpload(t *testing.T) {
	a := newApp(t)
	tb := openTab(t, a)
	tb.chooseMethod("INR", "staging_b_ml")
	if enc := tb.attr(tid("pay-form"), "enctype"); enc != "multipart/form-data" {
		t.Fatalf("the form's enctype is %q", enc)
	}
	tb.screen("pay-manual")
	ref := deposit.Reference("", tb.attr(`#pay-form input[name="nonce"]`, "value"), "UTR12345678")
	tb.typeInto("#key1", "UTR12345678")
	tb.typeInto("#amount", "750")
	tb.do("attach the screenshot", attach("#screenshot", screenshotPNG(t)))
	tb.send()
	tb.waitFor(tid("outcome"))
	if got := tb.text(tid("reference")); got != ref {
		t.Errorf("reference %q, the form and its transaction ID make %q", got, ref)
	}
	if k := tb.kind(); k == "failed" || k == "error" {
		t.Errorf("outcome %q: %s", k, tb.mainText())
	}
	if n := a.sb.Activations(ref); n != 1 {
		t.Errorf("the payment reached Paykassma %d times", n)
	}
	tb.screen("outcome-manual")
}

func TestWallet_BkashOnTheWalletsOwnPage(t *testing.T) {
	tests := []struct {
		button, kind, says string
	}{
		{"pay", "credited", "The money is in your account"},
		{"fail", "wfail", "Nothing was taken"},
		{"cancel", "cancel", "You cancelled the payment"},
	}
	for _, tc := range tests {
		t.Run(tc.button, func(t *testing.T) {
			tb := openTab(t, newApp(t))
			tb.chooseMethod("BDT", "bkash_api")
			if tc.button == "pay" {
				tb.screen("pay-bkash")
			}
			tb.typeInto("#account", "01712345678")
			tb.typeInto("#amount", "500")
			tb.send()
			tb.waitFor("button." + tc.button)
			if got := tb.text(tid("amount")); got != "500.00 BDT" && got != "500 BDT" {
				t.Errorf("the wallet asks for %q", got)
			}
			if tc.button == "pay" {
				tb.screen("wallet-bkash")
			}
			tb.follow("button." + tc.button)
			tb.wantOutcome(tc.kind, tc.says)
			tb.screen("outcome-bkash-" + tc.button)
			if tc.button != "pay" {
				tb.waitFor(tid("action-again"))
			}
		})
	}
}

func TestWallet_NagadPaysOnTheWalletsOwnPage(t *testing.T) {
	tb := openTab(t, newApp(t))
	tb.chooseMethod("BDT", "nagad_api")
	if n := tb.count("#account"); n != 0 {
		t.Error("Nagad asks for the account on its own page, yet the form asks for it")
	}
	tb.typeInto("#amount", "250")
	tb.send()
	tb.waitFor("button.pay")
	tb.follow("button.pay")
	tb.wantOutcome("credited", "The money is in your account")
	if got := tb.text(tid("outcome-method")); !strings.Contains(got, "Nagad") || !strings.Contains(got, "৳250") {
		t.Errorf("the outcome names %q", got)
	}
	tb.screen("outcome-nagad")
}

func TestP2P_SandboxTriggersReachEachOutcome(t *testing.T) {
	tests := []struct {
		name, key1, kind, says string
	}{
		{"suspicious", "20512345400", "suspicious", "Please do not pay again"},
		{"possible", "20512345000", "possible", "There is nothing more to do"},
		{"failed", "20512345999", "failed", "Check the transaction ID"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tb := openTab(t, newApp(t))
			tb.chooseMethod("INR", "paytm")
			tb.typeInto("#key1", tc.key1)
			tb.send()
			tb.wantOutcome(tc.kind, tc.says)
			tb.screen("outcome-" + tc.name)
		})
	}
}

func TestSavings_TheMeterBeforeAndAfterASmallDeposit(t *testing.T) {
	tb := openTab(t, newApp(t))
	tb.open(tb.app.merchantLink("u42", "INR"))
	tb.waitFor(tid("methods"))
	if n := tb.count(tid("savings")); n != 0 {
		t.Errorf("before any payment the choose page shows %d savings meters", n)
	}
	tb.follow(`[data-type="paytm"] ` + tid("method-link"))
	tb.waitFor(tid("identifier"))
	tb.typeInto("#key1", "20512345150") // the sandbox's small payment: ₹150
	tb.send()
	tb.wantOutcome("saved", "it went to your savings")
	meter := func(where string) {
		t.Helper()
		got := [3]string{tb.text(tid("savings-accumulated")), tb.text(tid("savings-lacking")), tb.text(tid("savings-minimum"))}
		if got != [3]string{"₹150", "₹150", "₹300"} {
			t.Errorf("%s: savings (accumulated, lacking, minimum) = %q", where, got)
		}
		if v, m := tb.attr(tid("savings")+" meter", "value"), tb.attr(tid("savings")+" meter", "max"); v != "150" || m != "300" {
			t.Errorf("%s: the meter shows %s of %s", where, v, m)
		}
	}
	meter("outcome")
	tb.screen("outcome-saved")

	tb.follow(tid("action-choose"))
	tb.waitFor(`[data-type="paytm"] ` + tid("savings"))
	meter("choose")
	if n := tb.count(tid("savings")); n != 1 {
		t.Errorf("%d savings meters; only PayTM has savings", n)
	}
	tb.screen("choose-savings")

	// A second payment reaches the minimum: both are credited, the savings
	// are spent.
	tb.follow(`[data-type="paytm"] ` + tid("method-link"))
	tb.waitFor(tid("identifier"))
	meter("pay page")
	tb.typeInto("#key1", "20512345678")
	tb.send()
	tb.wantOutcome("credited", "The money is in your account")
	if n := tb.count(tid("savings")); n != 0 {
		t.Errorf("after the credit the outcome still shows %d savings meters", n)
	}
}

func TestP2P_AnExpiredIdentifierIsReplaced(t *testing.T) {
	a := newApp(t)
	tb := openTab(t, a)
	tb.chooseMethod("INR", "paytm")
	first := tb.text(tid("identifier"))
	if got := tb.text(tid("valid-until")); got == "" {
		t.Fatal("the page does not say until when the identifier is valid")
	}
	tb.follow(tid("back"))
	tb.waitFor(tid("methods"))

	a.clock.Advance(29 * time.Minute)
	tb.follow(`[data-type="paytm"] ` + tid("method-link"))
	tb.waitFor(tid("identifier"))
	if again := tb.text(tid("identifier")); again != first {
		t.Errorf("within its validity the identifier changed from %s to %s", first, again)
	}
	tb.follow(tid("back"))
	tb.waitFor(tid("methods"))

	a.clock.Advance(2 * time.Minute)
	tb.follow(`[data-type="paytm"] ` + tid("method-link"))
	tb.waitFor(tid("identifier"))
	renewed := tb.text(tid("identifier"))
	if renewed == first {
		t.Fatalf("after its 30 minutes the identifier %s is still shown", first)
	}
	if got := tb.attr(tid("valid-until"), "datetime"); got != "2025-03-01T10:01:00Z" {
		t.Errorf("the new identifier is valid until %s, want 30 minutes from now", got)
	}
	tb.typeInto("#key1", "20512345678")
	tb.send()
	tb.wantOutcome("credited", "The money is in your account")
}

func TestPhone_EveryScreenFitsA360PxViewport(t *testing.T) {
	tb := openTab(t, newApp(t))
	tb.chooseMethod("INR", "imps")
	if w := eval[int](tb, `window.innerWidth`); w != phoneWidth {
		t.Fatalf("the viewport is %d px wide, want %d", w, phoneWidth)
	}
	// The longest things the pages show: IMPS's account and IFSC, a
	// 30-character transaction ID sent back with its errors, bKash's form.
	if got := tb.text(tid("identifier")); !strings.Contains(got, "(") {
		t.Errorf("IMPS identifier %q, want an account with its IFSC", got)
	}
	tb.screen("pay-imps")
	tb.typeInto("#key1", strings.Repeat("W", 40))
	tb.send()
	tb.waitFor(tid("error-summary"))
	tb.screen("pay-imps-errors")
	tb.chooseMethod("BDT", "bkash_api")
	tb.typeInto("#amount", "50")
	tb.send()
	tb.waitFor(tid("error-summary"))
	tb.screen("pay-bkash-errors")
	tb.open("/?currency_code=INR") // a merchant link without the depositor
	tb.waitFor("main h1")
	tb.screen("error-link-incomplete")
	tb.open("/status/PKAAAAAAAAAAAAAAAAAAAA")
	tb.waitFor(tid("error"))
	tb.screen("error-unknown-payment")
}
