package deposit

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"regexp"
)

// MaxPrefix is the longest merchant custom_transaction_id a reference can
// start with: the API's 64 characters less a dash and the 12 that keep
// references apart.
const MaxPrefix = 64 - 1 - uniqueLen

// uniqueLen base32 characters (60 bits) follow a merchant's prefix.
const uniqueLen = 12

// NewNonce names one rendering of a payment form: 130 random bits, in
// base32 so it reads back from a form or a URL unchanged.
func NewNonce() string {
	b := make([]byte, 16)
	rand.Read(b) // never fails (Go 1.24+)
	return base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b)
}

// Reference is the custom transaction ID of the payment a form sends: the
// merchant's prefix (if any) and a digest of the form's nonce and what was
// typed that tells one payment from another (the transaction ID; for a
// redirect PS the amount and account). The same form sent again with the
// same values is the same payment under the same reference, which
// Paykassma refuses to take twice; anything else gets another one, with no
// counter to keep, so stale copies of the state, tabs, visits and instances
// never hand out one reference twice.
func Reference(prefix, nonce, typed string) string {
	sum := sha256.Sum256([]byte(nonce + "\x00" + typed))
	enc := base32.StdEncoding.EncodeToString(sum[:])
	if prefix == "" {
		return "PK" + enc[:20]
	}
	return prefix + "-" + enc[:uniqueLen]
}

// refPattern matches the references made now and those of states written
// before (PK and 20 random characters, or prefix-N).
var refPattern = regexp.MustCompile(`^PK[A-Z2-7]{20}$|^[A-Za-z0-9._:-]{1,51}-[A-Z2-7]{12}$|^[A-Za-z0-9._:-]{1,56}-[1-9][0-9]{0,6}$`)

// ValidRef reports whether s has the shape of a reference the checkout makes.
func ValidRef(s string) bool { return len(s) <= 64 && refPattern.MatchString(s) }

// noncePattern: a nonce, or a reference that a form rendered before nonces
// carried in its place (see PayP2P).
var noncePattern = regexp.MustCompile(`^[A-Za-z0-9._:-]{1,64}$`)

// ValidNonce reports whether s can be a form's nonce.
func ValidNonce(s string) bool { return noncePattern.MatchString(s) }
