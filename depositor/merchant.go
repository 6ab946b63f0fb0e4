package depositor

import (
	"crypto/rand"
	"encoding/base32"
)

// Merchant is what the merchant's signed entry link asked of this visit.
// It travels with the state, so it is as trustworthy as the link was.
type Merchant struct {
	WalletType  string `json:"w,omitempty"` // the only PS offered
	FixedAmount string `json:"a,omitempty"` // e.g. "500.00"
	// TxPrefix is the merchant's custom_transaction_id: every attempt's
	// reference starts with it (deposit.Reference). States written before
	// also hold "n", a counter then; it is ignored.
	TxPrefix   string `json:"x,omitempty"`
	SuccessURL string `json:"s,omitempty"`
	FailURL    string `json:"f,omitempty"`
	PendingURL string `json:"p,omitempty"`
	// Origin is the page framing the checkout: the only one its events go to.
	Origin string `json:"o,omitempty"`
}

// NewVisitID names a visit: 80 random bits.
func NewVisitID() string {
	b := make([]byte, 10)
	rand.Read(b) // never fails (Go 1.24+)
	return base32.StdEncoding.EncodeToString(b)
}

// WalletLocked is the PS the merchant's link opened directly; "" when the
// person may choose.
func (s *State) WalletLocked() string {
	if s.Merchant == nil {
		return ""
	}
	return s.Merchant.WalletType
}

// FixedAmount is the amount the merchant's link fixed, e.g. "500.00"; ""
// when the person chooses.
func (s *State) FixedAmount() string {
	if s.Merchant == nil {
		return ""
	}
	return s.Merchant.FixedAmount
}

// ParentOrigin is the origin of the merchant's page framing the checkout,
// from the signed link; "" when none was given.
func (s *State) ParentOrigin() string {
	if s.Merchant == nil {
		return ""
	}
	return s.Merchant.Origin
}
