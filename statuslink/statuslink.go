// Package statuslink makes and reads the read-only link to one payment's
// status: it carries only what a page needs to ask Paykassma about it
// (reference, label, currency, wallet type, when it was made), never a
// transaction ID nor the depositor's state, and is signed so nobody can
// point it at another depositor's payment.
package statuslink

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"time"
)

// Lifetime is how long a link shows its payment.
const Lifetime = 30 * 24 * time.Hour

// Payment is what a link names.
type Payment struct {
	Ref        string `json:"r"`
	Label      string `json:"l"`
	Currency   string `json:"c"`
	WalletType string `json:"w"`
	Made       int64  `json:"t"` // unix seconds: when the attempt was made
}

// Errors a reader tells apart.
var (
	ErrInvalid = errors.New("statuslink: not a link the checkout made")
	ErrExpired = errors.New("statuslink: expired")
)

// Signer makes and reads links with one key.
type Signer struct{ key []byte }

// New derives the links' key from the session hash key, so every instance
// sharing it reads the others' links, and a link is no session token.
func New(hashKey []byte) *Signer {
	m := hmac.New(sha256.New, hashKey)
	m.Write([]byte("paykassma checkout status link key"))
	return &Signer{key: m.Sum(nil)}
}

var enc = base64.RawURLEncoding

// Token is the link's last path segment for p.
func (s *Signer) Token(p Payment) string {
	b, _ := json.Marshal(p) // plain strings and a number: never fails
	body := enc.EncodeToString(b)
	return body + "." + enc.EncodeToString(s.mac(body))
}

// Read checks a token and gives its payment; ErrExpired after Lifetime
// from when the payment was made.
func (s *Signer) Read(token string, now time.Time) (Payment, error) {
	body, sig, ok := strings.Cut(token, ".")
	if !ok || len(token) > 1024 {
		return Payment{}, ErrInvalid
	}
	got, err := enc.DecodeString(sig)
	if err != nil || !hmac.Equal(got, s.mac(body)) {
		return Payment{}, ErrInvalid
	}
	b, err := enc.DecodeString(body)
	if err != nil {
		return Payment{}, ErrInvalid
	}
	var p Payment
	if err := json.Unmarshal(b, &p); err != nil || p.Ref == "" || p.Label == "" {
		return Payment{}, ErrInvalid
	}
	if now.After(time.Unix(p.Made, 0).Add(Lifetime)) {
		return p, ErrExpired
	}
	return p, nil
}

func (s *Signer) mac(body string) []byte {
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte(body))
	return m.Sum(nil)
}
