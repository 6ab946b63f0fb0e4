package deposit

import (
	"testing"

	"github.com/shopspring/decimal"

	"github.com/paykassma/checkout/i18n"
)

func TestParseAmount_ReadsWhatPeopleTypeExactly(t *testing.T) {
	tests := []struct {
		typed string
		want  string // the exact amount
	}{
		{"500", "500"},
		{"500.5", "500.5"},
		{"500.50", "500.50"},
		{"0.50", "0.50"},
		{"1,000", "1000"},
		{"1,000,000", "1000000"},
		{"1,00,000", "100000"},
		{"10,00,000", "1000000"},
		{"12,34,567", "1234567"},
		{"12,345", "12345"},
		{"1,234.56", "1234.56"},
		{"1,00,000.25", "100000.25"},
		{"₹500", "500"},
		{"₹ 1,500.50", "1500.50"},
		{"500 ৳", "500"},
		{"500৳", "500"},
		{"৳\u00a0250", "250"}, // a no-break space after the symbol
		{"  500  ", "500"},
		{"\u00a0500.25\u202f", "500.25"}, // no-break and narrow no-break spaces
		{"\u200b500\ufeff", "500"},       // zero-width characters from a paste
		{"\t1,000\n", "1000"},
		{"500.500", "500.5"}, // zeros past the paise are not decimals
		{"500.00", "500"},
		{"0500", "500"},
		{"99999999999999999999.99", "99999999999999999999.99"}, // exact past float64
	}
	for _, tt := range tests {
		t.Run(tt.typed, func(t *testing.T) {
			got, problem := ParseAmount(tt.typed)
			if problem != "" {
				t.Fatalf("ParseAmount(%q) refused it with %q, want %s", tt.typed, problem, tt.want)
			}
			if want := decimal.RequireFromString(tt.want); !got.Equal(want) {
				t.Errorf("ParseAmount(%q) = %s, want %s", tt.typed, got.Decimal, want)
			}
			if want := decimal.RequireFromString(tt.want).StringFixed(2); got.String() != want {
				t.Errorf("ParseAmount(%q) sends %s, want %s", tt.typed, got.String(), want)
			}
		})
	}
}

func TestParseAmount_RefusesWhatItCannotReadSafely(t *testing.T) {
	tests := []struct {
		name, typed, want string
	}{
		{"a decimal comma is not grouping", "500,50", "err.amount.format"},
		{"a decimal comma with a round value", "5,00", "err.amount.format"},
		{"European grouping and decimal comma", "1.000,50", "err.amount.format"},
		{"a group of four", "1,0000", "err.amount.format"},
		{"Western and Indian grouping mixed", "1,000,00,000", "err.amount.format"},
		{"Indian grouping with a short last group", "1,00,00", "err.amount.format"},
		{"a leading comma", ",500", "err.amount.format"},
		{"a trailing comma", "500,", "err.amount.format"},
		{"a grouped number starting with zero", "0,500", "err.amount.format"},
		{"a space inside the number", "500 50", "err.amount.format"},
		{"a space as grouping", "1 000", "err.amount.format"},
		{"two dots", "1.2.3", "err.amount.format"},
		{"letters", "abc", "err.amount.format"},
		{"a letter O for a zero", "5OO", "err.amount.format"},
		{"a trailing dot may be half typed", "500.", "err.amount.format"},
		{"a leading dot may be half typed", ".5", "err.amount.format"},
		{"a minus sign", "-5", "err.amount.format"},
		{"a plus sign", "+5", "err.amount.format"},
		{"an exponent", "1e3", "err.amount.format"},
		{"two symbols", "₹500₹", "err.amount.format"},
		{"a symbol on both sides", "₹500৳", "err.amount.format"},
		{"a word for the currency", "Rs 500", "err.amount.format"},
		{"Devanagari digits", "५००", "err.amount.format"},
		{"empty", "", "err.amount.required"},
		{"only spaces", " \u00a0 ", "err.amount.required"},
		{"only a symbol", "₹", "err.amount.required"},
		{"only a symbol and spaces", " ৳ ", "err.amount.required"},
		{"three decimals", "500.505", "err.amount.decimals"},
		{"three decimals after grouping", "1,500.505", "err.amount.decimals"},
		{"a tenth of a paisa", "0.001", "err.amount.decimals"},
		{"zero", "0", "err.amount.positive"},
		{"zero with decimals", "0.00", "err.amount.positive"},
		{"zero with a symbol", "₹ 0.000", "err.amount.positive"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, problem := ParseAmount(tt.typed)
			if problem != tt.want {
				t.Errorf("ParseAmount(%q) = %s, %q; want the problem %q", tt.typed, got.Decimal, problem, tt.want)
			}
			if !i18n.Has(problem) {
				t.Errorf("the problem %q has no text to show", problem)
			}
			if problem != "" && !got.IsZero() {
				t.Errorf("ParseAmount(%q) refused it yet returned %s", tt.typed, got.Decimal)
			}
		})
	}
}
