package handlers_test

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestPay_CreatesTheIdentifierOnceAndANewOneAfterTheTTL(t *testing.T) {
	e := newEnv(t, options{})
	e.start("u42", "INR")
	first := e.get("/pay/paytm").mustStatus(200)
	id := first.text("identifier")
	if id == "" {
		t.Fatal("no identifier shown")
	}
	if !strings.Contains(first.text("validity"), "1 Mar 15:00 (India time)") {
		t.Errorf("validity %q, want until 1 Mar 15:00 (India time): 09:30 UTC, 30 minutes", first.text("validity"))
	}
	if !strings.Contains(first.text("minimum"), "₹300") || first.text("once") == "" {
		t.Errorf("minimum %q / once %q", first.text("minimum"), first.text("once"))
	}

	e.clock.Advance(29 * time.Minute)
	if again := e.get("/pay/paytm").mustStatus(200).text("identifier"); again != id {
		t.Errorf("a reload showed %q, want the same %q", again, id)
	}
	if n := e.sb.Creates("u42", "paytm"); n != 1 {
		t.Fatalf("transaction/create called %d times for one identifier", n)
	}

	e.clock.Advance(time.Minute)
	renewed := e.get("/pay/paytm").mustStatus(200)
	if renewed.text("identifier") == id {
		t.Errorf("after the TTL the stale identifier %q is still shown", id)
	}
	if n := e.sb.Creates("u42", "paytm"); n != 2 {
		t.Errorf("transaction/create called %d times, want 2 after the TTL", n)
	}
}

func TestPay_PayTMActivationEndsOnDoneWithItsReference(t *testing.T) {
	e := newEnv(t, options{})
	choose := e.start("u42", "INR")
	form := e.clickMethod(choose, "paytm").mustStatus(200)
	if l := form.id("field-amount").Find("label").Text(); !strings.Contains(l, "(optional)") {
		t.Errorf("PayTM's activation takes no amount, yet the form asks for it as %q, not as optional", l)
	}
	if !strings.Contains(form.text("txid-help"), "Order ID") {
		t.Errorf("where to find the transaction ID: %q", form.text("txid-help"))
	}
	sent := e.submit(form, map[string]string{"key1": "20512345678"})
	ref := statusRef(t, sent)
	if want := refOf(form, "20512345678"); ref != want {
		t.Errorf("the outcome names %s, want the form's %s", ref, want)
	}
	out := e.follow(sent).mustStatus(200)
	if kind := out.id("outcome").AttrOr("data-kind", ""); kind != "credited" && kind != "done" {
		t.Errorf("outcome %q (%s)", kind, out.visibleText())
	}
	if out.text("reference") != ref {
		t.Errorf("reference shown %q, want %q", out.text("reference"), ref)
	}
	if n := e.sb.Activations(ref); n != 1 {
		t.Errorf("activated %d times", n)
	}
	back := e.click(out, "action-choose").mustStatus(200)
	if got := back.doc.Find(`[data-testid="attempt"]`).AttrOr("data-ref", ""); got != ref {
		t.Errorf("recent attempts list %q, want %s", got, ref)
	}
	if !strings.Contains(back.text("attempt-outcome"), "Credited") {
		t.Errorf("recent attempt says %q", back.text("attempt-outcome"))
	}
}

func TestPay_SandboxTriggersReachEachOutcome(t *testing.T) {
	tests := []struct {
		name, key1, kind, says string
	}{
		{"possible transaction", "412345678000", "possible", "nothing more to do"},
		{"suspicious", "412345678400", "suspicious", "do not pay again: it will not speed this up"},
		{"not found", "412345678999", "failed", "Check the transaction ID"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, options{})
			e.start("u42", "INR")
			form := e.get("/pay/upi_l").mustStatus(200)
			sent := e.submit(form, map[string]string{"key1": tc.key1, "amount": "500"})
			ref := statusRef(t, sent)
			out := e.follow(sent).mustStatus(200)
			if kind := out.id("outcome").AttrOr("data-kind", ""); kind != tc.kind {
				t.Errorf("outcome %q, want %q: %s", kind, tc.kind, out.visibleText())
			}
			if !strings.Contains(out.visibleText(), tc.says) {
				t.Errorf("the page does not say %q: %s", tc.says, out.visibleText())
			}
			if out.text("reference") != ref {
				t.Errorf("reference %q, want %q", out.text("reference"), ref)
			}
			if !strings.Contains(out.text("outcome-method"), "₹500") || !strings.Contains(out.text("outcome-method"), tc.key1) {
				t.Errorf("the outcome should repeat what was sent: %q", out.text("outcome-method"))
			}
		})
	}
}

