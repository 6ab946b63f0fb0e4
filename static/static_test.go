package static

import (
	"compress/gzip"
	"io"
	"net/http/httptest"
	"testing"
)

func TestHandler_ServesGzipOnlyToBrowsersThatAcceptIt(t *testing.T) {
	tests := []struct {
		accept string
		gzip   bool
	}{
		{"gzip, deflate, br", true},
		{"br;q=1.0, gzip;q=0.8", true},
		{"", false},
		{"identity", false},
		{"gzip;q=0", false},
	}
	want := string(index["app.css"].data)
	for _, tc := range tests {
		req := httptest.NewRequest("GET", Path("app.css"), nil)
		req.Header.Set("Accept-Encoding", tc.accept)
		rec := httptest.NewRecorder()
		Handler().ServeHTTP(rec, req)
		gz := rec.Header().Get("Content-Encoding") == "gzip"
		if gz != tc.gzip || rec.Header().Get("Vary") != "Accept-Encoding" {
			t.Errorf("%q: gzip=%v Vary=%q", tc.accept, gz, rec.Header().Get("Vary"))
			continue
		}
		var body io.Reader = rec.Body
		if gz {
			zr, err := gzip.NewReader(rec.Body)
			if err != nil {
				t.Fatal(err)
			}
			body = zr
		}
		if b, _ := io.ReadAll(body); string(b) != want {
			t.Errorf("%q: the body is not app.css", tc.accept)
		}
		if rec.Header().Get("Content-Type") != "text/css; charset=utf-8" {
			t.Errorf("%q: Content-Type %q", tc.accept, rec.Header().Get("Content-Type"))
		}
	}
}
