// Amounts of money as the pages write them.

package handlers

import (
	"strings"

	"github.com/shopspring/decimal"

	"github.com/paykassma/checkout/i18n"
	"github.com/paykassma/checkout/paykassma"
)

// symbols are shown where the API's symbol is just the code again.
var symbols = map[string]string{"INR": "₹", "BDT": "৳", "USD": "$", "EUR": "€", "PKR": "₨"}

// money formats an amount in a currency: "₹300", "₹1,50,000.50", "3,000 XYZ".
// Rupees and taka are grouped the South Asian way (lakh, crore), as people
// there read them in every language; the value sent upstream is never this.
func money(d decimal.Decimal, cur paykassma.Currency) string {
	// Only amounts whose coefficient surely fits an int64 (15 digits, so
	// NumDigits takes its fast path) are kept, by value: no string of the
	// amount is made to look it up.
	if d.NumDigits() > 15 {
		return formatMoney(d, cur)
	}
	k := moneyKey{code: cur.Code, symbol: cur.Symbol, coef: d.CoefficientInt64(), exp: d.Exponent()}
	s, ok := moneyMemo.load(k)
	if !ok {
		s = formatMoney(d, cur)
		moneyMemo.store(k, s)
	}
	return s
}

// moneyKey is everything formatMoney reads: the amount as coefficient and
// exponent (300 and 300.00 are two keys with one text), and the currency.
type moneyKey struct {
	code, symbol string
	coef         int64
	exp          int32
}

// moneyMemo holds formatted amounts: a choose page formats a dozen, mostly
// the same minimums for everyone, and shopspring/decimal allocates for each.
var moneyMemo = newMemo[moneyKey, string](4096)

// formatMoney is money, computed.
func formatMoney(d decimal.Decimal, cur paykassma.Currency) string {
	n := d.StringFixed(2)
	if d.Equal(d.Truncate(0)) {
		n = d.StringFixed(0)
	}
	n = group(n, cur.Code == "INR" || cur.Code == "BDT")
	sym := cur.Symbol
	if sym == "" || sym == cur.Code {
		sym = symbols[cur.Code]
	}
	if sym == "" {
		return n + " " + cur.Code
	}
	return sym + n
}

// group puts separators in the integer part of a plain decimal: every three
// digits, or (lakh) the last three then every two: 1,00,00,000.
func group(n string, lakh bool) string {
	sign := ""
	if strings.HasPrefix(n, "-") {
		sign, n = "-", n[1:]
	}
	whole, frac, hasFrac := strings.Cut(n, ".")
	var parts []string
	size := 3
	for len(whole) > size {
		parts = append([]string{whole[len(whole)-size:]}, parts...)
		whole = whole[:len(whole)-size]
		if lakh {
			size = 2
		}
	}
	parts = append([]string{whole}, parts...)
	out := sign + strings.Join(parts, ",")
	if hasFrac {
		out += "." + frac
	}
	return out
}

// symbol is what precedes an amount field.
func symbol(cur paykassma.Currency) string {
	if s := money(decimal.Zero, cur); !strings.HasPrefix(s, "0") {
		return strings.TrimSuffix(s, "0")
	}
	return cur.Code
}

// moneyFor is money as a page in lang writes it, in its digits (i18n.Digits).
func moneyFor(lang string, d decimal.Decimal, cur paykassma.Currency) string {
	return i18n.Digits(lang, money(d, cur))
}

// formatAmount formats an amount kept as text in the state, for a page in lang.
func formatAmount(lang, s string, cur paykassma.Currency) string {
	if s == "" {
		return ""
	}
	a, err := paykassma.ParseAmount(s)
	if err != nil {
		return ""
	}
	return moneyFor(lang, a.Decimal, cur)
}
