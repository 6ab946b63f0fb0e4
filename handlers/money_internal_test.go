package handlers

import (
	"testing"

	"github.com/shopspring/decimal"

	"github.com/paykassma/checkout/paykassma"
)

func TestMoney_GroupsRupeesAndTakaInLakhsOthersInThousands(t *testing.T) {
	tests := []struct{ amount, code, want string }{
		{"300", "INR", "₹300"},
		{"150.5", "INR", "₹150.50"},
		{"1000", "INR", "₹1,000"},
		{"100000", "INR", "₹1,00,000"},
		{"100000.00", "INR", "₹1,00,000"},
		{"12345678.9", "INR", "₹1,23,45,678.90"},
		{"2500000", "BDT", "৳25,00,000"},
		{"1234567", "USD", "$1,234,567"},
		{"1234567.5", "XYZ", "1,234,567.50 XYZ"},
		{"999", "EUR", "€999"},
	}
	for _, tc := range tests {
		got := money(decimal.RequireFromString(tc.amount), paykassma.Currency{Code: tc.code})
		if got != tc.want {
			t.Errorf("%s %s: %q, want %q", tc.amount, tc.code, got, tc.want)
		}
	}
}