func TestPay_FailureKeepsPaykassmasWordsAsADetail(t *testing.T) {
	e := newEnv(t, options{})
	e.start("u42", "INR")
	out := e.follow(e.submit(e.get("/pay/paytm"), map[string]string{"key1": "20512345999"}))
	if d := out.text("outcome-detail"); !strings.Contains(d, "Transaction not found") {
		t.Errorf("detail %q", d)
	}
	if _, ok := out.id("action-again").Attr("href"); !ok {
		t.Error("a failed payment should offer to try again")
	}
}

func TestPay_FieldErrorsReRenderTheFormWithTypedValues(t *testing.T) {
	tests := []struct {
		name, wallet string
		values       map[string]string
		field, says  string
	}{
		{"UPI needs the amount", "upi_l", map[string]string{"key1": "412345678901"}, "amount", "Enter the amount"},
		{"UPI's UTR has 12 digits", "upi_l", map[string]string{"key1": "4123456", "amount": "500"}, "key1", "12 digits"},
		{"a short transaction ID", "paytm", map[string]string{"key1": "12345"}, "key1", "6 to 30"},
		{"bKash's TrxID has 10 characters", "bkash", map[string]string{"key1": "9GH4K2LM"}, "key1", "10 letters and digits"},
		{"no transaction ID", "paytm", map[string]string{"key1": "  "}, "key1", "Enter the transaction ID"},
		{"three decimals", "upi_l", map[string]string{"key1": "412345678901", "amount": "500.123"}, "amount", "two decimals"},
		{"a zero amount", "upi_l", map[string]string{"key1": "412345678901", "amount": "0"}, "amount", "more than zero"},
		{"letters in the amount", "upi_l", map[string]string{"key1": "412345678901", "amount": "5OO"}, "amount", "like 500 or 1,500.50"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, options{})
			cur := "INR"
			if tc.wallet == "bkash" {
				cur = "BDT"
			}
			e.start("u42", cur)
			form := e.get("/pay/" + tc.wallet).mustStatus(200)
			again := e.submit(form, tc.values).mustStatus(http.StatusUnprocessableEntity)
			if msg := again.text("error-" + tc.field); !strings.Contains(msg, tc.says) {
				t.Errorf("error beside %s: %q, want it to say %q", tc.field, msg, tc.says)
			}
			if again.doc.Find(`[data-testid="error-summary"] a[href="#`+tc.field+`"]`).Length() != 1 {
				t.Errorf("the summary on top does not link to %s", tc.field)
			}
			if title := again.doc.Find("title").Text(); !strings.HasPrefix(title, "Error: ") {
				t.Errorf("title %q", title)
			}
			for name, typed := range tc.values {
				got := again.doc.Find(`#pay-form input[name="`+name+`"]`).AttrOr("value", "")
				if got != strings.TrimSpace(typed) {
					t.Errorf("%s typed %q, shown again as %q", name, typed, got)
				}
			}
			if again.text("identifier") != form.text("identifier") {
				t.Error("the re-rendered form should show the same identifier")
			}
			if n := e.sb.Activations(refOf(form, strings.Join(strings.Fields(tc.values["key1"]), ""))); n != 0 {
				t.Errorf("a form with errors reached Paykassma (%d activations)", n)
			}
		})
	}
}

