package sandbox_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"path"
	"strings"
	"testing"

	"github.com/paykassma/checkout/paykassma/sandbox"
)

func TestControls_RefuseARequestWithoutTheSecretOrASameOriginMark(t *testing.T) {
	tests := []struct {
		name   string
		query  string
		header map[string]string
		want   int
	}{
		{"nothing", "", nil, http.StatusForbidden},
		{"another site", "", map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"}, http.StatusForbidden},
		{"the same site, another origin", "", map[string]string{"Sec-Fetch-Site": "same-site"}, http.StatusForbidden},
		{"a wrong secret", "&secret=guess", nil, http.StatusForbidden},
		{"the secret", "&secret=" + secret, nil, http.StatusOK},
		{"the same origin", "", map[string]string{"Sec-Fetch-Site": "same-origin"}, http.StatusOK},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sb := newSandbox()
			srv := httptest.NewServer(sb)
			defer srv.Close()
			req, _ := http.NewRequest("POST", srv.URL+"/_sandbox/fault?path=*&kind=html"+tc.query, nil)
			for k, v := range tc.header {
				req.Header.Set(k, v)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tc.want {
				t.Fatalf("fault: HTTP %d, want %d", resp.StatusCode, tc.want)
			}
			req, _ = http.NewRequest("POST", srv.URL+"/_sandbox/credit?custom_id=none"+tc.query, nil)
			for k, v := range tc.header {
				req.Header.Set(k, v)
			}
			if resp, err = http.DefaultClient.Do(req); err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if refused := resp.StatusCode == http.StatusForbidden; refused != (tc.want == http.StatusForbidden) {
				t.Errorf("credit: HTTP %d, want refused %v", resp.StatusCode, tc.want == http.StatusForbidden)
			}
		})
	}
}

func TestWallet_ReturnsOnlyToTheOriginItIsServedFrom(t *testing.T) {
	tests := []struct {
		pagesURL, success string
		home              bool
	}{
		{"", "https://evil.example/x", false},
		{"", "http://{host}/return/success?ref=a", true},
		{"https://pay.example/sandbox", "https://pay.example/return/success", true},
		{"https://pay.example/sandbox", "http://pay.example/return/success", false},
		{"https://pay.example/sandbox", "https://pay.example.evil.example/", false},
		{"https://pay.example/sandbox", "https://evil.example/?https://pay.example/", false},
	}
	for _, tc := range tests {
		sb := sandbox.New(sandbox.Options{Secret: secret, PagesURL: tc.pagesURL})
		srv := httptest.NewServer(sb)
		hc := srv.Client()
		hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		tg := target{name: "httptest", s: sb, base: srv.URL, http: hc}
		success := strings.ReplaceAll(tc.success, "{host}", strings.TrimPrefix(srv.URL, "http://"))
		body := bkashBody("ref-1")
		body["success_url"] = success
		a := tg.api(t, "/api/v1/payment/create/bkash_api", nil, body)
		if a.code != http.StatusOK {
			t.Fatalf("create: %d %s", a.code, a.body)
		}
		page, _ := url.Parse(str(t, a.body, "data", "bkashUrl"))
		back := tg.do(t, "POST", "/wallet/bkash/"+path.Base(page.Path),
			"application/x-www-form-urlencoded", []byte("action=pay"))
		if went := back.code == http.StatusSeeOther && back.header.Get("Location") == success; went != tc.home {
			t.Errorf("PagesURL %q, success_url %q: HTTP %d to %q; want returned %v", tc.pagesURL, success, back.code, back.header.Get("Location"), tc.home)
		}
		if !tc.home && sb.Activations("ref-1") != 0 {
			t.Errorf("success_url %q: refused, yet paid", success)
		}
		srv.Close()
	}
}
