// Package depositor holds what the checkout remembers of one depositor
// between requests: who they are, the P2P payments created for them and their
// recent attempts. It lives only in the browser (a cookie or a form field),
// signed and encrypted, so any instance that shares the keys can serve them.
package depositor

import (
	"crypto/rand"
	"encoding/base32"
	"regexp"
	"slices"
	"time"
)

// MaxAttempts caps the attempts kept: enough for "what became of my
// payment", small enough for a cookie.
const MaxAttempts = 10

// Outcome is what became of an attempt, as far as the checkout knows.
type Outcome string

// Outcomes. Pending and Redirected may still change; the rest are final.
const (
	Pending    Outcome = "pending"    // sent; no answer yet (an upstream fault)
	Redirected Outcome = "redirected" // sent to the wallet's page; not back yet
	Done       Outcome = "done"       // activated: credited or added to savings
	Possible   Outcome = "possible"   // not found yet; Paykassma keeps checking
	Suspicious Outcome = "suspicious" // HTTP 400: being checked by hand
	Failed     Outcome = "failed"     // refused with a message
	Submitted  Outcome = "submitted"  // the reference was already used: sent before
	Paid       Outcome = "paid"       // the wallet said success
	WalletFail Outcome = "wfail"      // the wallet said the payment failed
	Cancelled  Outcome = "cancel"     // the depositor cancelled in the wallet
)

// Final reports whether the outcome is settled, so the next attempt needs a
// new reference.
func (o Outcome) Final() bool { return o != Pending && o != Redirected && o != "" }

// State is the depositor's state. Field names are short in JSON because the
// whole value travels in a cookie or a URL.
type State struct {
	Label    string              `json:"l"`
	Currency string              `json:"c"`
	Lang     string              `json:"g,omitempty"`
	Payments map[string]*Payment `json:"p,omitempty"` // by wallet type
	Attempts []Attempt           `json:"a,omitempty"` // newest first
	// ID names this visit, so a form's state and an older cookie from
	// another visit are told apart (see Codec.Load).
	ID string `json:"v,omitempty"`
	// Merchant is what a signed entry link asked for; nil in demo mode.
	Merchant *Merchant `json:"m,omitempty"`

	seen *seen // what the session cookie held, when loaded from it (codec.go)
}

// Payment is a payment prepared for one wallet type: the P2P identifier
// transaction/create gave (empty for redirect PSs) and the reference minted
// for the next attempt with it.
type Payment struct {
	Identifier string `json:"i,omitempty"`
	Created    int64  `json:"t,omitempty"` // unix seconds
	Ref        string `json:"r"`
}

// CreatedAt is when the identifier was created.
func (p *Payment) CreatedAt() time.Time { return time.Unix(p.Created, 0) }

// Expired reports whether the identifier is older than ttl at now, or absent.
func (p *Payment) Expired(now time.Time, ttl time.Duration) bool {
	return p.Identifier == "" || !now.Before(p.CreatedAt().Add(ttl))
}

// Attempt is one try to pay: its reference (the custom transaction id sent
// to Paykassma), what was sent and what became of it.
type Attempt struct {
	Ref        string  `json:"r"`
	WalletType string  `json:"w"`
	Key1       string  `json:"k,omitempty"` // the transaction ID typed, for P2P
	Amount     string  `json:"m,omitempty"` // as sent, e.g. "500.00"; empty when not asked
	Outcome    Outcome `json:"o"`
	At         int64   `json:"t"`           // unix seconds
	Detail     string  `json:"d,omitempty"` // Paykassma's own words for a failure
	// Saved is the depositor's savings with the PS just before the attempt
	// was sent: a deposit below the minimum has no postback, so savings that
	// grew since are how a timed-out attempt is known to have gone through.
	Saved string `json:"s,omitempty"`
}

// Time is when the attempt was made or last changed.
func (a *Attempt) Time() time.Time { return time.Unix(a.At, 0) }

// New starts the state of a depositor.
func New(label, currency, lang string) *State {
	return &State{Label: label, Currency: currency, Lang: lang}
}

// Clone is a copy of s that shares nothing a change could reach.
func (s *State) Clone() *State {
	c := *s
	if s.Payments != nil {
		c.Payments = make(map[string]*Payment, len(s.Payments))
		for k, p := range s.Payments {
			pc := *p
			c.Payments[k] = &pc
		}
	}
	c.Attempts = slices.Clone(s.Attempts)
	if s.Merchant != nil {
		m := *s.Merchant
		c.Merchant = &m
	}
	return &c
}

// Payment gives the payment prepared for walletType, or nil.
func (s *State) Payment(walletType string) *Payment {
	return s.Payments[walletType]
}

// SetPayment keeps p as the payment for walletType.
func (s *State) SetPayment(walletType string, p *Payment) {
	if s.Payments == nil {
		s.Payments = map[string]*Payment{}
	}
	s.Payments[walletType] = p
}

// Attempt gives the attempt with reference ref, or nil.
func (s *State) Attempt(ref string) *Attempt {
	for i := range s.Attempts {
		if s.Attempts[i].Ref == ref {
			return &s.Attempts[i]
		}
	}
	return nil
}

// Record puts a at the front of the attempts, replacing one with the same
// reference, and drops the oldest beyond MaxAttempts.
func (s *State) Record(a Attempt) {
	s.Forget(a.Ref)
	s.Attempts = append([]Attempt{a}, s.Attempts...)
	if len(s.Attempts) > MaxAttempts {
		s.Attempts = s.Attempts[:MaxAttempts]
	}
}

// Forget drops the attempt with reference ref, if any.
func (s *State) Forget(ref string) {
	for i := range s.Attempts {
		if s.Attempts[i].Ref == ref {
			s.Attempts = append(s.Attempts[:i], s.Attempts[i+1:]...)
			return
		}
	}
}

var refPattern = regexp.MustCompile(`^PK[A-Z2-7]{20}$|^[A-Za-z0-9._:-]{1,56}-[1-9][0-9]{0,6}$`)

// NewRef mints a reference: "PK" and 20 base32 characters (100 random
// bits), short enough to read to support and within the API's 64.
func NewRef() string {
	b := make([]byte, 13)
	rand.Read(b) // never fails (crypto/rand since Go 1.24)
	return "PK" + base32.StdEncoding.EncodeToString(b)[:20]
}

// ValidRef reports whether s has the shape NewRef or State.NewRef gives.
func ValidRef(s string) bool { return refPattern.MatchString(s) }
