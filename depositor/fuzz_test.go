package depositor

import (
	"bytes"
	"compress/flate"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// FuzzLoad: whatever arrives as the st field or the session cookie, Load
// never panics, and accepts only a state it signed itself.
func FuzzLoad(f *testing.F) {
	c, err := NewCodec(bytes.Repeat([]byte("h"), 32), bytes.Repeat([]byte("b"), 32))
	if err != nil {
		f.Fatal(err)
	}
	good, err := c.Token(New("u42", "INR", "en"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good, "")
	f.Add(good[:len(good)/2], good)
	f.Add("", "MTc5NTYxNjAzOXxILTFq")
	f.Add("%%%", "||||")
	f.Add(strings.Repeat("A", 5000), "x")
	f.Fuzz(func(t *testing.T, tok, cookie string) {
		r, _ := http.NewRequest("GET", "/?"+url.Values{Field: {tok}}.Encode(), nil)
		if cookie != "" {
			r.Header.Set("Cookie", SessionName+"="+cookie)
		}
		st, _ := c.Load(r)
		// The only state ever signed with these keys is u42's.
		if st != nil && (st.Label != "u42" || st.Currency != "INR") {
			t.Errorf("accepted a state we did not sign: %+v", st)
		}
		if st != nil && st.Label == "" {
			t.Error("a state without a label")
		}
	})
}

// FuzzDecode: the decoder of a (signed) state never panics on any bytes,
// deflated or not, and never returns a state without a label.
func FuzzDecode(f *testing.F) {
	b, _ := encode(New("u42", "INR", "en"), &writers)
	f.Add(b)
	f.Add([]byte{})
	var buf bytes.Buffer
	zw, _ := flate.NewWriter(&buf, flate.BestSpeed)
	zw.Write([]byte(`{"l":"x","a":[{"r":1}],"p":{"a":null}}`))
	zw.Close()
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, b []byte) {
		if st := decode(b); st != nil && st.Label == "" {
			t.Error("a state without a label")
		}
	})
}
