package handlers

import (
	"github.com/shopspring/decimal"

	"github.com/paykassma/checkout/i18n"
	"github.com/paykassma/checkout/paykassma"
	"github.com/paykassma/checkout/views"
)

// savings is the meter for a PS, or nil when nothing has accumulated.
func savings(lang, id string, di *paykassma.DepositInfo, cur paykassma.Currency) *views.Savings {
	if di == nil || !di.StockpilingSum.IsPositive() || !di.MinimumDeposit.IsPositive() {
		return nil
	}
	return &views.Savings{
		ID:          "savings-" + id,
		Accumulated: moneyFor(lang, di.StockpilingSum, cur),
		Lacking:     moneyFor(lang, di.LacksSum, cur),
		Minimum:     moneyFor(lang, di.MinimumDeposit, cur),
		Value:       decimal.Min(di.StockpilingSum, di.MinimumDeposit).String(),
		Max:         di.MinimumDeposit.String(),
		Explain:     i18n.T(lang, "savings.explain", moneyFor(lang, di.MinimumDeposit, cur)),
	}
}