func TestPay_ATransactionIDUsedBeforeIsExplainedInOurWords(t *testing.T) {
	e := newEnv(t, options{})
	e.start("u42", "INR")
	e.follow(e.submit(e.get("/pay/paytm"), map[string]string{"key1": "20512345678"})).mustStatus(200)
	// Another browser of the same depositor: its state does not know the
	// payment, so Paykassma is asked and refuses the ID.
	e.browser = newBrowser(true)
	e.start("u42", "INR")

	again := e.submit(e.get("/pay/paytm"), map[string]string{"key1": "20512345678"}).mustStatus(http.StatusUnprocessableEntity)
	if msg := again.text("error-key1"); !strings.Contains(msg, "already been used") {
		t.Errorf("our words: %q", msg)
	}
	if orig := again.text("original-key1"); !strings.Contains(orig, "This transaction has already been activated.") {
		t.Errorf("Paykassma's words kept as a detail: %q", orig)
	}
	if got := again.doc.Find(`input[name="key1"]`).AttrOr("value", ""); got != "20512345678" {
		t.Errorf("typed value %q not kept", got)
	}
}

func TestPay_SubmittingTheSameFormTwiceActivatesOnce(t *testing.T) {
	for _, cookies := range []bool{true, false} {
		name := map[bool]string{true: "with cookies", false: "without cookies"}[cookies]
		t.Run(name, func(t *testing.T) {
			e := newEnv(t, options{noCookies: !cookies})
			form := e.clickMethod(e.start("u42", "INR"), "paytm")
			values := map[string]string{"key1": "20512345678"}
			first := statusRef(t, e.submit(form, values))
			// The same form again: a double tap, or back and resend. Without
			// cookies it carries the state from before the first answer, as
			// a second tap racing the first would.
			second := e.submit(form, values)
			if ref := statusRef(t, second); ref != first {
				t.Errorf("the second submission went to %s, want the first's %s", ref, first)
			}
			out := e.follow(second).mustStatus(200)
			if out.text("reference") != first {
				t.Errorf("reference %q", out.text("reference"))
			}
			if kind := out.id("outcome").AttrOr("data-kind", ""); kind == "failed" {
				t.Errorf("a resubmission is not a failure: %s", out.visibleText())
			}
			if n := e.sb.Activations(first); n != 1 {
				t.Errorf("activated %d times", n)
			}
		})
	}
}

func TestPay_AfterAnOutcomeTheNextPaymentGetsANewReference(t *testing.T) {
	e := newEnv(t, options{})
	e.start("u42", "INR")
	first := statusRef(t, e.submit(e.get("/pay/paytm"), map[string]string{"key1": "20512345678"}))
	next := e.get("/pay/paytm")
	if nonceOf(next) == "" || refOf(next, "20512345678") == first {
		t.Errorf("the next form (nonce %q) pays under the first's reference %q", nonceOf(next), first)
	}
	second := statusRef(t, e.submit(next, map[string]string{"key1": "20512345679"}))
	if second == first || e.sb.Activations(second) != 1 {
		t.Errorf("second payment %s (activations %d)", second, e.sb.Activations(second))
	}
}

func TestPay_ManualPSTakesAScreenshot(t *testing.T) {
	tests := []struct {
		name  string
		files []upload
		want  int
		says  string
	}{
		{"a PNG screenshot", []upload{{"screenshot", "bill.png", pngBytes}}, http.StatusSeeOther, ""},
		{"a WebP screenshot", []upload{{"screenshot", "bill.webp", []byte("RIFF\x24\x00\x00\x00WEBPVP8 \x18\x00\x00\x00")}}, http.StatusSeeOther, ""},
		{"a PDF, which the API refuses", []upload{{"screenshot", "bill.pdf", []byte("%PDF-1.4\n1 0 obj")}}, http.StatusUnprocessableEntity, "not a picture"},
		{"no screenshot", nil, http.StatusUnprocessableEntity, "Attach a screenshot"},
		{"a text file renamed .png", []upload{{"screenshot", "bill.png", []byte("I promise I paid, honestly.\n")}}, http.StatusUnprocessableEntity, "not a picture"},
		{"a file over the limit", []upload{{"screenshot", "big.png", append(pngBytes, make([]byte, 5<<20)...)}}, http.StatusUnprocessableEntity, "too big"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, options{})
			e.start("u42", "INR")
			form := e.get("/pay/staging_b_ml").mustStatus(200)
			if form.id("pay-form").AttrOr("enctype", "") != "multipart/form-data" {
				t.Fatal("the manual PS's form is not multipart")
			}
			if form.id("field-amount").Length() == 0 || form.id("field-screenshot").Length() == 0 {
				t.Fatal("a manual PS asks for the amount and the screenshot")
			}
			sent := e.submit(form, map[string]string{"key1": "UTR12345678", "amount": "750"}, tc.files...).mustStatus(tc.want)
			if tc.want == http.StatusSeeOther {
				out := e.follow(sent).mustStatus(200)
				ref := refOf(form, "UTR12345678")
				if out.text("reference") != ref || e.sb.Activations(ref) != 1 {
					t.Errorf("reference %q, activations %d", out.text("reference"), e.sb.Activations(ref))
				}
				return
			}
			if msg := sent.text("error-screenshot"); !strings.Contains(msg, tc.says) {
				t.Errorf("screenshot error %q, want %q", msg, tc.says)
			}
			if got := sent.doc.Find(`input[name="amount"]`).AttrOr("value", ""); got != "750" {
				t.Errorf("typed amount %q not kept", got)
			}
		})
	}
}

