package depositor

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
)

func TestCodec_CrossSiteCookieIsSameSiteNoneSecurePartitioned(t *testing.T) {
	c := newCodec(t, 1)
	for _, crossSite := range []bool{true, false} {
		rec := httptest.NewRecorder()
		if _, err := c.Save(rec, httptest.NewRequest("GET", "/", nil), New("u", "INR", ""), crossSite); err != nil {
			t.Fatal(err)
		}
		ck := rec.Result().Cookies()[0]
		header := rec.Header().Get("Set-Cookie")
		if crossSite && (ck.SameSite != http.SameSiteNoneMode || !ck.Secure || !ck.Partitioned || !ck.HttpOnly) {
			t.Errorf("cross-site cookie: %s", header)
		}
		if !crossSite && (ck.SameSite != http.SameSiteLaxMode || ck.Secure || ck.Partitioned) {
			t.Errorf("plain cookie: %s", header)
		}
	}
}

func TestCodec_TheFormsStateWinsOverACookieOfAnotherVisit(t *testing.T) {
	c := newCodec(t, 1)
	save := func(label, id string) (*http.Cookie, string) {
		st := New(label, "INR", "")
		st.ID = id
		rec := httptest.NewRecorder()
		tok, err := c.Save(rec, httptest.NewRequest("GET", "/", nil), st, false)
		if err != nil {
			t.Fatal(err)
		}
		return rec.Result().Cookies()[0], tok
	}
	oldCookie, _ := save("someone-else", "A")
	sameCookie, _ := save("u42-newer", "B")
	_, tok := save("u42", "B")
	tests := []struct {
		name      string
		cookie    *http.Cookie
		label     string
		fromCooki bool
	}{
		{"another visit's cookie", oldCookie, "u42", false},
		{"the same visit's cookie", sameCookie, "u42-newer", true},
	}
	for _, tc := range tests {
		r := httptest.NewRequest("GET", "/?"+url.Values{Field: {tok}}.Encode(), nil)
		r.AddCookie(tc.cookie)
		st, fromCookie := c.Load(r)
		if st == nil || st.Label != tc.label || fromCookie != tc.fromCooki {
			t.Errorf("%s: loaded %+v (cookie %v), want %s", tc.name, st, fromCookie, tc.label)
		}
	}
}
