package deposit_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/paykassma/checkout/deposit"
	"github.com/paykassma/checkout/paykassma"
)

var rules = deposit.Rules{
	AmountRequired: func(t string) bool { return strings.HasPrefix(t, "upi") || t == "phone_pe" },
	Redirect:       func(t string) bool { return strings.HasSuffix(t, "_api") },
}

func describe(w paykassma.Wallet) deposit.Method { return rules.Describe(&w) }

func TestDescribe_EachKindOfPSGetsItsFlowAndForm(t *testing.T) {
	tests := []struct {
		wallet           paykassma.Wallet
		family           deposit.Family
		flow             deposit.Flow
		amount, shot, ok bool
	}{
		{paykassma.Wallet{Type: "paytm"}, deposit.PayTM, deposit.P2P, false, false, true},
		{paykassma.Wallet{Type: "upi_l"}, deposit.UPI, deposit.P2P, true, false, true},
		{paykassma.Wallet{Type: "phone_pe"}, deposit.PhonePe, deposit.P2P, true, false, true},
		{paykassma.Wallet{Type: "bkash"}, deposit.Bkash, deposit.P2P, false, false, true},
		{paykassma.Wallet{Type: "staging_b_ml", IsManual: true, UploadingPaymentBill: true}, deposit.Manual, deposit.ManualP2P, true, true, true},
		{paykassma.Wallet{Type: "staging_m", IsManual: true}, deposit.Manual, deposit.ManualP2P, true, false, true},
		{paykassma.Wallet{Type: "bkash_api"}, deposit.BkashAPI, deposit.Redirect, true, false, true},
		{paykassma.Wallet{Type: "nagad_api"}, deposit.NagadAPI, deposit.Redirect, true, false, true},
		{paykassma.Wallet{Type: "mbb_api"}, deposit.Other, deposit.Redirect, true, false, false}, // payment/create without a page
	}
	for _, tc := range tests {
		m := describe(tc.wallet)
		if m.Family != tc.family || m.Flow != tc.flow || m.NeedsAmount != tc.amount || m.NeedsScreenshot != tc.shot || m.Payable() != tc.ok {
			t.Errorf("%s: %+v payable %v", tc.wallet.Type, m, m.Payable())
		}
	}
}

func TestCheck_EachProblemBesideItsField(t *testing.T) {
	tests := []struct {
		wallet        string
		typed         deposit.Typed
		field, reason string // "" when it may be sent
	}{
		{"paytm", deposit.Typed{TxID: "20512345678"}, "", ""},
		{"paytm", deposit.Typed{}, "key1", "err.key1.required"},
		{"paytm", deposit.Typed{TxID: "12345"}, "key1", "err.key1.other"},
		{"upi_l", deposit.Typed{TxID: "412345678901", Amount: "500"}, "", ""},
		{"upi_l", deposit.Typed{TxID: "4123456", Amount: "500"}, "key1", "err.key1.digits12"},
		{"upi_l", deposit.Typed{TxID: "412345678901"}, "amount", "err.amount.required"},
		{"upi_l", deposit.Typed{TxID: "412345678901", Amount: "500,50"}, "amount", "err.amount.format"},
		{"bkash", deposit.Typed{TxID: "9GH4K2LM"}, "key1", "err.key1.bkash"},
		{"bkash_api", deposit.Typed{Amount: "500", Account: "01712345678"}, "", ""},
		{"bkash_api", deposit.Typed{Amount: "500"}, "account", "err.account.required"},
		{"bkash_api", deposit.Typed{Amount: "500", Account: "1712345678"}, "account", "err.account.format"},
		{"nagad_api", deposit.Typed{Amount: "500", Account: "whatever"}, "", ""}, // Nagad asks no account
		// Where activation takes no amount, the amount sent is optional,
		// and read as strictly as anywhere when given.
		{"paytm", deposit.Typed{TxID: "20512345678", Amount: "750"}, "", ""},
		{"paytm", deposit.Typed{TxID: "20512345678", Amount: "500,50"}, "amount", "err.amount.format"},
	}
	for _, tc := range tests {
		sub, problems := describe(paykassma.Wallet{Type: tc.wallet}).Check(tc.typed)
		if tc.field == "" {
			if len(problems) > 0 {
				t.Errorf("%s %+v: problems %v", tc.wallet, tc.typed, problems)
			}
			continue
		}
		if problems[tc.field] != tc.reason {
			t.Errorf("%s %+v: %s problem %q, want %q (all: %v)", tc.wallet, tc.typed, tc.field, problems[tc.field], tc.reason, problems)
		}
		_ = sub
	}
}

func TestCheck_TheAmountSaidWhereActivationTakesNoneIsKeptApart(t *testing.T) {
	sub, problems := describe(paykassma.Wallet{Type: "paytm"}).Check(deposit.Typed{TxID: "20512345678", Amount: "₹1,500.50"})
	if len(problems) > 0 || sub.HasAmount || !sub.HasStated || sub.Stated.String() != "1500.50" {
		t.Errorf("PayTM with 1,500.50 said: %+v, problems %v; want it stated, not sent", sub, problems)
	}
	sub, _ = describe(paykassma.Wallet{Type: "upi_l"}).Check(deposit.Typed{TxID: "412345678901", Amount: "500"})
	if !sub.HasAmount || sub.HasStated {
		t.Errorf("UPI's amount is sent with the activation: %+v", sub)
	}
}

var twoDecimals = regexp.MustCompile(`^[0-9]+\.[0-9]{2}$`)

// FuzzCheck: Check never panics, and what it accepts is what may go
// upstream: a transaction ID of the PS's shape, an amount above zero with
// at most two decimals, an 11-digit bKash account.
func FuzzCheck(f *testing.F) {
	for _, s := range [][3]string{
		{"20512345678", "500", "01712345678"}, {"123456789012", "1,000.50", ""}, {"ABCDE12345", "0.001", "1712345678"},
		{"", "-5", "01 712 345 678"}, {"٣٤٥٦٧٨٩٠١٢٣٤", "1e3", "０１712345678"}, {"x", "99999999999999999999999.99", ""},
		{"412345678901", "500,50", ""}, {"412345678901", "₹ 1,00,000", ""},
	} {
		f.Add(s[0], s[1], s[2])
	}
	wallets := []paykassma.Wallet{{Type: "paytm"}, {Type: "upi_l"}, {Type: "phone_pe"}, {Type: "bkash"}, {Type: "imps"}, {Type: "bkash_api"}}
	accountShape := regexp.MustCompile(`^01[0-9]{9}$`)
	f.Fuzz(func(t *testing.T, txID, amount, account string) {
		for _, w := range wallets {
			m := describe(w)
			sub, problems := m.Check(deposit.Typed{Nonce: "N", TxID: txID, Amount: amount, Account: account})
			if len(problems) > 0 {
				continue
			}
			if m.Flow != deposit.Redirect && (sub.TxID == "" || strings.ContainsAny(sub.TxID, " \t\n")) {
				t.Errorf("%s: accepted transaction ID %q", w.Type, sub.TxID)
			}
			if m.NeedsAmount && (!sub.HasAmount || !sub.Amount.IsPositive() || !twoDecimals.MatchString(sub.Amount.String()) || !sub.Amount.Equal(sub.Amount.Round(2))) {
				t.Errorf("%s: accepted amount %q as %s", w.Type, amount, sub.Amount.String())
			}
			if m.Family == deposit.BkashAPI && !accountShape.MatchString(sub.Account) {
				t.Errorf("accepted account %q", sub.Account)
			}
		}
	})
}
