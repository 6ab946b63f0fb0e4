package handlers_test

import (
	"net/http"
	"strings"
	"testing"
)

// A personal UPI ID (Paykassma's P2P types) is paid by copying it into the
// app: apps refuse upi:// links to personal IDs (NPCI OC-76A), so none is
// offered. The QR, for another device, carries the standard link.
func TestUPI_APersonalUPIIDIsPaidByCopyNotByALink(t *testing.T) {
	e := newEnv(t, options{})
	e.start("u42", "INR")
	pay := e.get("/pay/upi_l").mustStatus(http.StatusOK)
	addr := pay.text("identifier")
	if !strings.Contains(addr, "@") {
		t.Fatalf("the sandbox's UPI identifier %q is not an address", addr)
	}
	want := "upi://pay?pa=" + addr + "&pn=Paykassma&cu=INR"
	if got := pay.id("upi-qr").AttrOr("data-link", ""); got != want {
		t.Errorf("QR link %q, want %q", got, want)
	}
	if src := pay.id("upi-qr").AttrOr("src", ""); !strings.HasPrefix(src, "data:image/png;base64,") {
		t.Errorf("the QR is not an inline PNG: %.40s", src)
	}
	if n := pay.doc.Find(`a[href^="upi:"], a[href^="tez:"], a[href^="phonepe:"], a[href^="paytmmp:"]`).Length(); n != 0 {
		t.Errorf("%d app links for a personal UPI ID", n)
	}
	if got := pay.text("copy-identifier"); got != "Copy UPI ID" {
		t.Errorf("the copy button says %q", got)
	}
	if steps := pay.texts("upi-steps"); len(steps) == 0 || !strings.Contains(steps[0], "Pay to UPI ID") {
		t.Errorf("no steps to pay by hand: %q", steps)
	}
	if name := pay.text("upi-name"); !strings.Contains(name, "registered to at its bank") || strings.Contains(pay.visibleText(), "shop's name") {
		t.Errorf("the page promises a name the app will not show: %q", name)
	}
	// A phone number (Paytm) or a bank account is not a UPI address.
	if paytm := e.get("/pay/paytm").mustStatus(http.StatusOK); paytm.id("upi").Length() != 0 {
		t.Errorf("a QR for %q", paytm.text("identifier"))
	}
}

// A UPI PS the operator lists as a merchant's gets app links, each with the
// amount when the merchant fixed it, and the amount to copy.
func TestUPI_AMerchantsUPIIDGetsAppLinksWithTheAmount(t *testing.T) {
	e := merchantEnv(t, options{})
	e.cfg.Wallets.UPIIntent = []string{"upi_m"}
	pay := e.enter(map[string]string{"label": "u42", "currency_code": "INR", "wallet_type": "upi_m", "fixed_amount": "500"})
	addr := pay.text("identifier")
	query := "pa=" + addr + "&pn=Example%20Shop&cu=INR&am=500.00"
	var got []string
	pay.doc.Find(`[data-testid="upi-apps"] a`).Each(func(_ int, a *goqSel) { got = append(got, a.AttrOr("href", "")) })
	want := []string{"upi://pay?" + query, "tez://upi/pay?" + query, "phonepe://pay?" + query, "paytmmp://pay?" + query}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("app links %q, want %q", got, want)
	}
	if amt := pay.text("upi-amount"); amt != "500.00" {
		t.Errorf("amount to copy %q", amt)
	}
	if fb := pay.id("app-link-fallback"); fb.Length() != 1 || !strings.Contains(fb.Text(), "/pay/upi_m") {
		t.Errorf("no fallback with this page's address for a browser that opens no app")
	}
	// Not listed: the same PS is paid by copying.
	e.cfg.Wallets.UPIIntent = nil
	if again := e.get("/pay/upi_m").mustStatus(http.StatusOK); again.id("upi-apps").Length() != 0 {
		t.Error("app links for a UPI PS the operator did not list")
	}
}
