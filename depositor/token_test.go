package depositor

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"
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

// A page of the same depositor, with the same unchanged cookie, within a
// minute gets the token minted for the last one (it loads to the same
// state); after a minute, or for a changed state, a token is minted anew;
// another depositor's cookie never gets it.
func TestCodec_TokenKeptPerCookieForAMinute(t *testing.T) {
	c := newCodec(t, 1)
	now := time.Now().Unix()
	c.now = func() int64 { return now }
	cookieOf := func(label string) *http.Cookie {
		rec := httptest.NewRecorder()
		if _, err := c.Save(rec, httptest.NewRequest(http.MethodGet, "/", nil), New(label, "INR", "en"), false); err != nil {
			t.Fatal(err)
		}
		return rec.Result().Cookies()[0]
	}
	tokenOf := func(cookie *http.Cookie, change func(*State)) (string, *State) {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.AddCookie(cookie)
		st, _ := c.Load(r)
		change(st)
		tok, err := c.Token(st)
		if err != nil {
			t.Fatal(err)
		}
		back, fromCookie := c.Load(httptest.NewRequest(http.MethodGet, "/?"+Field+"="+url.QueryEscape(tok), nil))
		if back == nil || fromCookie || back.Label != st.Label || back.Lang != st.Lang {
			t.Fatalf("the token does not load to the page's state: %+v", back)
		}
		return tok, st
	}
	same := func(*State) {}
	a, b := cookieOf("depositor-a"), cookieOf("depositor-b")
	ta1, _ := tokenOf(a, same)
	tb1, _ := tokenOf(b, same)
	now += 30
	ta2, _ := tokenOf(a, same)
	tb2, _ := tokenOf(b, same)
	if ta1 != ta2 || tb1 != tb2 {
		t.Error("an unchanged state's token was minted again within the minute")
	}
	if ta1 == tb1 {
		t.Error("two depositors got the same token")
	}
	if tc, st := tokenOf(a, func(s *State) { s.Lang = "hi" }); tc == ta1 || st.Lang != "hi" {
		t.Error("a changed state was given the unchanged one's token")
	}
	now += 31
	if ta3, _ := tokenOf(a, same); ta3 == ta1 {
		t.Error("a token over a minute old was given again")
	}
}
