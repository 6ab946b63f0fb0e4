package deposit

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"

	"github.com/paykassma/checkout/paykassma"
)

// Typed is what a person typed into a payment form, as read from it.
type Typed struct {
	Nonce   string // the form's nonce (hidden)
	TxID    string // key1 in the API
	Amount  string
	Account string // the bKash account, for bKash API
	Shot    string // the fingerprint of the screenshot read for this form (ShotOf), hidden
}

// Submission is a form that passed Check: what is sent to Paykassma.
type Submission struct {
	Nonce     string
	TxID      string
	Amount    paykassma.Amount
	HasAmount bool
	// Stated is the amount the person says they sent where the PS's
	// activation takes none: recorded with the attempt, not sent.
	Stated     paykassma.Amount
	HasStated  bool
	Account    string
	Screenshot *paykassma.File // read and checked by the caller
	Shot       string          // the screenshot's fingerprint, kept with the attempt
}

// Problems are what to fix before anything is sent: an i18n key by form
// field ("key1", "amount", "account", "screenshot").
type Problems map[string]string

// Add keeps the first problem of a field.
func (p Problems) Add(field, key string) {
	if _, ok := p[field]; !ok {
		p[field] = key
	}
}

var bkashAccount = regexp.MustCompile(`^01[0-9]{9}$`)

// shotShape is what ShotOf gives.
var shotShape = regexp.MustCompile(`^[0-9a-f]{16}$`)

// ShotOf is a screenshot's fingerprint: the first 64 bits of the SHA-256 of
// its bytes as they reached us (the browser shrinks a picture the same way
// each time). Only the same file matches: receipts of one app look alike,
// so nothing that matches similar pictures would do.
func ShotOf(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:8])
}

// Check reads the typed values the PS's form asks for; problems is empty
// when the submission may be sent.
func (m Method) Check(t Typed) (Submission, Problems) {
	s := Submission{Nonce: t.Nonce}
	if shotShape.MatchString(t.Shot) { // only ever compared, never shown: anything else is dropped
		s.Shot = t.Shot
	}
	if m.Flow != Redirect {
		s.TxID = NormalTxID(t.TxID)
	}
	p := Problems{}
	if m.Flow != Redirect {
		if problem := txIDProblem(m.Family, s.TxID); problem != "" {
			p.Add("key1", problem)
		}
	}
	if m.NeedsAmount {
		a, problem := ParseAmount(t.Amount)
		if problem != "" {
			p.Add("amount", problem)
		} else {
			s.Amount, s.HasAmount = a, true
		}
	} else if trimSpace(t.Amount) != "" { // optional: what the person says they sent
		a, problem := ParseAmount(t.Amount)
		if problem != "" {
			p.Add("amount", problem)
		} else {
			s.Stated, s.HasStated = a, true
		}
	}
	if m.Family == BkashAPI && m.Flow == Redirect {
		switch {
		case t.Account == "":
			p.Add("account", "err.account.required")
		case !bkashAccount.MatchString(t.Account):
			p.Add("account", "err.account.format")
		default:
			s.Account = t.Account
		}
	}
	return s, p
}
