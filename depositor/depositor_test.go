package depositor

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"
)

func keys(seed byte) ([]byte, []byte) {
	h := make([]byte, 32)
	b := make([]byte, 32)
	for i := range h {
		h[i], b[i] = seed+byte(i), seed^byte(i)
	}
	return h, b
}

func newCodec(t *testing.T, seed byte) *Codec {
	t.Helper()
	c, err := NewCodec(keys(seed))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// full is the largest state a depositor can reach: every attempt kept and a
// payment for each of ten wallet types.
func full() *State {
	st := New("user-with-a-rather-long-label-0123456789@merchant.example", "INR", "en")
	for i := 0; i < 10; i++ {
		st.SetPayment(fmt.Sprintf("wallet_type_%d", i), &Payment{
			Identifier: "50100012345678 (HDFC0001234) long identifier",
			Created:    time.Now().Unix(),
		})
	}
	for i := 0; i < 2*MaxAttempts; i++ {
		st.Record(Attempt{Ref: testRef(), WalletType: "staging_b_ml", Amount: "100000.00",
			Outcome: Failed, At: time.Now().Unix(), Detail: "Transaction not found"})
	}
	return st
}

func TestState_FullStateFitsInACookie(t *testing.T) {
	c := newCodec(t, 1)
	rec := httptest.NewRecorder()
	tok, err := c.Save(rec, httptest.NewRequest("GET", "/", nil), full(), true)
	if err != nil {
		t.Fatalf("save: %v", err)
	}
	cookie := rec.Result().Cookies()[0]
	if n := len(cookie.String()); n > 4000 {
		t.Errorf("cookie is %d bytes; browsers keep at most ~4096", n)
	}
	if len(tok) > 4000 {
		t.Errorf("st token is %d bytes", len(tok))
	}
	r := httptest.NewRequest("GET", "/", nil)
	r.AddCookie(cookie)
	got, _ := c.Load(r)
	if got == nil || len(got.Attempts) != MaxAttempts || len(got.Payments) != 10 {
		t.Errorf("the full state did not survive the cookie whole: %+v", got)
	}
}

func TestCodec_OversizedStateDropsOldestAttempts(t *testing.T) {
	c := newCodec(t, 1)
	st := full()
	for i := range st.Attempts {
		for j := 0; j < 40; j++ {
			st.Attempts[i].Detail += testRef() // incompressible
		}
	}
	newest := st.Attempts[0].Ref
	if _, err := c.Save(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil), st, false); err != nil {
		t.Fatalf("save: %v", err)
	}
	if len(st.Attempts) == 0 || len(st.Attempts) == MaxAttempts || st.Attempts[0].Ref != newest {
		t.Errorf("kept %d attempts (newest first %v)", len(st.Attempts), st.Attempts[0].Ref == newest)
	}
}

func TestState_RecordKeepsNewestFirstAndCaps(t *testing.T) {
	st := New("u", "INR", "en")
	for i := 0; i < MaxAttempts+3; i++ {
		st.Record(Attempt{Ref: fmt.Sprint(i)})
	}
	st.Record(Attempt{Ref: "12", Outcome: Done}) // an update moves it to the front, no duplicate
	if len(st.Attempts) != MaxAttempts {
		t.Fatalf("kept %d attempts, want %d", len(st.Attempts), MaxAttempts)
	}
	if st.Attempts[0].Ref != "12" || st.Attempts[0].Outcome != Done || st.Attempts[1].Ref != "11" {
		t.Errorf("order: %+v", st.Attempts[:2])
	}
	if st.Attempt("0") != nil {
		t.Error("the oldest attempt should have been dropped")
	}
}

