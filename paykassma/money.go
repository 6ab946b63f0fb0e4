package paykassma

import (
	"bytes"
	"fmt"

	"github.com/shopspring/decimal"
)

// Amount is an exact sum of money. It marshals as a JSON number with two
// decimals ("100.00"), the form the API's "float" fields expect; a bare
// decimal.Decimal would marshal as a quoted string.
type Amount struct{ decimal.Decimal }

// NewAmount wraps an exact decimal.
func NewAmount(d decimal.Decimal) Amount { return Amount{d} }

// ParseAmount reads an amount typed by a person or written in config
// ("100", "100.5", "100.50"). It rejects more than two decimals, since the
// API works in hundredths and silently rounding money is never right.
func ParseAmount(s string) (Amount, error) {
	d, err := decimal.NewFromString(s)
	if err != nil {
		return Amount{}, fmt.Errorf("amount %q is not a number", s)
	}
	if d.Exponent() < -2 && !d.Equal(d.Round(2)) {
		return Amount{}, fmt.Errorf("amount %q has more than two decimals", s)
	}
	return Amount{d}, nil
}

// MustAmount is ParseAmount for constants in code and tests.
func MustAmount(s string) Amount {
	a, err := ParseAmount(s)
	if err != nil {
		panic(err)
	}
	return a
}

// String gives the amount with two decimals, as sent to the API.
func (a Amount) String() string { return a.StringFixed(2) }

// MarshalJSON writes a JSON number with exactly two decimals.
func (a Amount) MarshalJSON() ([]byte, error) { return []byte(a.StringFixed(2)), nil }

// UnmarshalJSON accepts a JSON number or a quoted number, exactly.
func (a *Amount) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, []byte("null")) {
		*a = Amount{}
		return nil
	}
	return a.Decimal.UnmarshalJSON(b)
}
