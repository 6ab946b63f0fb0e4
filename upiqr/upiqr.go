// Package upiqr builds the UPI payment link for a UPI address and the QR
// code of it, so a depositor on a computer scans what a phone would open.
package upiqr

import (
	"encoding/base64"
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"rsc.io/qr"
)

// address is a UPI virtual payment address: handle@psp.
var address = regexp.MustCompile(`^[A-Za-z0-9._-]{2,256}@[A-Za-z0-9.-]{2,64}$`)

// IsAddress reports whether s is a UPI address (the only identifiers worth
// a QR code: account numbers and phone numbers are not payable by link).
func IsAddress(s string) bool { return address.MatchString(s) }

// URL is the UPI deep link paying addr: upi://pay?pa=…&pn=…&cu=INR, with
// &am= only when amount is fixed (non-empty); name defaults to Paykassma.
// Values are percent-encoded (a space as %20, which every UPI app reads).
func URL(addr, name, amount string) (string, error) {
	if !IsAddress(addr) {
		return "", fmt.Errorf("upiqr: %q is not a UPI address", addr)
	}
	if strings.TrimSpace(name) == "" {
		name = "Paykassma"
	}
	u := "upi://pay?pa=" + addr + "&pn=" + escape(strings.TrimSpace(name)) + "&cu=INR"
	if amount != "" {
		u += "&am=" + escape(amount)
	}
	return u, nil
}

// App is a UPI app that opens from a link of its own scheme.
type App struct {
	Name string // "Google Pay"; "" for the link every UPI app answers
	URL  string
}

// appSchemes are the schemes, before the query, of the apps people use
// most, after the generic upi://pay (Razorpay's list of UPI intent apps).
var appSchemes = []struct{ name, prefix string }{
	{"", "upi://pay?"},
	{"Google Pay", "tez://upi/pay?"},
	{"PhonePe", "phonepe://pay?"},
	{"Paytm", "paytmmp://pay?"},
}

// AppLinks are the links that open a UPI app to pay addr, the generic one
// first. Only for a merchant's UPI ID: since NPCI OC-76A (2024) apps refuse
// link payments to personal UPI IDs.
func AppLinks(addr, name, amount string) ([]App, error) {
	u, err := URL(addr, name, amount)
	if err != nil {
		return nil, err
	}
	query := strings.TrimPrefix(u, "upi://pay?")
	out := make([]App, len(appSchemes))
	for i, a := range appSchemes {
		out[i] = App{Name: a.name, URL: a.prefix + query}
	}
	return out, nil
}

// escape percent-encodes a query value with %20 for spaces.
func escape(s string) string { return strings.ReplaceAll(url.QueryEscape(s), "+", "%20") }

// PNGDataURI is the QR code of text as a data: URI for an <img>, which the
// CSP's img-src admits; nothing is fetched. Level M survives a smudged screen.
func PNGDataURI(text string) (string, error) {
	c, err := qr.Encode(text, qr.M)
	if err != nil {
		return "", fmt.Errorf("upiqr: %w", err)
	}
	c.Scale = 6 // ~200 px for a typical link: scannable from a phone held at arm's length
	return "data:image/png;base64," + base64.StdEncoding.EncodeToString(c.PNG()), nil
}
