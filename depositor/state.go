// Package depositor holds what the checkout remembers of one depositor
// between requests: who they are, the P2P payments created for them and their
// recent attempts. It lives only in the browser (a cookie or a form field),
// signed and encrypted, so any instance that shares the keys can serve them.
package depositor

import (
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
	Closed     Outcome = "closed"     // the depositor says they closed the wallet's page without paying
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
	// Start is when the visit began, unix seconds: it lasts the codec's
	// lifetime from then, however often it is saved (Codec.Load). States
	// written before it was recorded start when first seen.
	Start int64 `json:"b,omitempty"`
	// Merchant is what a signed entry link asked for; nil in demo mode.
	Merchant *Merchant `json:"m,omitempty"`

	seen *seen // what the session cookie held, when loaded from it (codec.go)
}

// Payment is the P2P identifier transaction/create gave for one wallet type.
// (States written before references were derived per form also hold "r",
// the next reference then; it is ignored.)
type Payment struct {
	Identifier string `json:"i,omitempty"`
	Created    int64  `json:"t,omitempty"` // unix seconds
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
	Ref        string `json:"r"`
	WalletType string `json:"w"`
	TxID       string `json:"k,omitempty"` // the transaction ID typed (the API's key1), for P2P
	Amount     string `json:"m,omitempty"` // as sent, e.g. "500.00"; empty when not asked
	// Stated is what the person said they sent where the PS's activation
	// takes no amount (PayTM, IMPS, bKash, Nagad), e.g. "500.00": their
	// word, shown as such, never as what Paykassma received. Empty when
	// they said nothing (and in states written before it was asked).
	Stated  string  `json:"y,omitempty"`
	Outcome Outcome `json:"o"`
	At      int64   `json:"t"`           // unix seconds
	Detail  string  `json:"d,omitempty"` // Paykassma's own words for a failure
	// Saved is the depositor's savings with the PS just before the attempt
	// was sent: a deposit below the minimum has no postback, so savings that
	// grew since are how a timed-out attempt is known to have gone through.
	Saved string `json:"s,omitempty"`
	// Shot is the fingerprint of the payment's screenshot read or sent for
	// it (deposit.ShotOf), when there was one: the same picture sent again
	// for another attempt is pointed out even where no ID could be read
	// from it. Never the picture.
	Shot string `json:"h,omitempty"`
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

// Same reports whether s and o hold the same: every field their JSON
// holds. It replaced comparing the two as JSON, which was a twentieth of a
// pay page (BENCHMARKS.md, issue 17 round 3);
// TestSame_EveryFieldCounts changes each field in turn, so a field added
// and forgotten here fails it.
func (s *State) Same(o *State) bool {
	if s.Label != o.Label || s.Currency != o.Currency || s.Lang != o.Lang || s.ID != o.ID || s.Start != o.Start ||
		!slices.Equal(s.Attempts, o.Attempts) || len(s.Payments) != len(o.Payments) {
		return false
	}
	for k, p := range s.Payments {
		q, ok := o.Payments[k]
		if !ok || (p == nil) != (q == nil) || p != nil && *p != *q {
			return false
		}
	}
	return (s.Merchant == nil) == (o.Merchant == nil) && (s.Merchant == nil || *s.Merchant == *o.Merchant)
}

// unchanged reports whether s is still what its cookie holds.
func (s *State) unchanged() bool {
	return s.seen != nil && s.seen.orig != nil && s.Same(s.seen.orig)
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

// Begin records a sent attempt as pending: sent, no answer yet. Recorded
// (and saved) before the call, so a retry after a lost answer knows it.
func (s *State) Begin(a Attempt) {
	a.Outcome = Pending
	s.Record(a)
}

// Settle records what became of the attempt ref at the time at, with
// Paykassma's words for a failure. It reports whether the recorded outcome
// changed: a reload that learns nothing new changes nothing.
func (s *State) Settle(ref string, o Outcome, detail string, at time.Time) bool {
	a := s.Attempt(ref)
	if a == nil || (a.Outcome == o && a.Detail == detail) {
		return false
	}
	changed := a.Outcome != o
	a.Outcome, a.Detail, a.At = o, detail, at.Unix()
	return changed
}

// Abandon forgets an attempt that Paykassma refused before anything
// happened (wrong fields, wrong secret): nothing is on its way under it.
func (s *State) Abandon(ref string) { s.Forget(ref) }

// PendingWith is the newest pending attempt with walletType under the
// transaction ID txID, or nil: a payment sent whose answer never came.
func (s *State) PendingWith(walletType, txID string) *Attempt {
	for i := range s.Attempts {
		a := &s.Attempts[i]
		if a.Outcome == Pending && a.WalletType == walletType && a.TxID == txID {
			return a
		}
	}
	return nil
}
