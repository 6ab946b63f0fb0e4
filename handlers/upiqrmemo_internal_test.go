package handlers

import (
	"testing"

	"github.com/paykassma/checkout/upiqr"
)

// A kept QR is the one upiqr encodes for that link, and each link has its
// own: a reload shows the same code, another identifier another.
func TestQRDataURI_KeptPerLink(t *testing.T) {
	links := []string{"upi://pay?pa=a1@okaxis&pn=Shop&cu=INR", "upi://pay?pa=b2@okaxis&pn=Shop&cu=INR"}
	for range 2 { // once encoded, once kept
		for _, l := range links {
			got, err := qrDataURI(l)
			if err != nil {
				t.Fatal(err)
			}
			want, _ := upiqr.PNGDataURI(l)
			if got != want {
				t.Errorf("%s: the kept QR is not the link's", l)
			}
		}
	}
	a, _ := qrDataURI(links[0])
	b, _ := qrDataURI(links[1])
	if a == b {
		t.Error("two links share a QR")
	}
}
