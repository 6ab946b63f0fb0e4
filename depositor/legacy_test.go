package depositor

import (
	"bytes"
	"compress/flate"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// legacyJSON is a state exactly as the checkout wrote it before references
// were derived per form (Merchant "n" counted attempts, Payment "r" held
// the next reference): instances restart one at a time, with depositors
// mid-payment whose cookie or st token holds this.
const legacyJSON = `{"l":"u42","c":"INR","g":"hi","p":{"paytm":{"i":"9876543210","t":1740819600,"r":"ORD-77-2"}},` +
	`"a":[{"r":"ORD-77-1","w":"paytm","k":"AB12CD34EF","m":"500.00","o":"pending","t":1740819700,"s":"100.00"}],` +
	`"v":"54ZZ7STAG6NWAK5B","m":{"w":"paytm","a":"500.00","x":"ORD-77","n":2,"s":"https://shop.example/ok",` +
	`"f":"https://shop.example/fail","p":"https://shop.example/wait","o":"https://shop.example"}}`

func TestCodec_AStateWrittenBeforeDerivedReferencesStillLoads(t *testing.T) {
	var z bytes.Buffer
	zw, _ := flate.NewWriter(&z, flate.BestCompression)
	zw.Write([]byte(legacyJSON + "\n"))
	zw.Close()
	c := newCodec(t, 1)
	tok, err := c.sc.Encode(Field, z.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	r := httptest.NewRequest("POST", "/pay/paytm", strings.NewReader(url.Values{Field: {tok}}.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	st, fromCookie := c.Load(r)
	if st == nil || fromCookie {
		t.Fatal("the old st token no longer loads")
	}
	a := st.Attempt("ORD-77-1")
	p := st.Payment("paytm")
	if st.Label != "u42" || st.Lang != "hi" || p == nil || p.Identifier != "9876543210" || p.Created != 1740819600 ||
		a == nil || a.TxID != "AB12CD34EF" || a.Outcome != Pending || a.Saved != "100.00" ||
		st.Merchant == nil || st.Merchant.TxPrefix != "ORD-77" || st.Merchant.SuccessURL != "https://shop.example/ok" || st.WalletLocked() != "paytm" {
		t.Errorf("loaded %+v, attempt %+v, payment %+v, merchant %+v", st, a, p, st.Merchant)
	}
	// The pending payment is found by its transaction ID, to be checked and
	// retried under its own reference.
	if got := st.PendingWith("paytm", "AB12CD34EF"); got == nil || got.Ref != "ORD-77-1" {
		t.Errorf("pending attempt %+v", got)
	}
}
