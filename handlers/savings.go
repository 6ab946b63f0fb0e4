package handlers

import (
	"github.com/paykassma/checkout/i18n"
	"github.com/paykassma/checkout/paykassma"
	"github.com/paykassma/checkout/views"
)

// savings is the meter for a PS, or nil when nothing has accumulated. It
// shows deposit-info's figures as they are: the bar is the saved part of
// saved + lacking, the two amounts written beside it, so bar and words agree
// even where the minimum would say otherwise.
func savings(lang, id string, di *paykassma.DepositInfo, cur paykassma.Currency) *views.Savings {
	if di == nil || !di.StockpilingSum.IsPositive() || !di.MinimumDeposit.IsPositive() {
		return nil
	}
	return &views.Savings{
		ID:          "savings-" + id,
		Accumulated: moneyFor(lang, di.StockpilingSum, cur),
		Lacking:     moneyFor(lang, di.LacksSum, cur),
		Minimum:     moneyFor(lang, di.MinimumDeposit, cur),
		Value:       di.StockpilingSum.String(),
		Max:         di.StockpilingSum.Add(di.LacksSum).String(),
		Explain:     i18n.T(lang, "savings.explain", moneyFor(lang, di.MinimumDeposit, cur)),
	}
}
