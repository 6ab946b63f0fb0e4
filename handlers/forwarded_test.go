package handlers_test

import (
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/paykassma/checkout/config"
	"github.com/paykassma/checkout/server"
)

// TestScheme_ForwardedHeadersAreBelievedOnlyFromTrustedProxies: a client on
// the loopback or a private network is not a proxy unless the config says
// so; believing its X-Forwarded-Proto would flip the session cookie to
// Secure; Partitioned (which plain http then drops) and send HSTS.
func TestScheme_ForwardedHeadersAreBelievedOnlyFromTrustedProxies(t *testing.T) {
	tests := []struct {
		name, trusted, header, value string
		https                        bool
	}{
		{"X-Forwarded-Proto, no trusted proxy", "", "X-Forwarded-Proto", "https", false},
		{"Forwarded, no trusted proxy", "", "Forwarded", "for=192.0.2.1;proto=https", false},
		{"X-Forwarded-Proto from a trusted proxy", "127.0.0.0/8", "X-Forwarded-Proto", "https", true},
		{"Forwarded from a trusted proxy", "127.0.0.0/8", "Forwarded", "for=192.0.2.1;proto=https", true},
		{"X-Forwarded-Proto, another proxy trusted", "10.0.0.0/8", "X-Forwarded-Proto", "https", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, options{})
			if tc.trusted != "" {
				_, n, err := net.ParseCIDR(tc.trusted)
				if err != nil {
					t.Fatal(err)
				}
				e.cfg.Limits.TrustedProxies = []*net.IPNet{n}
			}
			req, _ := http.NewRequest("GET", e.srv.URL+"/?label=u42&currency_code=INR", nil)
			req.Header.Set(tc.header, tc.value)
			p := e.do(e.srv.URL, req).mustStatus(http.StatusOK)
			cookie := p.header.Get("Set-Cookie")
			if cookie == "" {
				t.Fatal("no session cookie")
			}
			secure := strings.Contains(cookie, "Secure") && strings.Contains(cookie, "Partitioned")
			hsts := p.header.Get("Strict-Transport-Security") != ""
			if secure != tc.https || hsts != tc.https {
				t.Errorf("cookie %q, HSTS %v; want https=%v", cookie, hsts, tc.https)
			}
		})
	}
}

// trustLoopback makes the loopback a trusted proxy, for tests that play one.
func trustLoopback(cfg *config.Config) {
	_, n, _ := net.ParseCIDR("127.0.0.0/8")
	cfg.Limits.TrustedProxies = append(cfg.Limits.TrustedProxies, n)
}

// TestLog_RequestLineNamesTheClientBehindATrustedProxy: the request log
// carries the client's address, the one the per-IP limits count: behind a
// trusted proxy the forwarded one, never the proxy's; from anyone else the
// header is ignored.
func TestLog_RequestLineNamesTheClientBehindATrustedProxy(t *testing.T) {
	for _, trusted := range []bool{true, false} {
		cfg := testConfig()
		if trusted {
			trustLoopback(cfg)
		}
		var logs syncBuffer
		h, err := server.New(cfg, server.Options{Logger: slog.New(slog.NewTextHandler(&logs, nil))})
		if err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(h)
		req, _ := http.NewRequest("GET", srv.URL+"/healthz", nil)
		req.Header.Set("X-Forwarded-For", "203.0.113.7")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		srv.Close()
		want := "client=127.0.0.1"
		if trusted {
			want = "client=203.0.113.7"
		}
		if !strings.Contains(logs.String(), want) {
			t.Errorf("trusted proxy %v: the request line lacks %s\n%s", trusted, want, logs.String())
		}
	}
}
