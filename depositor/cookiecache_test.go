package depositor

import (
	"crypto/sha256"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
)

// cookieOf saves st and gives the session cookie it wrote.
func cookieOf(t *testing.T, c *Codec, st *State) *http.Cookie {
	t.Helper()
	rec := httptest.NewRecorder()
	if _, err := c.Save(rec, httptest.NewRequest(http.MethodGet, "/", nil), st, false); err != nil {
		t.Fatal(err)
	}
	return rec.Result().Cookies()[0]
}

func loadWith(c *Codec, ck *http.Cookie) (*State, bool) {
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.AddCookie(ck)
	return c.Load(r)
}

// The second read of a cookie comes from the cache, and what one request
// changes in its state never reaches the next request's.
func TestCodec_CachedCookieGivesEachRequestItsOwnState(t *testing.T) {
	c := newCodec(t, 1)
	st := New("u42", "INR", "en")
	st.SetPayment("paytm", &Payment{Identifier: "98765@paytm", Created: 1})
	st.Record(Attempt{Ref: "PKBBBB", WalletType: "paytm", Outcome: Pending, At: 1})
	st.Merchant = &Merchant{TxPrefix: "order", FixedAmount: "500.00"}
	ck := cookieOf(t, c, st)

	loadWith(c, ck) // decoded, and cached
	first, _ := loadWith(c, ck)
	first.Lang = "hi"
	first.Payment("paytm").Identifier = "changed"
	first.Attempts[0].Outcome = Done
	first.Merchant.FixedAmount = "7.00"
	first.SetPayment("phonepe", &Payment{Identifier: "new"})

	second, fromCookie := loadWith(c, ck)
	if c.cookies.len() != 1 {
		t.Fatalf("cached cookies: %d, want 1", c.cookies.len())
	}
	if !fromCookie || second.Lang != "en" || second.Payment("paytm").Identifier != "98765@paytm" || second.Attempts[0].Outcome != Pending ||
		second.Merchant.FixedAmount != "500.00" || second.Payment("phonepe") != nil {
		t.Errorf("the cached state carries another request's changes: %+v", second)
	}
	// Unchanged, it writes no cookie, as a freshly decoded one would not.
	w := httptest.NewRecorder()
	if _, err := c.Store(w, httptest.NewRequest(http.MethodGet, "/", nil), second, false); err != nil {
		t.Fatal(err)
	}
	if len(w.Result().Cookies()) != 0 {
		t.Error("an unchanged state from the cache wrote the cookie")
	}
}

// Two depositors' cookies each give their own depositor, from the cache too.
func TestCodec_CachedCookiesKeepDepositorsApart(t *testing.T) {
	c := newCodec(t, 1)
	a, b := cookieOf(t, c, New("alice", "INR", "en")), cookieOf(t, c, New("bob", "BDT", "bn"))
	for range 2 { // the first round decodes, the second hits the cache
		if st, _ := loadWith(c, a); st == nil || st.Label != "alice" || st.Currency != "INR" {
			t.Errorf("alice's cookie: %+v", st)
		}
		if st, _ := loadWith(c, b); st == nil || st.Label != "bob" || st.Currency != "BDT" {
			t.Errorf("bob's cookie: %+v", st)
		}
	}
}

// A cookie past MaxAge is refused whether or not it was read (and cached)
// while it was valid.
func TestCodec_ExpiredCookieIsRefusedEvenWhenCached(t *testing.T) {
	for _, cached := range []bool{true, false} {
		t.Run(fmt.Sprintf("cached=%v", cached), func(t *testing.T) {
			c := newCodec(t, 1)
			ck := cookieOf(t, c, New("u42", "INR", "en"))
			if cached {
				if st, _ := loadWith(c, ck); st == nil {
					t.Fatal("the fresh cookie did not load")
				}
			}
			now := c.now()
			c.now = func() int64 { return now + MaxAge + 2 }
			if st, fromCookie := loadWith(c, ck); st != nil || fromCookie {
				t.Errorf("an expired cookie loaded: %+v", st)
			}
			c.now = func() int64 { return now + MaxAge - 2 }
			if st, _ := loadWith(c, ck); st == nil {
				t.Error("a cookie within MaxAge was refused")
			}
		})
	}
}

// A tampered cookie is refused and never enters the cache, even when the
// genuine one is in it.
func TestCodec_TamperedCookieIsRefusedAndNotCached(t *testing.T) {
	c := newCodec(t, 1)
	ck := cookieOf(t, c, New("u42", "INR", "en"))
	if st, _ := loadWith(c, ck); st == nil {
		t.Fatal("the genuine cookie did not load")
	}
	bad := *ck
	bad.Value = ck.Value[:len(ck.Value)-4] + "AAAA"
	if st, _ := loadWith(c, &bad); st != nil {
		t.Errorf("a tampered cookie loaded: %+v", st)
	}
	if st, _ := loadWith(newCodec(t, 9), ck); st != nil {
		t.Errorf("another codec's keys accepted the cookie: %+v", st)
	}
	if n := c.cookies.len(); n != 1 {
		t.Errorf("cached cookies: %d, want 1", n)
	}
}

// However many depositors come, the cache stays within its bound and keeps
// the most recent.
func TestCookieCache_StaysBounded(t *testing.T) {
	cc := newCookieCache()
	var last [sha256.Size]byte
	for i := range 3 * cookieCacheSize {
		last = sha256.Sum256(fmt.Appendf(nil, "cookie-%d", i))
		cc.put(last, &cookieEntry{at: int64(i)})
		if n := cc.len(); n > cookieCacheSize {
			t.Fatalf("%d entries after %d puts, bound %d", n, i+1, cookieCacheSize)
		}
	}
	if cc.get(last) == nil {
		t.Error("the latest entry was evicted")
	}
}
