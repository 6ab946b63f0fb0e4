package browser_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/paykassma/checkout/config"
)

// receiptPage is a Paytm-like receipt screen, as cmd/receipts draws them.
const receiptPage = `<!doctype html><html><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><style>
body{margin:0;font-family:'Noto Sans',sans-serif;background:#f4f5f7;color:#202124}
.top{background:#00baf2;color:#fff;text-align:center;padding:22px 16px}
.amt{font-size:38px;font-weight:700;margin:6px 0}
.card{background:#fff;margin:14px 12px;border-radius:12px;padding:6px 14px}
.r{display:flex;justify-content:space-between;padding:11px 0;border-bottom:1px solid #ddd;font-size:15px}
.l{color:#5f6368}.v{font-weight:600}</style></head><body>
<div class="top"><p>Paid Successfully</p><p class="amt">₹%[2]s</p><p>To Arjun Traders</p></div>
<div class="card"><div class="r"><span class="l">Amount</span><span class="v">₹%[2]s</span></div>
<div class="r"><span class="l">UPI Ref No</span><span class="v">%[1]s</span></div>
<div class="r"><span class="l">Order ID</span><span class="v">20512345678901</span></div>
<div class="r"><span class="l">Date</span><span class="v">01 Mar 2025, 9:05 AM</span></div></div></body></html>`

// receiptShot renders a receipt in its own tab at a phone's full
// resolution (360 × 800 CSS px at 3×: a 1080 × 2400 PNG, as a phone saves
// a screenshot) and returns the file's path.
func receiptShot(t *testing.T, utr, amount string) string {
	t.Helper()
	dir := t.TempDir()
	page := filepath.Join(dir, "receipt.html")
	if err := os.WriteFile(page, []byte(fmt.Sprintf(receiptPage, utr, amount)), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := chromedp.NewContext(browserCtx, chromedp.WithNewBrowserContext())
	defer cancel()
	if err := startTab(ctx, cancel); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx,
		chromedp.EmulateViewport(phoneWidth, phoneHeight, chromedp.EmulateScale(3), chromedp.EmulateMobile),
		chromedp.Navigate("file://"+page), chromedp.WaitReady(css("body"))); err != nil {
		t.Fatal(err)
	}
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	shot := filepath.Join(dir, "Screenshot_20250301-090512.png")
	if err := os.WriteFile(shot, png, 0o644); err != nil {
		t.Fatal(err)
	}
	return shot
}

// waitValue waits until the field holds want (the script fills it in).
func (tb *tab) waitValue(sel, want string) {
	tb.t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if tb.value(sel) == want {
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
	tb.t.Fatalf("%s holds %q, want %q; the page says: %s", sel, tb.value(sel), want, tb.text(tid("read-status")))
}

func TestRead_AScreenshotFillsInTheTransactionIDAndAmount(t *testing.T) {
	if _, err := exec.LookPath("tesseract"); err != nil {
		t.Skip("no tesseract on this machine: `apt-get install tesseract-ocr tesseract-ocr-eng` to run it (scripts/test.sh does)")
	}
	tests := []struct {
		name string
		opts []tabOption
	}{
		{"with JavaScript: filled in as soon as the file is chosen", nil},
		{"without JavaScript: the Read button brings the page back filled in", []tabOption{withoutJavaScript}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// A loaded test machine reads slower than the 5 s a depositor
			// waits; the test is of the page, not of the machine.
			a := newApp(t, func(c *config.Config) { c.OCR.Timeout = 40 * time.Second })
			// Reading a screenshot on a loaded 2-core machine takes seconds.
			tb := openTab(t, a, append(tc.opts, func(tb *tab) { tb.deadline = 2 * time.Minute })...)
			shot := receiptShot(t, "412345678901", "500")
			tb.chooseMethod("INR", "upi_l")
			if got := tb.text(tid("field-screenshot")); !containsAll(got, "Or upload the screenshot of your payment") {
				t.Errorf("the screenshot field says %q", got)
			}
			tb.do("choose the screenshot", attach("#screenshot", shot))
			if tb.noJS {
				tb.follow(tid("read-button"))
				tb.waitFor(tid("pay-form"))
			}
			tb.waitValue("#key1", "412345678901")
			tb.waitValue("#amount", "500.00")
			if got := tb.text(tid("read-status")); !containsAll(got, "Filled in from your screenshot", "press Confirm") {
				t.Errorf("the line under the screenshot says %q", got)
			}
			if tb.count(tid("error-summary")) != 0 {
				t.Errorf("reading shows errors: %s", tb.text(tid("error-summary")))
			}
			tb.screen("pay-upi-read")
			tb.send()
			tb.wantOutcome("credited", "The money is in your account")
		})
	}
}

