package handlers_test

import (
	"net/http"
	"strings"
	"testing"
)

// "How much will you send?" reloads the pay page with ?amount=: the page
// then says the amount, puts it in the UPI QR and fills it into the form.
func TestAskedAmount_IsSaidPutInTheQRAndFilledIn(t *testing.T) {
	e := newEnv(t, options{})
	e.start("u42", "INR")
	p := e.get("/pay/upi_l?amount=1,500.50").mustStatus(http.StatusOK)
	if got := p.text("send-to"); got != "Send ₹1,500.50 to:" {
		t.Errorf("the page says %q", got)
	}
	if link := p.id("upi-qr").AttrOr("data-link", ""); !strings.Contains(link, "am=1500.50") {
		t.Errorf("the QR's link %q has no am=1500.50", link)
	}
	if got := p.doc.Find(`#pay-form input[name="amount"]`).AttrOr("value", ""); got != "1,500.50" {
		t.Errorf("the form's amount is %q, want what was typed", got)
	}
	if got := p.id("pay-form").AttrOr("action", ""); !strings.Contains(got, "amount=1500.50") {
		t.Errorf("the form posts to %q: the page it answers with would forget the amount", got)
	}
}

func TestAskedAmount_ThatCannotBeReadIsRefusedBesideItsField(t *testing.T) {
	for _, typed := range []string{"500,50", "5OO", "0"} {
		e := newEnv(t, options{})
		e.start("u42", "INR")
		p := e.get("/pay/upi_l?amount=" + typed).mustStatus(http.StatusUnprocessableEntity)
		if p.text("error-ask-amount") == "" {
			t.Errorf("%q: no message beside the amount", typed)
		}
		if got := p.doc.Find(`#ask-amount`).AttrOr("value", ""); got != typed {
			t.Errorf("%q shown again as %q", typed, got)
		}
		if got := p.text("send-to"); got != "Send the amount to:" {
			t.Errorf("%q: the page says %q", typed, got)
		}
		if link := p.id("upi-qr").AttrOr("data-link", ""); strings.Contains(link, "am=") {
			t.Errorf("%q: the QR carries an amount: %s", typed, link)
		}
	}
}

// A bKash API page's form is the amount itself: ?amount= fills it in.
func TestAskedAmount_FillsInTheRedirectForm(t *testing.T) {
	e := newEnv(t, options{})
	e.start("u42", "BDT")
	p := e.get("/pay/bkash_api?amount=700").mustStatus(http.StatusOK)
	if got := p.doc.Find(`#pay-form input[name="amount"]`).AttrOr("value", ""); got != "700" {
		t.Errorf("the amount is %q", got)
	}
	bad := e.get("/pay/bkash_api?amount=700,50").mustStatus(http.StatusUnprocessableEntity)
	if bad.text("error-amount") == "" || bad.doc.Find(`#pay-form input[name="amount"]`).AttrOr("value", "") != "700,50" {
		t.Errorf("an amount that cannot be read: %s", outer(bad.id("pay-form")))
	}
}

// Where Paykassma refuses an amount as over its maximum, the page says so.
func TestPay_AnAmountOverTheMaximumIsSaidInWords(t *testing.T) {
	e := newEnv(t, options{})
	e.start("u42", "INR")
	form := e.get("/pay/upi_l").mustStatus(http.StatusOK)
	again := e.submit(form, map[string]string{"key1": "412345678901", "amount": "1,00,001"}).mustStatus(http.StatusUnprocessableEntity)
	if got := again.text("error-amount"); !strings.Contains(got, "at most ₹1,00,000") {
		t.Errorf("beside the amount: %q", got)
	}
}

// The amount's field is described by its hint, or by its error once there
// is one, and by nothing that is not an element of the page. (It once
// carried an attribute named "else": templ has no else-if among attributes.)
func TestAskedAmount_FieldIsDescribedByWhatThePageShows(t *testing.T) {
	known := map[string]bool{
		"type": true, "id": true, "name": true, "value": true, "inputmode": true, "autocomplete": true,
		"spellcheck": true, "aria-invalid": true, "aria-describedby": true, "autofocus": true,
	}
	for _, c := range []struct{ amount, describedBy string }{{"500", ""}, {"5OO", "ask-amount-error"}} {
		e := newEnv(t, options{})
		e.start("u42", "INR")
		p := e.get("/pay/upi_l?amount=" + c.amount)
		field := p.doc.Find(`#ask-amount`)
		if field.Length() != 1 {
			t.Fatalf("%s: no amount field", c.amount)
		}
		for _, a := range field.Nodes[0].Attr {
			if !known[a.Key] {
				t.Errorf("%s: the amount field carries %q", c.amount, a.Key)
			}
		}
		got := field.AttrOr("aria-describedby", "")
		if got != c.describedBy {
			t.Errorf("%s: described by %q, want %q", c.amount, got, c.describedBy)
		}
		if got != "" && p.doc.Find("#"+got).Length() != 1 {
			t.Errorf("%s: described by #%s, which the page lacks", c.amount, got)
		}
	}
}
