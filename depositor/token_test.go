package depositor

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
)

// The st token of a state read from the cookie carries that state, and a
// change made after reading it: whether it is the cookie's bytes encrypted
// again or the state deflated anew, the form that sends it back gets what
// the page had. Two depositors' cookies give two depositors' tokens.
func TestCodec_TokenOfALoadedStateCarriesItAndItsChanges(t *testing.T) {
	c := newCodec(t, 1)
	cookieOf := func(label string) *http.Cookie {
		rec := httptest.NewRecorder()
		if _, err := c.Save(rec, httptest.NewRequest(http.MethodGet, "/", nil), New(label, "INR", "en"), false); err != nil {
			t.Fatal(err)
		}
		return rec.Result().Cookies()[0]
	}
	fromToken := func(tok string) *State {
		r := httptest.NewRequest(http.MethodGet, "/?"+Field+"="+url.QueryEscape(tok), nil)
		st, fromCookie := c.Load(r)
		if st == nil || fromCookie {
			t.Fatalf("the token does not load: %v %v", st, fromCookie)
		}
		return st
	}
	for _, tc := range []struct {
		name, label string
		change      func(*State)
		lang        string
	}{
		{"unchanged", "u1", func(*State) {}, "en"},
		{"another depositor, unchanged", "u2", func(*State) {}, "en"},
		{"language changed", "u1", func(s *State) { s.Lang = "hi" }, "hi"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cookie := cookieOf(tc.label)
			for range 2 { // the cookie decoded, then from the verified-cookie cache
				r := httptest.NewRequest(http.MethodGet, "/", nil)
				r.AddCookie(cookie)
				st, _ := c.Load(r)
				tc.change(st)
				tok, err := c.Token(st)
				if err != nil {
					t.Fatal(err)
				}
				if got := fromToken(tok); got.Label != tc.label || got.Lang != tc.lang || got.Start != st.Start {
					t.Errorf("the token holds %s/%s (start %d), want %s/%s (start %d)", got.Label, got.Lang, got.Start, tc.label, tc.lang, st.Start)
				}
			}
		})
	}
}
