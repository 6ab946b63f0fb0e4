package main

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/paykassma/checkout/entrylink"
)

func TestLink_PrintsALinkTheCheckoutAccepts(t *testing.T) {
	env := map[string]string{"MERCHANT_SIGNING_KEY": "a-merchant-key", "SERVER_ADDR": ":9123"}
	var out strings.Builder
	err := run(context.Background(), []string{"checkout", "link", "-config", "", "-label", "u42", "-currency", "INR", "-id", "order-7"},
		func(k string) string { return env[k] }, &out)
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(strings.TrimSpace(out.String()))
	if err != nil || u.Scheme+"://"+u.Host+u.Path != "http://localhost:9123/start" {
		t.Fatalf("printed %q", out.String())
	}
	l, err := entrylink.Verify("a-merchant-key", u.Query(), time.Now())
	if err != nil || l.Label != "u42" || l.CurrencyCode != "INR" || l.CustomTransactionID != "order-7" {
		t.Errorf("the link reads %+v, %v", l, err)
	}
}

func TestLink_RefusesWithoutASigningKeyOrWithAnOriginNotConfigured(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		args []string
		says string
	}{
		{"no key", nil, nil, "MERCHANT_SIGNING_KEY"},
		{"return URL not in return_origins", map[string]string{"MERCHANT_SIGNING_KEY": "k"}, []string{"-success", "https://shop.example/"}, "return_origins"},
		{"no currency", map[string]string{"MERCHANT_SIGNING_KEY": "k"}, []string{"-currency", ""}, "-currency"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"checkout", "link", "-config", "", "-label", "u42", "-currency", "INR"}, tc.args...)
			var out strings.Builder
			err := run(context.Background(), args, func(k string) string { return tc.env[k] }, &out)
			if err == nil || !strings.Contains(err.Error(), tc.says) || out.Len() != 0 {
				t.Errorf("err %v, out %q; want an error about %s", err, out.String(), tc.says)
			}
		})
	}
}
