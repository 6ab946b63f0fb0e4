package entrylink

import (
	"net/url"
	"testing"
	"time"
)

// FuzzVerify: any query string, however malformed, is verified without a
// panic, and one that passes carries the signature of its own parameters
// with the key, a label and a currency.
func FuzzVerify(f *testing.F) {
	const key = "fuzz-signing-key"
	now := time.Unix(1_700_000_000, 0)
	good, _ := Sign(key, url.Values{"label": {"u42"}, "currency_code": {"INR"}, "fixed_amount": {"500.00"}}, now.Add(time.Hour))
	f.Add(good.Encode())
	f.Add("label=u42&currency_code=INR&exp=1&sig=00")
	f.Add("sig=&sig=" + good.Get("sig"))
	f.Add("label=%ZZ&exp=99999999999999999999&sig=zz")
	f.Add("origin=https://a.example/x?y&success_url=javascript:alert(1)&" + good.Encode())
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		l, err := Verify(key, q, now)
		if err != nil {
			return
		}
		again, serr := Sign(key, q, now)
		if serr != nil || again.Get("sig") != q.Get("sig") {
			t.Errorf("accepted %q, whose signature is not its own (%v)", raw, serr)
		}
		if l.Label == "" || len(l.CurrencyCode) != 3 || !now.Before(l.Expires) {
			t.Errorf("accepted %q as %+v", raw, l)
		}
	})
}
