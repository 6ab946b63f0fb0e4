package depositor

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestCodec_OverHTTPSTheCookieIsNamedWithTheHostPrefix(t *testing.T) {
	tests := []struct {
		name, host string
		crossSite  bool
		want       string
	}{
		{"https", "pay.example", true, "__Host-pk"},
		{"https with a port", "pay.example:8443", true, "__Host-pk"},
		{"localhost over http", "localhost:8080", true, "pk"},
		{"a .localhost name", "shop.localhost", true, "pk"},
		{"plain http", "pay.example", false, "pk"},
	}
	c := newCodec(t, 1)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodGet, "/", nil)
			r.Host = tc.host
			rec := httptest.NewRecorder()
			if _, err := c.Save(rec, r, New("u42", "INR", ""), tc.crossSite); err != nil {
				t.Fatal(err)
			}
			cks := rec.Result().Cookies()
			if len(cks) != 1 || cks[0].Name != tc.want {
				t.Fatalf("Set-Cookie %v, want one named %s", rec.Header().Values("Set-Cookie"), tc.want)
			}
			ck := cks[0]
			// What a browser demands of a __Host- cookie.
			if ck.Name == HostSessionName && (!ck.Secure || ck.Domain != "" || ck.Path != "/") {
				t.Errorf("__Host- cookie without Secure, Path=/ or with a Domain: %s", rec.Header().Get("Set-Cookie"))
			}
			back := httptest.NewRequest(http.MethodGet, "/", nil)
			back.AddCookie(ck)
			if st, fromCookie := c.Load(back); st == nil || !fromCookie || st.Label != "u42" {
				t.Errorf("the %s cookie is not read back: %+v", ck.Name, st)
			}
		})
	}
}

// A cookie set under the old name before https keeps working, and the next
// answer moves it to the new name, dropping the old one.
func TestCodec_ACookieUnderTheOldNameIsReadAndMovedToTheNewOne(t *testing.T) {
	c := newCodec(t, 1)
	old := httptest.NewRecorder()
	local := httptest.NewRequest(http.MethodGet, "/", nil)
	local.Host = "localhost"
	if _, err := c.Save(old, local, New("u42", "INR", ""), true); err != nil {
		t.Fatal(err)
	}
	oldCookie := old.Result().Cookies()[0]
	if oldCookie.Name != SessionName {
		t.Fatalf("set %s", oldCookie.Name)
	}
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.Host = "pay.example"
	r.AddCookie(oldCookie)
	st, fromCookie := c.Load(r)
	if st == nil || !fromCookie || st.Label != "u42" {
		t.Fatalf("the old cookie is not read: %+v", st)
	}
	rec := httptest.NewRecorder()
	if _, err := c.Store(rec, r, st, true); err != nil {
		t.Fatal(err)
	}
	set := map[string]*http.Cookie{}
	for _, ck := range rec.Result().Cookies() {
		set[ck.Name] = ck
	}
	if set[HostSessionName] == nil || set[HostSessionName].MaxAge <= 0 {
		t.Errorf("the unchanged state was not written under %s: %v", HostSessionName, rec.Header().Values("Set-Cookie"))
	}
	if d := set[SessionName]; d == nil || d.MaxAge >= 0 || !d.Partitioned || !d.Secure {
		t.Errorf("the old cookie is not dropped as it was set (partitioned): %v", rec.Header().Values("Set-Cookie"))
	}
	// Both sent: the new one wins.
	both := httptest.NewRequest(http.MethodGet, "/", nil)
	both.AddCookie(oldCookie)
	newer := New("u42-newer", "INR", "")
	rec = httptest.NewRecorder()
	https := httptest.NewRequest(http.MethodGet, "/", nil)
	if _, err := c.Save(rec, https, newer, true); err != nil {
		t.Fatal(err)
	}
	both.AddCookie(rec.Result().Cookies()[0])
	if st, _ := c.Load(both); st == nil || st.Label != "u42-newer" {
		t.Errorf("with both cookies loaded %+v, want the __Host- one", st)
	}
}