func TestPay_ASmallPaymentGoesToSavingsAndTheMeterShowsIt(t *testing.T) {
	e := newEnv(t, options{})
	e.start("u42", "INR")
	out := e.follow(e.submit(e.get("/pay/paytm"), map[string]string{"key1": "20512345150"})).mustStatus(200)
	if kind := out.id("outcome").AttrOr("data-kind", ""); kind != "saved" {
		t.Fatalf("outcome %q: %s", kind, out.visibleText())
	}
	check := func(where string, p *page) {
		t.Helper()
		got := [3]string{p.text("savings-accumulated"), p.text("savings-lacking"), p.text("savings-minimum")}
		if got != [3]string{"₹150", "₹150", "₹300"} {
			t.Errorf("%s: savings (accumulated, lacking, minimum) = %q", where, got)
		}
		if m := p.doc.Find(`[data-testid="savings"] meter`); m.AttrOr("value", "") != "150" || m.AttrOr("max", "") != "300" {
			t.Errorf("%s: meter %s", where, outer(m))
		}
	}
	check("outcome", out)
	check("pay page", e.get("/pay/paytm"))
	choose := e.get("/")
	if choose.doc.Find(`[data-type="paytm"] [data-testid="savings"]`).Length() != 1 || choose.doc.Find(`[data-type="upi_l"] [data-testid="savings"]`).Length() != 0 {
		t.Error("the choose page shows the meter beside PayTM only")
	}

	// A second payment reaches the minimum: everything is credited together.
	out = e.follow(e.submit(e.get("/pay/paytm"), map[string]string{"key1": "20512345678"})).mustStatus(200)
	if kind := out.id("outcome").AttrOr("data-kind", ""); kind != "credited" {
		t.Errorf("after reaching the minimum: %q: %s", kind, out.visibleText())
	}
}

func TestStatus_UnknownReferenceIsNotFound(t *testing.T) {
	e := newEnv(t, options{})
	e.start("u42", "INR")
	for _, ref := range []string{"PKAAAAAAAAAAAAAAAAAAAA", "<script>"} {
		p := e.get("/status/" + ref).mustStatus(http.StatusNotFound)
		if !strings.Contains(p.text("error-title"), "do not know this payment") {
			t.Errorf("%s: %q", ref, p.text("error-title"))
		}
	}
}

func TestPay_UnknownMethodIsNotFound(t *testing.T) {
	e := newEnv(t, options{})
	e.start("u42", "INR")
	e.get("/pay/bkash").mustStatus(http.StatusNotFound) // a BDT PS for an INR depositor
	e.get("/pay/nope").mustStatus(http.StatusNotFound)

	// A redirect PS whose payment/create flow the checkout does not know.
	e.cfg.Wallets.Redirect = append(e.cfg.Wallets.Redirect, "imps")
	e.get("/pay/imps").mustStatus(http.StatusNotFound)
}
