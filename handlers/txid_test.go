package handlers_test

import (
	"net/http"
	"strings"
	"testing"
)

func TestTxID_APastedReceiptLabelAndSpacesAreDropped(t *testing.T) {
	e := newEnv(t, options{})
	form := e.clickMethod(e.start("u42", "INR"), "upi_l").mustStatus(http.StatusOK)
	sent := e.submit(form, map[string]string{"key1": "UPI Ref No: 4123 4567 8901.", "amount": "500"})
	if got, want := statusRef(t, sent), refOf(form, "412345678901"); got != want || e.sb.Activations(want) != 1 {
		t.Errorf("sent under %s (activations %d), want %s: the UTR as 412345678901", got, e.sb.Activations(want), want)
	}
}

func TestTxID_TheIDAnAppShowsBesideTheUTRIsNamed(t *testing.T) {
	tests := []struct{ id, says string }{
		{"CICAgMC2qrWXLA", "Google Pay's own transaction ID"},
		{"T2503151200123456789012", "PhonePe's own transaction ID"},
	}
	for _, tc := range tests {
		e := newEnv(t, options{})
		form := e.clickMethod(e.start("u42", "INR"), "upi_l")
		again := e.submit(form, map[string]string{"key1": tc.id, "amount": "500"}).mustStatus(http.StatusUnprocessableEntity)
		if msg := again.text("error-key1"); !strings.Contains(msg, tc.says) || !strings.Contains(msg, "12 digits") {
			t.Errorf("%s: %q, want it to say %q and what to look for", tc.id, msg, tc.says)
		}
		if e.sb.Activations(refOf(form, tc.id)) != 0 {
			t.Errorf("%s reached Paykassma", tc.id)
		}
	}
}

// An ID that went with a payment credited, saved or being checked is
// refused before any call, pointing to that payment; after "not found" the
// same ID may be sent again.
func TestTxID_AnIDAlreadyUsedForAPaymentThatHoldsMoneyIsRefusedHere(t *testing.T) {
	e := newEnv(t, options{})
	e.start("u42", "INR")
	first := statusRef(t, e.submit(e.get("/pay/upi_l"), map[string]string{"key1": "412345678000", "amount": "500"})) // possible
	form := e.get("/pay/upi_l")
	again := e.submit(form, map[string]string{"key1": "412345678000", "amount": "500"}).mustStatus(http.StatusUnprocessableEntity)
	msg := again.text("error-key1")
	if !strings.Contains(msg, "You entered this transaction ID for your payment at 1 Mar 14:30 (India time)") || !strings.Contains(msg, first) {
		t.Errorf("the error %q should name the earlier payment %s and its time", msg, first)
	}
	if e.sb.Activations(refOf(form, "412345678000")) != 0 {
		t.Error("the reused ID was sent")
	}
	if got := again.doc.Find(`input[name="key1"]`).AttrOr("value", ""); got != "412345678000" {
		t.Errorf("typed value %q not kept", got)
	}

	failed := statusRef(t, e.submit(e.get("/pay/upi_l"), map[string]string{"key1": "412345678999", "amount": "500"})) // not found
	retry := e.submit(e.get("/pay/upi_l"), map[string]string{"key1": "412345678999", "amount": "500"})
	if retry.status != http.StatusSeeOther || statusRef(t, retry) == failed {
		t.Errorf("after not found the same ID should go again, as a new attempt: %d %s", retry.status, retry.location())
	}
}

func TestTxID_WhileAPaymentIsCheckedThePageSaysPayingAgainWillNotSpeedItUp(t *testing.T) {
	for _, key1 := range []string{"412345678000", "412345678400"} { // possible, suspicious
		e := newEnv(t, options{})
		e.start("u42", "INR")
		out := e.follow(e.submit(e.get("/pay/upi_l"), map[string]string{"key1": key1, "amount": "500"})).mustStatus(http.StatusOK)
		if text := out.visibleText(); !strings.Contains(text, "do not pay again") || !strings.Contains(text, "will not speed this up") {
			t.Errorf("%s: %s", key1, text)
		}
	}
}

// A bank transfer not found says to check the bank's confirmation, not a
// wallet app's history.
func TestTxID_ABankTransferNotFoundPointsToTheBank(t *testing.T) {
	e := newEnv(t, options{})
	e.start("u42", "INR")
	form := e.get("/pay/staging_b_ml").mustStatus(http.StatusOK)
	sent := e.submit(form, map[string]string{"key1": "UTR12345999", "amount": "750"}, upload{"screenshot", "bill.png", pngBytes})
	out := e.follow(sent).mustStatus(http.StatusOK)
	text := out.visibleText()
	if out.id("outcome").AttrOr("data-kind", "") != "failed" || !strings.Contains(text, "bank's confirmation") || strings.Contains(text, "wallet app") {
		t.Errorf("%s", text)
	}
}
