package depositor_test

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/paykassma/checkout/depositor"
)

// benchState is a returning depositor: a payment prepared and a few attempts.
func benchState() *depositor.State {
	st := depositor.New("bench-user-4242", "INR", "en")
	st.ID = "visit-1"
	st.SetPayment("paytm", &depositor.Payment{Identifier: "9876543210@paytm", Created: time.Now().Unix()})
	for range 3 {
		st.Record(depositor.Attempt{Ref: "PK" + depositor.NewVisitID() + "AAAA", WalletType: "paytm", TxID: "20512345150", Amount: "150.00",
			Outcome: depositor.Done, At: time.Now().Unix(), Saved: "0"})
	}
	return st
}

func benchCodec(b *testing.B) *depositor.Codec {
	c, err := depositor.NewCodec([]byte("0123456789abcdef0123456789abcdef"), []byte("0123456789abcdef"))
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// BenchmarkSession_RoundTrip is the session work of a page that changes
// the state: read from the cookie, changed, written back with its token.
func BenchmarkSession_RoundTrip(b *testing.B) {
	c := benchCodec(b)
	w := httptest.NewRecorder()
	if _, err := c.Save(w, httptest.NewRequest(http.MethodGet, "/", nil), benchState(), false); err != nil {
		b.Fatal(err)
	}
	cookie := w.Result().Cookies()[0]
	b.ReportAllocs()
	for b.Loop() {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.AddCookie(cookie)
		st, _ := c.Load(r)
		if st == nil {
			b.Fatal("the cookie did not load")
		}
		st.Lang = map[string]string{"en": "hi", "hi": "en"}[st.Lang]
		if _, err := c.Save(httptest.NewRecorder(), r, st, false); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(cookie.Value)), "B/cookie")
}

// BenchmarkSession_Load is the read alone.
func BenchmarkSession_Load(b *testing.B) {
	c := benchCodec(b)
	w := httptest.NewRecorder()
	if _, err := c.Save(w, httptest.NewRequest(http.MethodGet, "/", nil), benchState(), false); err != nil {
		b.Fatal(err)
	}
	cookie := w.Result().Cookies()[0]
	b.ReportAllocs()
	for b.Loop() {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.AddCookie(cookie)
		if st, _ := c.Load(r); st == nil {
			b.Fatal("the cookie did not load")
		}
	}
}

// BenchmarkSession_UnchangedPage is a page that reads the state and
// changes nothing: no cookie is written, no token made.
func BenchmarkSession_UnchangedPage(b *testing.B) {
	c := benchCodec(b)
	w := httptest.NewRecorder()
	if _, err := c.Save(w, httptest.NewRequest(http.MethodGet, "/", nil), benchState(), false); err != nil {
		b.Fatal(err)
	}
	cookie := w.Result().Cookies()[0]
	b.ReportAllocs()
	for b.Loop() {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.AddCookie(cookie)
		st, _ := c.Load(r)
		if st == nil {
			b.Fatal("the cookie did not load")
		}
		if _, err := c.Store(httptest.NewRecorder(), r, st, false); err != nil {
			b.Fatal(err)
		}
	}
}
