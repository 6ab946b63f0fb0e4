package apicache

import (
	"strings"
	"testing"

	"github.com/paykassma/checkout/paykassma"
)

// The deposit-info key is the request's fields and the depositor's
// payment count, each apart, and starts with the label for paid's drop.
func TestDepositInfoKey(t *testing.T) {
	c := &Cache{gen: map[string]generation{"u1": {n: 1234}}}
	req := paykassma.DepositInfoRequest{Label: "u1", WalletType: "paytm", Currency: "INR", Manual: true}
	if got, want := c.diKey(req), strings.Join([]string{"u1", "paytm", "INR", "true", "1234"}, "\x00"); got != want {
		t.Errorf("key %q, want %q", got, want)
	}
	seen := map[string]bool{c.diKey(req): true}
	for _, r := range []paykassma.DepositInfoRequest{
		{Label: "u2", WalletType: "paytm", Currency: "INR", Manual: true},
		{Label: "u1", WalletType: "upi_l", Currency: "INR", Manual: true},
		{Label: "u1", WalletType: "paytm", Currency: "BDT", Manual: true},
		{Label: "u1", WalletType: "paytm", Currency: "INR"},
		{Label: "u1\x00paytm", WalletType: "INR", Currency: "true", Manual: false},
	} {
		k := c.diKey(r)
		if seen[k] {
			t.Errorf("%+v shares a key: %q", r, k)
		}
		seen[k] = true
	}
}
