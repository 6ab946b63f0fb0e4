package upiqr

import (
	"bytes"
	"encoding/base64"
	"image/png"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	gozxingqr "github.com/makiuchi-d/gozxing/qrcode"
)

func TestURL_BuildsTheUPILinkExactly(t *testing.T) {
	tests := []struct {
		name, addr, payee, amount, want string
	}{
		{"open amount", "checkout1@okaxis", "Lucky Shop", "", "upi://pay?pa=checkout1@okaxis&pn=Lucky%20Shop&cu=INR"},
		{"fixed amount", "checkout1@okaxis", "Lucky Shop", "500.00", "upi://pay?pa=checkout1@okaxis&pn=Lucky%20Shop&cu=INR&am=500.00"},
		{"no merchant name", "a.b-c_d@ybl", "", "", "upi://pay?pa=a.b-c_d@ybl&pn=Paykassma&cu=INR"},
		{"a name that could break the link", "x1@ybl", "A&B=C?", "", "upi://pay?pa=x1@ybl&pn=A%26B%3DC%3F&cu=INR"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := URL(tc.addr, tc.payee, tc.amount)
			if err != nil || got != tc.want {
				t.Errorf("got %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

func TestAppLinks_EachAppGetsThePaymentWithTheAmount(t *testing.T) {
	apps, err := AppLinks("shop1@icici", "Lucky Shop", "500.00")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"upi://pay?pa=shop1@icici&pn=Lucky%20Shop&cu=INR&am=500.00",
		"tez://upi/pay?pa=shop1@icici&pn=Lucky%20Shop&cu=INR&am=500.00",
		"phonepe://pay?pa=shop1@icici&pn=Lucky%20Shop&cu=INR&am=500.00",
		"paytmmp://pay?pa=shop1@icici&pn=Lucky%20Shop&cu=INR&am=500.00",
	}
	if len(apps) != len(want) {
		t.Fatalf("%d apps, want %d", len(apps), len(want))
	}
	for i, a := range apps {
		if a.URL != want[i] {
			t.Errorf("%q: %s, want %s", a.Name, a.URL, want[i])
		}
	}
	if _, err := AppLinks("01712345678", "", ""); err == nil {
		t.Error("an account number got app links")
	}
}

func TestURL_RefusesWhatIsNotAUPIAddress(t *testing.T) {
	for _, addr := range []string{"01712345678", "1234567890123 (IFSC SBIN0001)", "a@b&am=1", "@ybl", "x@", "x@y z"} {
		if _, err := URL(addr, "", ""); err == nil {
			t.Errorf("%q accepted as a UPI address", addr)
		}
	}
}

// TestPNGDataURI_EncodesExactlyTheLink decodes the picture with another
// library: the QR says what the page shows, byte for byte.
func TestPNGDataURI_EncodesExactlyTheLink(t *testing.T) {
	link := "upi://pay?pa=checkout7@okicici&pn=Lucky%20Shop&cu=INR&am=1000.00"
	uri, err := PNGDataURI(link)
	if err != nil {
		t.Fatal(err)
	}
	b64, ok := strings.CutPrefix(uri, "data:image/png;base64,")
	if !ok {
		t.Fatalf("not a PNG data URI: %.40s", uri)
	}
	raw, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := gozxingqr.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		t.Fatalf("the QR does not decode: %v", err)
	}
	if res.GetText() != link {
		t.Errorf("the QR says %q, the page %q", res.GetText(), link)
	}
}
