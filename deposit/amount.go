package deposit

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/paykassma/checkout/paykassma"
)

// The i18n keys ParseAmount answers with.
const (
	errRequired = "err.amount.required"
	errFormat   = "err.amount.format"
	errDecimals = "err.amount.decimals"
	errPositive = "err.amount.positive"
)

// amountForm is the one shape of number we read: digits, grouped by commas
// the Western way (1,234,567) or the Indian way (12,34,567) or not at all,
// then a dot and the decimals. A comma anywhere else is refused rather than
// dropped: "500,50" is five hundred and fifty paise to half the world, and
// reading it as 50050 would take a hundred times the money.
// Digits on both sides of the dot: "500." and ".5" may be half typed, so the
// person is asked rather than guessed at.
var amountForm = regexp.MustCompile(`^(` +
	`[0-9]+` + // 500, 0.50
	`|[1-9][0-9]{0,2}(?:,[0-9]{3})+` + // 1,000  1,000,000
	`|[1-9][0-9]?(?:,[0-9]{2})+,[0-9]{3}` + // 1,00,000  12,34,567
	`)(?:\.([0-9]+))?$`)

// currencySymbols may stand before or after the number, as people write them.
var currencySymbols = []string{"₹", "৳"}

// ParseAmount reads an amount a person typed. It returns the amount, or the
// i18n key of the problem ("" when none).
func ParseAmount(typed string) (paykassma.Amount, string) {
	s := trimSpace(typed)
	for _, sym := range currencySymbols {
		if rest, ok := strings.CutPrefix(s, sym); ok {
			s = trimSpace(rest)
			break
		}
		if rest, ok := strings.CutSuffix(s, sym); ok {
			s = trimSpace(rest)
			break
		}
	}
	if s == "" {
		return paykassma.Amount{}, errRequired
	}
	m := amountForm.FindStringSubmatch(s)
	if m == nil {
		return paykassma.Amount{}, errFormat
	}
	whole, frac := strings.ReplaceAll(m[1], ",", ""), m[2]
	if len(strings.TrimRight(frac, "0")) > 2 {
		return paykassma.Amount{}, errDecimals
	}
	number := whole
	if frac != "" {
		number += "." + frac
	}
	a, err := paykassma.ParseAmount(number)
	switch {
	case err != nil: // not after the checks above; refused all the same
		return paykassma.Amount{}, errFormat
	case !a.IsPositive():
		return paykassma.Amount{}, errPositive
	}
	return a, ""
}

// trimSpace drops the spaces a phone keyboard or a paste leaves around a
// number: Unicode's (the no-break and thin spaces among them) and the
// zero-width ones, which are invisible in the field.
func trimSpace(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == '\u200b' || r == '\u2060' || r == '\ufeff'
	})
}
