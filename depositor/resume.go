package depositor

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// ResumeField is the link parameter of a resume token: what the return
// URLs given to a wallet (bKash, Nagad) carry instead of the state, for a
// browser that brings no cookie of this visit back.
const ResumeField = "rt"

// ResumeLifetime is how long a resume token works: the wallet's page sends
// the person back within minutes.
const ResumeLifetime = 2 * time.Hour

// resumeToken is what a resume token holds: the visit with its one
// attempt and nothing else, and when it expires.
type resumeToken struct {
	State   *State `json:"s"`
	Expires int64  `json:"e"` // unix seconds
}

// ResumeToken is a token that resumes only the attempt ref of st, until
// expires: who the depositor is, the merchant's link, and that one attempt;
// none of the state's other attempts or payments. It is signed and
// encrypted like the state, under another name, so neither passes for the
// other.
func (c *Codec) ResumeToken(st *State, ref string, expires time.Time) (string, error) {
	a := st.Attempt(ref)
	if a == nil {
		return "", fmt.Errorf("resume token: no attempt %s", ref)
	}
	one := &State{Label: st.Label, Currency: st.Currency, Lang: st.Lang, ID: st.ID, Attempts: []Attempt{*a}}
	if st.Merchant != nil {
		m := *st.Merchant
		one.Merchant = &m
	}
	b, err := json.Marshal(resumeToken{State: one, Expires: expires.Unix()})
	if err != nil {
		return "", fmt.Errorf("resume token: %w", err)
	}
	tok, err := c.sc.Encode(ResumeField, b)
	if err != nil {
		return "", fmt.Errorf("resume token: %w", err)
	}
	return tok, nil
}

// ErrResumeExpired is Resume's answer to a token past its expiry.
var ErrResumeExpired = errors.New("resume token: expired")

// Resume reads a resume token at now: a state holding its one attempt.
func (c *Codec) Resume(tok string, now time.Time) (*State, error) {
	var b []byte
	if err := c.sc.Decode(ResumeField, tok, &b); err != nil {
		return nil, fmt.Errorf("resume token: %w", err)
	}
	var rt resumeToken
	if err := json.NewDecoder(bytes.NewReader(b)).Decode(&rt); err != nil || rt.State == nil || rt.State.Label == "" || len(rt.State.Attempts) != 1 {
		return nil, errors.New("resume token: not one")
	}
	if now.Unix() >= rt.Expires {
		return nil, ErrResumeExpired
	}
	return rt.State, nil
}
