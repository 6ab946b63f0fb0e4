package deposit

import (
	"strings"

	"github.com/paykassma/checkout/paykassma"
)

// Family is the kind of wallet a PS pays into: it decides the shape of the
// transaction ID, the guide's steps and, for redirect PSs, which
// payment/create flow the checkout knows.
type Family string

// Families.
const (
	UPI      Family = "upi"
	PhonePe  Family = "phonepe"
	PayTM    Family = "paytm"
	IMPS     Family = "imps"
	Bkash    Family = "bkash"
	Nagad    Family = "nagad"
	Manual   Family = "manual"
	BkashAPI Family = "bkash_api"
	NagadAPI Family = "nagad_api"
	Other    Family = "other"
)

// FamilyOf is the family of a wallet, from its type and is_manual.
func FamilyOf(w *paykassma.Wallet) Family {
	switch t := w.Type; {
	case w.IsManual:
		return Manual
	case t == "phone_pe":
		return PhonePe
	case strings.HasPrefix(t, "upi"):
		return UPI
	case t == "paytm", t == "imps", t == "bkash", t == "nagad":
		return Family(t)
	case strings.HasPrefix(t, "bkash"):
		return BkashAPI
	case strings.HasPrefix(t, "nagad"):
		return NagadAPI
	}
	return Other
}

// Flow is how a payment with a PS is made.
type Flow int

// Flows.
const (
	// P2P: the person pays a wallet identifier, then types the transaction
	// ID for transaction/activate.
	P2P Flow = iota
	// ManualP2P: as P2P, activated through possible-transaction (is_manual),
	// with the amount and, where the PS asks, a screenshot.
	ManualP2P
	// Redirect: payment/create, then the wallet's own page.
	Redirect
)

// Rules are the operator's word on what the API's PS list does not say
// (config [wallets]).
type Rules struct {
	AmountRequired func(walletType string) bool // the activation needs the amount
	Redirect       func(walletType string) bool // paid through payment/create
}

// Method is a PS as a deposit sees it: its wallet, and what its form asks.
type Method struct {
	Wallet          *paykassma.Wallet
	Family          Family
	Flow            Flow
	NeedsAmount     bool // the form asks for the amount
	NeedsScreenshot bool // the form asks for the payment's screenshot
}

// Describe is the Method of w.
func (r Rules) Describe(w *paykassma.Wallet) Method {
	m := Method{Wallet: w, Family: FamilyOf(w)}
	switch {
	case r.Redirect != nil && r.Redirect(w.Type):
		m.Flow, m.NeedsAmount = Redirect, true
	case w.IsManual:
		m.Flow, m.NeedsAmount, m.NeedsScreenshot = ManualP2P, true, w.UploadingPaymentBill
	default:
		m.NeedsAmount = r.AmountRequired != nil && r.AmountRequired(w.Type)
	}
	return m
}

// Payable reports whether the checkout can take a payment with m: not a
// redirect PS whose payment/create flow it does not know (the generic one
// gives no page to send anyone to).
func (m Method) Payable() bool {
	return m.Flow != Redirect || m.Family == BkashAPI || m.Family == NagadAPI
}

// Type is the PS's wallet type.
func (m Method) Type() string { return m.Wallet.Type }
