package deposit_test

import (
	"strings"
	"testing"

	"github.com/paykassma/checkout/deposit"
)

func TestReference_OneFormAndOneTransactionIDIsOneReference(t *testing.T) {
	a := deposit.Reference("ORD7", "N1", "20512345678")
	if again := deposit.Reference("ORD7", "N1", "20512345678"); again != a {
		t.Errorf("the same form and ID gave %s then %s", a, again)
	}
	seen := map[string]bool{a: true}
	for _, r := range []string{
		deposit.Reference("ORD7", "N1", "20512345679"), // another transaction ID
		deposit.Reference("ORD7", "N2", "20512345678"), // another form
		deposit.Reference("ORD8", "N1", "20512345678"), // another merchant order
	} {
		if seen[r] {
			t.Errorf("%s given twice", r)
		}
		seen[r] = true
	}
	if !strings.HasPrefix(a, "ORD7-") || !deposit.ValidRef(a) {
		t.Errorf("%s: want ORD7-… and valid", a)
	}
	if plain := deposit.Reference("", deposit.NewNonce(), "x"); !strings.HasPrefix(plain, "PK") || len(plain) != 22 || !deposit.ValidRef(plain) {
		t.Errorf("without a prefix: %s", plain)
	}
}

func TestReference_TheLongestPrefixFitsTheAPIs64Characters(t *testing.T) {
	r := deposit.Reference(strings.Repeat("x", deposit.MaxPrefix), deposit.NewNonce(), "20512345678")
	if len(r) != 64 || !deposit.ValidRef(r) {
		t.Errorf("%d characters, valid %v: %s", len(r), deposit.ValidRef(r), r)
	}
	if deposit.MaxPrefix != 51 {
		t.Errorf("MaxPrefix %d: 64 less a dash and 12 unique characters is 51", deposit.MaxPrefix)
	}
}

func TestValidRef_TakesTodaysAndEarlierShapesOnly(t *testing.T) {
	for _, ok := range []string{"PKABCDEFGHIJKLMNOPQRST", "order-7-1", "order-7-ABCDEFGHIJ23", strings.Repeat("x", 56) + "-9999999"} {
		if !deposit.ValidRef(ok) {
			t.Errorf("ValidRef(%q) = false", ok)
		}
	}
	for _, bad := range []string{"", "PK", "pk" + strings.Repeat("A", 20), "PK" + strings.Repeat("A", 21), "PK<script>AAAAAAAAAAAAAAA", "x-0", "a b-1", strings.Repeat("x", 57) + "-1"} {
		if deposit.ValidRef(bad) {
			t.Errorf("ValidRef(%q) = true", bad)
		}
	}
}

func TestNewNonce_IsUniqueAndReadsBackFromAForm(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		n := deposit.NewNonce()
		if seen[n] || !deposit.ValidNonce(n) {
			t.Fatalf("nonce %q repeated or invalid", n)
		}
		seen[n] = true
	}
	for _, bad := range []string{"", "a b", "<x>", strings.Repeat("a", 65)} {
		if deposit.ValidNonce(bad) {
			t.Errorf("ValidNonce(%q) = true", bad)
		}
	}
}
