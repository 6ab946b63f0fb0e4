package handlers_test

import (
	"strings"
	"testing"
)

func TestPay_UPIAddressGetsAQRAndAnAppLinkOfTheSameLink(t *testing.T) {
	e := newEnv(t, options{})
	e.start("u42", "INR")
	pay := e.get("/pay/upi_l").mustStatus(200)
	addr := pay.text("identifier")
	want := "upi://pay?pa=" + addr + "&pn=Paykassma&cu=INR"
	if !strings.Contains(addr, "@") {
		t.Fatalf("the sandbox's UPI identifier %q is not an address", addr)
	}
	if got := pay.id("upi-qr").AttrOr("data-link", ""); got != want {
		t.Errorf("QR link %q, want %q", got, want)
	}
	if src := pay.id("upi-qr").AttrOr("src", ""); !strings.HasPrefix(src, "data:image/png;base64,") {
		t.Errorf("the QR is not an inline PNG: %.40s", src)
	}
	if got := pay.id("upi-open").AttrOr("href", ""); got != want {
		t.Errorf("app link %q, want %q", got, want)
	}

	// A phone number (Paytm) or a bank account is not a UPI address.
	if paytm := e.get("/pay/paytm").mustStatus(200); paytm.id("upi").Length() != 0 {
		t.Errorf("a QR for %q", paytm.text("identifier"))
	}
}
