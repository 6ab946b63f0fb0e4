package handlers_test

import (
	"bytes"
	"encoding/json"
	"image"
	"image/png"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paykassma/checkout/metrics"
)

// fakeOCR is a stand-in for tesseract that reads every image as text.
func fakeOCR(t *testing.T, text string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "text"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "tesseract")
	script := "#!/bin/sh\ncat >/dev/null\ncat '" + filepath.Join(dir, "text") + "'\n"
	if err := os.WriteFile(p, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

// receiptPNG is a picture to upload (what the stand-in reads is its text).
func receiptPNG(t *testing.T) []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 360, 800))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const paytmReceipt = "Paid Successfully\n% 500\nAmount % 500.00\nUPI Ref No 412345678901\nOrder ID 20512345678901\n"

func TestRead_WithoutJavaScriptTheReadButtonFillsTheFormAndPaysNothing(t *testing.T) {
	e := newEnv(t, options{ocr: fakeOCR(t, paytmReceipt)})
	e.start("u42", "INR")
	form := e.get("/pay/upi_l").mustStatus(200)
	if form.doc.Find("form#pay-form").AttrOr("enctype", "") != "multipart/form-data" {
		t.Fatal("the P2P form with a screenshot to read is not multipart")
	}
	if got := form.text("field-screenshot"); !strings.Contains(got, "Or upload the screenshot of your payment") {
		t.Errorf("screenshot field says %q", got)
	}
	if _, ok := form.id("read-button").Attr("formnovalidate"); !ok {
		t.Error("the Read button would be stopped by the empty required fields")
	}
	read := e.submit(form, map[string]string{"read": "1"}, upload{"screenshot", "shot.png", receiptPNG(t)}).mustStatus(200)
	if got := read.doc.Find("#key1").AttrOr("value", ""); got != "412345678901" {
		t.Errorf("key1 = %q, want the UTR read", got)
	}
	if got := read.doc.Find("#amount").AttrOr("value", ""); got != "500.00" {
		t.Errorf("amount = %q, want 500.00", got)
	}
	if got := read.text("read-status"); !strings.Contains(got, "check the transaction ID and the amount, then press Confirm") {
		t.Errorf("status %q", got)
	}
	if read.id("error-summary").Length() != 0 {
		t.Errorf("reading shows errors: %s", read.text("error-summary"))
	}
	// Nothing was sent: Confirm on the filled form is the payment, under
	// the reference of the form the person read into.
	if n := e.sb.Activations(refOf(form, "412345678901")) + e.sb.Activations(refOf(read, "412345678901")); n != 0 {
		t.Errorf("%d activations after reading", n)
	}
	ref := statusRef(t, e.submit(read, map[string]string{ // the browser sends what the fields hold
		"key1": read.doc.Find("#key1").AttrOr("value", ""), "amount": read.doc.Find("#amount").AttrOr("value", "")}))
	if e.sb.Activations(ref) != 1 {
		t.Errorf("Confirm after reading: %d activations", e.sb.Activations(ref))
	}
}

