package paykassma

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// hostileURLs are addresses a page must never link, load or redirect to.
var hostileURLs = []string{
	"javascript:alert(1)//x.mp4",
	"JavaScript:alert(1)",
	" javascript:alert(1)",
	"data:text/html,<script>alert(1)</script>",
	"vbscript:msgbox(1)",
	"intent://pay#Intent;end",
	"//evil.example/x.gif",
	`/\evil.example/x.gif`,
	`https:\\evil.example/x.gif`,
	"https:///x.gif",
	"x.gif",
	"ftp://files.example/x.gif",
}

// webURLs are kept as they came: absolute http(s), or a path on the
// checkout's own origin (the embedded sandbox names its files that way).
var webURLs = []string{
	"https://cdn.example/hint/upi.mp4",
	"http://cdn.example/logo/paytm.svg?v=2",
	"/sandbox/sandbox-assets/hint/upi.gif",
}

func TestDecode_DropsLogosAndMediahintsThatAreNotWebURLs(t *testing.T) {
	all := append(append([]string{}, hostileURLs...), webURLs...)
	var wallets, hints []string
	for i, u := range all {
		q := fmt.Sprintf("%q", u)
		wallets = append(wallets, fmt.Sprintf(`{"type":"w%d","currency_code":"INR","logo":%s,"name":"W%d"}`, i, q, i))
		hints = append(hints, fmt.Sprintf(`"w%d":{"id":%d,"url":%s}`, i, i, q))
	}
	c := newClient(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if strings.HasPrefix(r.URL.Path, "/wallet-type/") {
			fmt.Fprintf(w, `{"status":"ok","data":{%s}}`, strings.Join(hints, ","))
			return
		}
		fmt.Fprintf(w, `{"status":"ok","params":{"currency_data":[],"wallets":[%s]}}`, strings.Join(wallets, ","))
	})
	ps, err := c.PaymentSystems(t.Context(), PaymentSystemsRequest{CurrencyCodes: []string{"INR"}, Label: "55"})
	if err != nil {
		t.Fatal(err)
	}
	mh, err := c.Mediahints(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(ps.Wallets) != len(all) {
		t.Fatalf("%d wallets, want all %d kept (only the logo goes)", len(ps.Wallets), len(all))
	}
	for i, u := range all {
		want := ""
		if i >= len(hostileURLs) {
			want = u
		}
		if got := ps.Wallets[i].Logo; got != want {
			t.Errorf("logo %q decoded as %q, want %q", u, got, want)
		}
		h, ok := mh[fmt.Sprintf("w%d", i)]
		if ok != (want != "") || h.URL != want {
			t.Errorf("mediahint %q decoded as %q (kept %v), want %q", u, h.URL, ok, want)
		}
	}
}

func TestDecode_RefusesAWalletPageThatIsNotAWebURL(t *testing.T) {
	for _, u := range hostileURLs {
		for _, ep := range []struct {
			e    endpoint
			body string
		}{
			{endpoints[6], `{"status":"ok","data":{"orderId":"o","bkashUrl":%q}}`},
			{endpoints[7], `{"status":"ok","payment_url":%q}`},
		} {
			c := newClient(t, respond(200, "application/json", fmt.Sprintf(ep.body, u)))
			if _, err := ep.e.call(t.Context(), c); !errors.Is(err, ErrUnavailable) {
				t.Errorf("%s sending the person to %q: err = %v, want ErrUnavailable", ep.e.name, u, err)
			}
		}
	}
	for _, u := range webURLs {
		c := newClient(t, respond(200, "application/json", fmt.Sprintf(`{"status":"ok","payment_url":%q}`, u)))
		if rp, err := c.CreateNagadPayment(t.Context(), NagadPaymentRequest{}); err != nil || rp.URL != u {
			t.Errorf("payment_url %q: %v, %v", u, rp, err)
		}
	}
}
