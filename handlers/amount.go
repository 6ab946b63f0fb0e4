// The amount the person will send: asked first on the pay page ("How much
// will you send?", a GET form, so it lives in the page's address), said
// beside the wallet details, put in the UPI QR, filled into the form and
// recorded with the attempt.

package handlers

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/paykassma/checkout/deposit"
	"github.com/paykassma/checkout/i18n"
	"github.com/paykassma/checkout/paykassma"
	"github.com/paykassma/checkout/views"
)

// askedAmount is the pay page's ?amount=, as typed: amount ("500.00") when
// it reads, problem (an i18n key) when it does not.
type askedAmount struct {
	typed, amount, problem string
}

// askAmount reads ?amount= with deposit.ParseAmount: exact decimals, and
// "500,50" refused rather than guessed at.
func (v *visit) askAmount() askedAmount {
	q := strings.TrimSpace(v.c.QueryParam("amount"))
	if q == "" {
		return askedAmount{}
	}
	a, problem := deposit.ParseAmount(q)
	if problem != "" {
		return askedAmount{typed: q, problem: problem}
	}
	return askedAmount{typed: q, amount: a.String()}
}

// pageAmount is the amount the pay page speaks of, "500.00", or "": the
// merchant's fixed amount; else the amount typed in the form when it reads
// (the page sent back with a problem elsewhere); else the one asked first.
func (f *payForm) pageAmount(fixed string) string {
	if fixed != "" {
		return fixed
	}
	if f.typed.Amount != "" {
		if a, problem := deposit.ParseAmount(f.typed.Amount); problem == "" {
			return a.String()
		}
	}
	return f.ask.amount
}

// plainAmount is an amount as a person types it: "500", "500.50".
func plainAmount(s string) string { return strings.TrimSuffix(s, ".00") }

// amountAsk builds "How much will you send?" for the pay page of f.
func (v *visit) amountAsk(f *payForm, amount string) *views.AmountAsk {
	lang := v.lang()
	a := &views.AmountAsk{
		Action: "/pay/" + f.m.Type(),
		Label:  i18n.T(lang, "pay.ask.label"),
		Prefix: symbol(f.cur),
		Value:  f.ask.typed,
		Submit: i18n.T(lang, "pay.ask.submit"),
	}
	if a.Value == "" || f.ask.problem == "" && amount != f.ask.amount {
		a.Value = plainAmount(amount) // the form's amount, sent back with another problem
	}
	if f.ask.problem != "" {
		a.Error = i18n.T(lang, f.ask.problem)
	}
	// The state where it travels in links (no cookie): the same fields.
	if _, query, ok := strings.Cut(v.link(a.Action), "?"); ok {
		vals, _ := url.ParseQuery(query)
		for name, vs := range vals {
			for _, val := range vs {
				a.Hidden = append(a.Hidden, views.Hidden{Name: name, Value: val})
			}
		}
	}
	return a
}

// withAmount is a pay path carrying the amount the page speaks of, so the
// page a POST answers with and the history entry it leaves keep it.
func withAmount(path, amount string) string {
	if amount == "" {
		return path
	}
	return path + "?" + url.Values{"amount": {plainAmount(amount)}}.Encode()
}

// stated is "you said you sent ₹500" for an attempt's stated amount.
func stated(lang, amount string, cur paykassma.Currency) string {
	if amount == "" {
		return ""
	}
	return i18n.T(lang, "attempt.stated", formatAmount(lang, amount, cur))
}

// apiMaximum finds the maximum in Paykassma's refusal of an amount: "The
// amount must not be greater than 100000." or "The amount must be between
// 500 and 100000."
var apiMaximum = regexp.MustCompile(`(?i)(?:greater than|between [0-9.]+ and) ([0-9]+(?:\.[0-9]+)?)`)

// overMaximum says in words that the amount is over the PS's maximum, when
// that is why Paykassma refused it: the maximum, and whether it is.
func overMaximum(original, typed string) (paykassma.Amount, bool) {
	m := apiMaximum.FindStringSubmatch(original)
	if m == nil {
		return paykassma.Amount{}, false
	}
	max, err := paykassma.ParseAmount(m[1])
	if err != nil {
		return paykassma.Amount{}, false
	}
	if strings.Contains(strings.ToLower(original), "between") { // the minimum's refusal too: which one?
		a, problem := deposit.ParseAmount(typed)
		if problem != "" || !a.GreaterThan(max.Decimal) {
			return paykassma.Amount{}, false
		}
	}
	return max, true
}