// The amount the person gave before the form is theirs: a screenshot read
// as showing another is said beside the field, not put over it (the
// reading can take the rupee sign for a digit; the person knows what they
// sent), with the script and without.
func TestRead_AnAmountReadThatDiffersFromTheOneGivenIsSaidNotFilledIn(t *testing.T) {
	if _, err := exec.LookPath("tesseract"); err != nil {
		t.Skip("no tesseract on this machine: `apt-get install tesseract-ocr tesseract-ocr-eng` to run it (scripts/test.sh does)")
	}
	for _, opts := range [][]tabOption{nil, {withoutJavaScript}} {
		a := newApp(t, func(c *config.Config) { c.OCR.Timeout = 40 * time.Second })
		tb := openTab(t, a, append(opts, func(tb *tab) { tb.deadline = 2 * time.Minute })...)
		shot := receiptShot(t, "412345678901", "500")
		tb.chooseMethod("INR", "upi_l")
		tb.askAmount("750")
		tb.do("choose the screenshot", attach("#screenshot", shot))
		if tb.noJS {
			tb.follow(tid("read-button"))
			tb.waitFor(tid("pay-form"))
		}
		tb.waitValue("#key1", "412345678901")
		if got := tb.text(tid("read-warning")); !containsAll(got, "seems to show ₹500", "not the ₹750 entered") {
			t.Errorf("noJS=%v: the warning says %q", tb.noJS, got)
		}
		if got := eval[string](tb, `document.querySelector("#amount").value`); got != "750" && got != "750.00" {
			t.Errorf("noJS=%v: the amount field holds %q, want the ₹750 given", tb.noJS, got)
		}
		eval[bool](tb, `document.querySelector("[data-testid=read-warning]").scrollIntoView({block: "center"}), true`)
		tb.viewShot("pay-upi-read-differs") // where the person looks: the screenshot's field
	}
}

func containsAll(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}

// A manual PS without JavaScript: the screenshot read by the Read button
// travels sealed in the page that comes back, so Confirm pays with it and
// nobody chooses the file twice (a browser cannot refill a file field).
func TestRead_ManualWithoutJavaScriptTheScreenshotIsNotChosenTwice(t *testing.T) {
	if _, err := exec.LookPath("tesseract"); err != nil {
		t.Skip("no tesseract on this machine: `apt-get install tesseract-ocr tesseract-ocr-eng` to run it (scripts/test.sh does)")
	}
	a := newApp(t, func(c *config.Config) { c.OCR.Timeout = 40 * time.Second })
	rec := recordUploads(t, a)
	tb := openTab(t, a, withoutJavaScript, func(tb *tab) { tb.deadline = 2 * time.Minute })
	shot := receiptShot(t, "412345678901", "750")
	tb.chooseMethod("INR", "staging_b_ml")
	tb.do("choose the screenshot", attach("#screenshot", shot))
	tb.follow(tid("read-button"))
	tb.waitFor(tid("pay-form"))
	if got := tb.text(tid("screenshot-kept")); got == "" {
		t.Fatal("the page read back does not say the screenshot is kept")
	}
	tb.screen("pay-manual-read-nojs")
	// Whatever was read, the person checks the fields, as the page asks.
	tb.typeInto("#key1", "UTR412345678")
	tb.typeInto("#amount", "750")
	tb.send()
	if tb.count(tid("error-summary")) != 0 {
		t.Fatalf("Confirm without choosing the screenshot again came back with: %s", tb.text(tid("error-summary")))
	}
	if k := tb.kind(); k == "failed" || k == "error" {
		t.Errorf("outcome %q: %s", k, tb.mainText())
	}
	// Chosen once: the picture went up with Read; Confirm carried none.
	if got := rec.all(); len(got) != 2 || got[0].file == 0 || got[1].file != 0 {
		t.Errorf("the screenshot fields the checkout received: %+v, want the picture with Read and none with Confirm", got)
	}
}
