package handlers

import (
	"context"

	"github.com/shopspring/decimal"

	"github.com/paykassma/checkout/depositor"
	"github.com/paykassma/checkout/paykassma"
)

// landed finds out whether a pending attempt (sent, but no answer came)
// went through: Paykassma has a postback under its reference, or, for a
// deposit below the minimum that has none yet, the depositor's savings with
// the PS grew since it was sent. An error means Paykassma could not say;
// then nothing may be sent again yet.
func (h *handler) landed(ctx context.Context, st *depositor.State, w *paykassma.Wallet, a *depositor.Attempt) (bool, error) {
	sts, err := h.api.DepositStatuses(ctx, []string{a.Ref})
	if err != nil {
		return false, err
	}
	for _, s := range sts {
		if s.PluginCustomOrderID == a.Ref && s.Postback != nil {
			return true, nil
		}
	}
	if w == nil || a.Saved == "" {
		return false, nil
	}
	before, err := decimal.NewFromString(a.Saved)
	if err != nil {
		return false, nil
	}
	di, err := h.api.DepositInfo(ctx, paykassma.DepositInfoRequest{
		Label: st.Label, WalletType: w.Type, Currency: st.Currency, Manual: w.IsManual,
	})
	if err != nil {
		return false, err
	}
	return di.StockpilingSum.GreaterThan(before), nil
}

// savedBefore is the depositor's savings with w now, to keep with an
// attempt about to be sent; "" when Paykassma cannot say.
func (h *handler) savedBefore(ctx context.Context, st *depositor.State, w *paykassma.Wallet) string {
	if di := h.depositInfo(ctx, st, w); di != nil {
		return di.StockpilingSum.String()
	}
	return ""
}

// resolvePending settles a pending P2P attempt that went through after
// all, for the status page a person reloads after a timeout. A failed check
// leaves it pending: the page says it is still being checked.
func (h *handler) resolvePending(v *visit, a *depositor.Attempt) {
	if a.Outcome != depositor.Pending || h.cfg.IsRedirect(a.WalletType) {
		return
	}
	ctx := v.c.Request().Context()
	w, _, err := h.method(ctx, v.st, a.WalletType)
	if err != nil {
		h.log.Warn("payment systems for a pending attempt", "err", err)
	}
	ok, err := h.landed(ctx, v.st, w, a)
	if err != nil {
		h.log.Warn("checking a pending attempt", "ref", a.Ref, "err", err)
		return
	}
	if ok {
		a.Outcome, a.At = depositor.Done, h.now().Unix()
		if p := v.st.Payment(a.WalletType); p != nil && p.Ref == a.Ref {
			p.Ref = v.st.NewRef() // settled: the next payment gets a new reference
		}
	}
}
