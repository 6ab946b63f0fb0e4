package deposit

import (
	"regexp"
	"strings"
)

// txIDRule is the transaction ID a family's activation takes.
type txIDRule struct {
	shape   *regexp.Regexp
	problem string // the i18n key of the field error when it does not fit
}

// txIDRules are the transaction IDs each family's activation takes, with
// where each rule comes from. A family without a rule that can be sourced
// keeps the API document's limits (otherRule) and gets help text instead.
var txIDRules = map[Family]txIDRule{
	// UPI's transaction reference is the UTR, the 12-digit RRN the payer's
	// app shows as "UPI Ref No." / "UTR" / "UPI transaction ID" (NPCI: RRN
	// n12; the API document's table: UPI P2P and PhonePe activate on it).
	UPI:     {regexp.MustCompile(`^[0-9]{12}$`), "err.key1.digits12"},
	PhonePe: {regexp.MustCompile(`^[0-9]{12}$`), "err.key1.digits12"},
	// An IMPS transfer's reference number is its 12-digit RRN (NPCI IMPS).
	IMPS: {regexp.MustCompile(`^[0-9]{12}$`), "err.key1.imps"},
	// bKash's TrxID: 10 letters and digits (bKash's app and SMS receipts).
	Bkash: {regexp.MustCompile(`^[A-Za-z0-9]{10}$`), "err.key1.bkash"},
}

// otherRule is the API's own limits on key1 as the sandbox enforces them:
// PayTM (paid by UPI or from the Paytm wallet), Nagad and unknown PSs.
var otherRule = txIDRule{regexp.MustCompile(`^[A-Za-z0-9]{6,30}$`), "err.key1.other"}

// mistakes are the IDs people paste instead of the one asked for, by the
// app that shows them, each with the field error that says what to look for.
// Their shapes come from what developers and users report (no app's help
// page states them); since they only choose the words for an ID that the
// rule refuses anyway, a wrong guess costs a less precise message, never a
// payment.
var mistakes = []struct {
	shape   *regexp.Regexp
	problem string
}{
	// Google Pay's own "Google transaction ID", shown beside the UPI one:
	// letters and digits, starting CIC.
	{regexp.MustCompile(`^CIC[A-Za-z0-9_-]{6,}$`), "err.key1.gpay"},
	// PhonePe's own "Transaction ID": T and about 20 digits.
	{regexp.MustCompile(`^T[0-9]{18,24}$`), "err.key1.phonepeid"},
}

// pastePrefixes are labels copied along with an ID from a receipt, with
// the colon, full stop or space after them ("UTR: ", "UPI Ref No. "). A
// label run into the ID ("UTR4123…") is left: it may be the ID's own.
var pastePrefixes = regexp.MustCompile(`(?i)^(utr|upi\s*ref(erence)?\.?\s*(no|number)?|ref(erence)?\.?\s*(no|number)?|rrn|trx\s*id|txn\s*id|transaction\s*id)(\s*[.:#-]\s*|\s+)`)

// NormalTxID is a transaction ID as pasted with what came along dropped:
// spaces, a receipt's label ("UTR:", "Ref No."), a trailing full stop.
func NormalTxID(typed string) string {
	s := strings.TrimSpace(typed)
	s = pastePrefixes.ReplaceAllString(s, "")
	s = strings.TrimRight(s, ".")
	return strings.Join(strings.Fields(s), "")
}

// txIDProblem is the problem with a transaction ID for family f, or "".
func txIDProblem(f Family, id string) string {
	if id == "" {
		return "err.key1.required"
	}
	rule, ok := txIDRules[f]
	if !ok {
		rule = otherRule
	}
	if rule.shape.MatchString(id) {
		return ""
	}
	for _, m := range mistakes {
		if m.shape.MatchString(id) {
			return m.problem
		}
	}
	return rule.problem
}