func TestCodec_RoundTripThroughCookieAndField(t *testing.T) {
	c := newCodec(t, 1)
	st := New("u42", "INR", "en")
	st.Record(Attempt{Ref: testRef(), WalletType: "paytm", Outcome: Done, At: 1})

	rec := httptest.NewRecorder()
	tok, err := c.Save(rec, httptest.NewRequest("GET", "/", nil), st, false)
	if err != nil {
		t.Fatal(err)
	}
	cookie := rec.Result().Cookies()[0]
	if !cookie.HttpOnly || cookie.SameSite != http.SameSiteLaxMode || cookie.Secure || cookie.MaxAge != MaxAge {
		t.Errorf("cookie attributes: %+v", cookie)
	}

	withCookie := httptest.NewRequest("GET", "/", nil)
	withCookie.AddCookie(cookie)
	got, fromCookie := c.Load(withCookie)
	if got == nil || !fromCookie || got.Label != "u42" || got.Attempts[0].Outcome != Done {
		t.Errorf("from cookie: %+v %v", got, fromCookie)
	}

	withField := httptest.NewRequest("GET", "/?"+url.Values{Field: {tok}}.Encode(), nil)
	got, fromCookie = c.Load(withField)
	if got == nil || fromCookie || got.Label != "u42" {
		t.Errorf("from field: %+v %v", got, fromCookie)
	}
}

func TestCodec_RejectsTamperedAndForeignState(t *testing.T) {
	c := newCodec(t, 1)
	tok, err := c.Token(New("u42", "INR", "en"))
	if err != nil {
		t.Fatal(err)
	}
	other := newCodec(t, 9)
	tampered := tok[:len(tok)-4] + "AAAA"
	for name, tc := range map[string]struct {
		codec *Codec
		tok   string
	}{
		"tampered":   {c, tampered},
		"other keys": {other, tok},
		"garbage":    {c, "not-a-token"},
	} {
		r := httptest.NewRequest("GET", "/?"+url.Values{Field: {tc.tok}}.Encode(), nil)
		if st, _ := tc.codec.Load(r); st != nil {
			t.Errorf("%s: accepted %+v", name, st)
		}
	}
}

func TestCodec_RejectsWrongKeyLengths(t *testing.T) {
	if _, err := NewCodec(make([]byte, 10), make([]byte, 32)); err == nil {
		t.Error("a 10-byte hash key was accepted")
	}
	if _, err := NewCodec(make([]byte, 32), make([]byte, 20)); err == nil {
		t.Error("a 20-byte block key was accepted")
	}
}

func TestPayment_ExpiresAfterTTL(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	p := &Payment{Identifier: "x", Created: now.Unix()}
	if p.Expired(now.Add(29*time.Minute), 30*time.Minute) {
		t.Error("expired before its TTL")
	}
	if !p.Expired(now.Add(30*time.Minute), 30*time.Minute) {
		t.Error("still valid at its TTL")
	}
	if !(&Payment{}).Expired(now, time.Hour) {
		t.Error("a payment without identifier is not usable")
	}
}

// testRef is a reference of the shape the checkout makes (deposit.Reference).
func testRef() string { return "PK" + NewVisitID() + "AAAA" }

// A visit lasts the lifetime from its entry however often it is used: a
// token re-saved every day (MaxAge slides) dies when the lifetime is over.
func TestCodec_AStateReSavedDailyDiesAfterItsLifetime(t *testing.T) {
	h, b := keys(1)
	c, err := NewCodec(h, b)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().Unix()
	c.now = func() int64 { return now }
	tok, err := c.Token(New("u42", "INR", "en"))
	if err != nil {
		t.Fatal(err)
	}
	load := func() *State {
		r := httptest.NewRequest("GET", "/?"+url.Values{Field: {tok}}.Encode(), nil)
		st, _ := c.Load(r)
		return st
	}
	for day := 1; day <= 3; day++ {
		now += 20 * 60 * 60 // used again within the cookie's MaxAge
		st := load()
		if day == 1 {
			if st == nil {
				t.Fatal("refused within its lifetime")
			}
			if tok, err = c.Token(st); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if st != nil {
			t.Fatalf("day %d: a state begun %dh ago still loads (lifetime %s)", day, 20*day, DefaultLifetime)
		}
	}
}

// A state written before visits had a start time still loads: it starts
// when first seen.
func TestCodec_AStateWithoutAStartTimeStartsWhenSeen(t *testing.T) {
	h, b := keys(1)
	c, _ := NewCodec(h, b)
	st := New("u42", "INR", "en")
	raw, _ := encode(st, &writers) // no start time, as before
	tok, err := c.sc.Encode(Field, raw)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := c.Load(httptest.NewRequest("GET", "/?"+url.Values{Field: {tok}}.Encode(), nil))
	if got == nil || got.Start != c.now() {
		t.Fatalf("a state without a start time: %+v, want it loaded, started now", got)
	}
}
