package depositor

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gorilla/securecookie"
	"github.com/gorilla/sessions"
)

// Cookies written before the session's serializer changed (gob) still
// carry the depositor.
func TestCodec_ReadsCookiesWrittenByGob(t *testing.T) {
	c := newCodec(t, 1)
	st := New("u42", "INR", "en")
	_, b, err := c.fit(st)
	if err != nil {
		t.Fatal(err)
	}
	hashKey, blockKey := keys(1)
	old := sessions.NewCookieStore(hashKey, blockKey) // gob, as before
	enc, err := securecookie.EncodeMulti(SessionName, map[interface{}]interface{}{valueKey: b}, old.Codecs...)
	if err != nil {
		t.Fatal(err)
	}
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.AddCookie(&http.Cookie{Name: SessionName, Value: enc})
	if got, fromCookie := c.Load(r); got == nil || !fromCookie || got.Label != "u42" {
		t.Errorf("a gob cookie: %+v %v", got, fromCookie)
	}
}

// A page that changed nothing writes no cookie; one that changed the state
// writes it.
func TestCodec_StoreWritesTheCookieOnlyWhenTheStateChanged(t *testing.T) {
	c := newCodec(t, 1)
	rec := httptest.NewRecorder()
	if _, err := c.Save(rec, httptest.NewRequest(http.MethodGet, "/", nil), New("u42", "INR", "en"), false); err != nil {
		t.Fatal(err)
	}
	cookie := rec.Result().Cookies()[0]
	for _, tc := range []struct {
		name   string
		change func(*State)
		writes bool
	}{
		{"unchanged", func(*State) {}, false},
		{"language changed", func(s *State) { s.Lang = "hi" }, true},
		{"attempt recorded", func(s *State) { s.Record(Attempt{Ref: testRef(), WalletType: "paytm", Outcome: Done, At: 1}) }, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodGet, "/", nil)
			r.AddCookie(cookie)
			st, _ := c.Load(r)
			tc.change(st)
			w := httptest.NewRecorder()
			if _, err := c.Store(w, r, st, false); err != nil {
				t.Fatal(err)
			}
			if wrote := len(w.Result().Cookies()) > 0; wrote != tc.writes {
				t.Errorf("cookie written: %v, want %v", wrote, tc.writes)
			}
		})
	}
}