// postRead sends a file to the read endpoint as the page's script does,
// with the amount field as the page holds it.
func postRead(t *testing.T, e *env, form *page, data []byte) (int, map[string]string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, n := range []string{"st", "csrf", "nonce"} {
		mw.WriteField(n, form.doc.Find(`input[name="`+n+`"]`).AttrOr("value", ""))
	}
	if a, ok := form.doc.Find(`input[type=text][name="amount"]`).Attr("value"); ok {
		mw.WriteField("amount", a)
	}
	fw, _ := mw.CreateFormFile("screenshot", "screenshot.jpg")
	fw.Write(data)
	mw.Close()
	url := form.doc.Find("#screenshot").AttrOr("data-read-url", "")
	if url == "" {
		t.Fatal("no read URL on the screenshot field")
	}
	req, _ := http.NewRequest("POST", e.resolve(e.srv.URL, url), &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	p := e.do(e.srv.URL, req)
	var out map[string]string
	if err := json.Unmarshal([]byte(p.body), &out); err != nil {
		t.Fatalf("read answer %d %q: %v", p.status, p.body, err)
	}
	return p.status, out
}

func TestRead_TheScriptGetsTheValuesAndWhatToSay(t *testing.T) {
	tests := []struct {
		name, text, key1, amount, says string
	}{
		{"a receipt", paytmReceipt, "412345678901", "500.00", "Filled in from your screenshot"},
		{"a blurred photo", "~~ ,. ;\n", "", "", "could not read a transaction ID"},
		{"Google Pay's own ID only", "Google transaction ID\nCICAgK3B9KBLIcoC\n", "", "", `the 12 digits labelled "UPI transaction ID"`},
		{"PhonePe's own ID only", "Transaction ID\nT2512250267338768325064\n", "", "", `labelled "UTR"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, options{ocr: fakeOCR(t, tt.text)})
			e.start("u42", "INR")
			form := e.get("/pay/upi_l").mustStatus(200)
			status, got := postRead(t, e, form, receiptPNG(t))
			if status != 200 || got["key1"] != tt.key1 || got["amount"] != tt.amount || !strings.Contains(got["message"], tt.says) {
				t.Errorf("%d %v, want key1 %q amount %q saying %q", status, got, tt.key1, tt.amount, tt.says)
			}
		})
	}
}

// The amount asked before the form is the person's word: a reading that
// differs (Tesseract can take the ₹ for a 2) is said, not put over it; the
// same amount read, or none given, is filled in.
func TestRead_AnAmountReadThatDiffersFromTheOneGivenIsPointedOutNotFilledIn(t *testing.T) {
	receipt := "Paid Successfully\n% 2500\nAmount % 2500.00\nUPI Ref No 412345678901\n"
	tests := []struct {
		name, given, amount, warning string
	}{
		{"₹500 given, 2500 read", "500", "", "Your screenshot seems to show ₹2,500, not the ₹500 entered"},
		{"₹2,500 given, 2500 read", "2500", "2500.00", ""},
		{"nothing given", "", "2500.00", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, options{ocr: fakeOCR(t, receipt)})
			e.start("u42", "INR")
			form := e.get("/pay/upi_l?amount=" + tt.given).mustStatus(200)
			_, got := postRead(t, e, form, receiptPNG(t))
			if got["key1"] != "412345678901" || got["amount"] != tt.amount || !strings.Contains(got["warning"], tt.warning) || (tt.warning == "") != (got["warning"] == "") {
				t.Errorf("with the script: %v, want amount %q and warning %q", got, tt.amount, tt.warning)
			}
			// Without JavaScript: the Read button, the amount field as it was.
			read := e.submit(form, map[string]string{"read": "1"}, upload{"screenshot", "shot.png", receiptPNG(t)}).mustStatus(200)
			want := tt.amount
			if want == "" {
				want = form.doc.Find("#amount").AttrOr("value", "")
			}
			if got := read.doc.Find("#amount").AttrOr("value", ""); got != want {
				t.Errorf("without the script the amount field holds %q, want %q", got, want)
			}
			if got := read.text("read-warning"); !strings.Contains(got, tt.warning) || (tt.warning == "") != (strings.TrimSpace(got) == "") {
				t.Errorf("without the script the page warns %q, want %q", got, tt.warning)
			}
		})
	}
}

func TestRead_NotAPictureIsRefusedInOneLine(t *testing.T) {
	e := newEnv(t, options{ocr: fakeOCR(t, paytmReceipt)})
	e.start("u42", "INR")
	status, got := postRead(t, e, e.get("/pay/upi_l").mustStatus(200), []byte("%PDF-1.4\n"))
	if status != http.StatusUnprocessableEntity || !strings.Contains(got["message"], "not a picture") {
		t.Errorf("%d %v", status, got)
	}
}

func TestRead_TheSamePaymentAgainIsPointedOutNotRefused(t *testing.T) {
	e := newEnv(t, options{ocr: fakeOCR(t, paytmReceipt)})
	e.start("u42", "INR")
	statusRef(t, e.submit(e.get("/pay/upi_l").mustStatus(200), map[string]string{"key1": "412345678901", "amount": "500"}))
	form := e.get("/pay/upi_l").mustStatus(200)
	_, got := postRead(t, e, form, receiptPNG(t))
	if got["key1"] != "412345678901" || !strings.Contains(got["warning"], "You reported this payment before") {
		t.Errorf("second reading of the same receipt: %v", got)
	}
}

// The same picture sent again for another attempt is pointed out even when
// no ID can be read from it (a blurred bKash TrxID): its fingerprint is kept
// with the attempt it was read for, with the script and without. Another
// picture is not.
func TestRead_TheSameScreenshotAgainIsPointedOutEvenWithNoIDReadFromIt(t *testing.T) {
	shot, other := receiptPNG(t), append(receiptPNG(t), 0) // another file: one byte more
	for _, script := range []bool{true, false} {
		e := newEnv(t, options{ocr: fakeOCR(t, "~~ ,. ;\n")}) // nothing readable
		e.start("u42", "INR")
		form := e.get("/pay/upi_l").mustStatus(200)
		var confirm map[string]string
		if script {
			_, got := postRead(t, e, form, shot)
			if got["key1"] != "" || got["warning"] != "" || len(got["shot"]) != 16 {
				t.Fatalf("first reading: %v", got)
			}
			confirm = map[string]string{"key1": "412345678901", "amount": "500", "shot": got["shot"]} // as read.js sets it
		} else {
			form = e.submit(form, map[string]string{"read": "1"}, upload{"screenshot", "shot.png", shot}).mustStatus(200)
			if form.doc.Find(`input[type=hidden][name="shot"]`).AttrOr("value", "") == "" {
				t.Fatal("the page read without the script does not carry the picture's fingerprint to Confirm")
			}
			confirm = map[string]string{"key1": "412345678901", "amount": "500"}
		}
		ref := statusRef(t, e.submit(form, confirm))

		again := e.get("/pay/upi_l").mustStatus(200)
		_, got := postRead(t, e, again, shot)
		if !strings.Contains(got["warning"], "You reported this payment before") || !strings.Contains(got["warning"], ref) {
			t.Errorf("script=%v: the same screenshot again: %v, want it pointed out with %s", script, got, ref)
		}
		if _, got := postRead(t, e, again, other); got["warning"] != "" {
			t.Errorf("script=%v: another screenshot is pointed out: %q", script, got["warning"])
		}
	}
}

func TestRead_OffWithoutTesseractThePageIsAsBefore(t *testing.T) {
	e := newEnv(t, options{ocr: "no-such-tesseract"})
	e.start("u42", "INR")
	form := e.get("/pay/upi_l").mustStatus(200)
	if form.id("field-screenshot").Length() != 0 || form.doc.Find("form#pay-form").AttrOr("enctype", "") != "" {
		t.Error("a P2P page offers to read screenshots with no OCR")
	}
	if !strings.Contains(e.logs.String(), "ocr: off") {
		t.Error("no log line says OCR is off")
	}
}

func TestRead_AManualPSsScreenshotIsReadOnceAndNeverChosenTwice(t *testing.T) {
	e := newEnv(t, options{ocr: fakeOCR(t, "IMPS Ref No. 512345678901\nAmount ₹750.00\n")})
	e.start("u42", "INR")
	form := e.get("/pay/staging_b_ml").mustStatus(200)
	read := e.submit(form, map[string]string{"read": "1"}, upload{"screenshot", "bill.png", receiptPNG(t)}).mustStatus(200)
	if got := read.doc.Find("#key1").AttrOr("value", ""); got != "512345678901" {
		t.Errorf("key1 = %q", got)
	}
	if got := read.doc.Find("#amount").AttrOr("value", ""); got != "750.00" {
		t.Errorf("amount = %q", got)
	}
	if read.doc.Find(`input[name="sealed_screenshot"]`).AttrOr("value", "") == "" || !strings.Contains(read.text("screenshot-kept"), "need not choose it again") {
		t.Fatal("the screenshot read is not carried in the page")
	}
	if _, required := read.doc.Find("#screenshot").Attr("required"); required {
		t.Error("the screenshot is still required after it was read")
	}
	// Confirm with no file chosen: the sealed one is the payment's bill.
	vals := map[string]string{"key1": "512345678901", "amount": "750.00"}
	ref := statusRef(t, e.submit(read, vals))
	if e.sb.Activations(ref) != 1 {
		t.Errorf("activations %d", e.sb.Activations(ref))
	}
}

func TestRead_ASealedScreenshotFromElsewhereIsRefused(t *testing.T) {
	e := newEnv(t, options{ocr: fakeOCR(t, "nothing")})
	e.start("u42", "INR")
	form := e.get("/pay/staging_b_ml").mustStatus(200)
	sent := e.submit(form, map[string]string{"key1": "512345678901", "amount": "750", "sealed_screenshot": "forged"}).mustStatus(http.StatusUnprocessableEntity)
	if !strings.Contains(sent.text("error-screenshot"), "Attach a screenshot") {
		t.Errorf("a forged seal: %q", sent.text("error-screenshot"))
	}
}

func TestRead_EachReadingIsTimedByOutcome(t *testing.T) {
	m := metrics.New()
	e := newEnv(t, options{ocr: fakeOCR(t, paytmReceipt), metrics: m})
	e.start("u42", "INR")
	form := e.get("/pay/upi_l").mustStatus(200)
	postRead(t, e, form, receiptPNG(t))
	postRead(t, e, form, []byte("%PDF-1.4\n")) // refused before any reading: not counted
	got := scrape(t, m)
	if !strings.Contains(got, `checkout_ocr_duration_seconds_count{outcome="read"} 1`) {
		t.Errorf("want one reading counted as read:\n%s", grepLines(got, "checkout_ocr"))
	}
}
