package deposit

import (
	"testing"

	"github.com/paykassma/checkout/i18n"
)

func TestNormalTxID_DropsWhatComesAlongWithAPaste(t *testing.T) {
	tests := map[string]string{
		"412345678901":                "412345678901",
		" 4123 4567 8901 ":            "412345678901",
		"UTR: 412345678901":           "412345678901",
		"utr 412345678901.":           "412345678901",
		"UPI Ref No. 412345678901":    "412345678901",
		"UPI Ref. No: 412345678901":   "412345678901",
		"Ref No.412345678901":         "412345678901",
		"RRN - 412345678901":          "412345678901",
		"TrxID 9GH4K2LM7P":            "9GH4K2LM7P",
		"Transaction ID: 9GH4K2LM7P.": "9GH4K2LM7P",
		"UTR12345678":                 "UTR12345678", // a label run into the ID may be the ID's own
		"412345678901..":              "412345678901",
	}
	for typed, want := range tests {
		if got := NormalTxID(typed); got != want {
			t.Errorf("NormalTxID(%q) = %q, want %q", typed, got, want)
		}
	}
}

func TestTxIDProblem_EachPSTakesItsOwnShapeAndNamesTheIDPeopleMistakeForIt(t *testing.T) {
	tests := []struct {
		family Family
		id     string
		want   string
	}{
		{UPI, "412345678901", ""},
		{UPI, "41234567890", "err.key1.digits12"},
		{UPI, "CICAgMC2qrWXLA", "err.key1.gpay"},               // Google Pay's own ID
		{UPI, "T2503151200123456789012", "err.key1.phonepeid"}, // PhonePe's own ID
		{PhonePe, "T2503151200123456789012", "err.key1.phonepeid"},
		{PhonePe, "412345678901", ""},
		{IMPS, "412345678901", ""},
		{IMPS, "20512345678", "err.key1.imps"},
		{Bkash, "9GH4K2LM7P", ""},
		{Bkash, "9GH4K2LM", "err.key1.bkash"},
		{PayTM, "20512345678", ""},    // PayTM: the API's limits
		{PayTM, "CICAgMC2qrWXLA", ""}, // within them, whatever it is
		{PayTM, "12345", "err.key1.other"},
		{Nagad, "7XK2M9PQ", ""},
		{Manual, "UTR12345678", ""},
		{UPI, "", "err.key1.required"},
	}
	for _, tc := range tests {
		if got := txIDProblem(tc.family, tc.id); got != tc.want {
			t.Errorf("%s %q: %q, want %q", tc.family, tc.id, got, tc.want)
		}
	}
}

func TestTxIDProblems_EveryKeyHasText(t *testing.T) {
	keys := []string{otherRule.problem, "err.key1.required", "err.key1.reused"}
	for _, r := range txIDRules {
		keys = append(keys, r.problem)
	}
	for _, m := range mistakes {
		keys = append(keys, m.problem)
	}
	for _, k := range keys {
		if !i18n.Has(k) {
			t.Errorf("%s has no English text", k)
		}
	}
}
