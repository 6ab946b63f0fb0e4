// The depositor's PSs: the API's Wallets for their currency, and the
// deposit.Method a pay page takes.

package handlers

import (
	"context"
	"fmt"
	"slices"

	"github.com/paykassma/checkout/deposit"
	"github.com/paykassma/checkout/depositor"
	"github.com/paykassma/checkout/paykassma"
)

// wallets gives the PSs serving the depositor's currency as the API lists
// them, in its order, and the currency's symbol.
func (h *handler) wallets(ctx context.Context, st *depositor.State) ([]paykassma.Wallet, paykassma.Currency, error) {
	ps, cur, err := h.systems(ctx, st)
	if err != nil {
		return nil, cur, err
	}
	n := 0
	for i := range ps.Wallets {
		if ps.Wallets[i].CurrencyCode == st.Currency {
			n++
		}
	}
	ws := make([]paykassma.Wallet, 0, n) // a copy: the cache's answer is shared
	for i := range ps.Wallets {
		if ps.Wallets[i].CurrencyCode == st.Currency {
			ws = append(ws, ps.Wallets[i])
		}
	}
	slices.SortStableFunc(ws, func(a, b paykassma.Wallet) int { return a.Order - b.Order })
	return ws, cur, nil
}

// systems is Paykassma's PS list for the depositor (the cache's, shared:
// never changed) and their currency.
func (h *handler) systems(ctx context.Context, st *depositor.State) (*paykassma.PaymentSystems, paykassma.Currency, error) {
	ps, err := h.api.PaymentSystems(ctx, paykassma.PaymentSystemsRequest{CurrencyCodes: []string{st.Currency}, Label: st.Label})
	if err != nil {
		return nil, paykassma.Currency{}, fmt.Errorf("payment systems: %w", err)
	}
	cur := paykassma.Currency{Code: st.Currency}
	for _, c := range ps.Currencies {
		if c.Code == st.Currency {
			cur = c
		}
	}
	return ps, cur, nil
}

// wallet finds one PS among those serving the depositor, as wallets would
// list it first; nil when it is not one of theirs. A copy of that one only:
// copying the whole list for it was a twentieth of a pay page's garbage.
func (h *handler) wallet(ctx context.Context, st *depositor.State, walletType string) (*paykassma.Wallet, paykassma.Currency, error) {
	ps, cur, err := h.systems(ctx, st)
	if err != nil {
		return nil, cur, err
	}
	var found *paykassma.Wallet
	for i := range ps.Wallets {
		w := &ps.Wallets[i]
		if w.CurrencyCode == st.Currency && w.Type == walletType && (found == nil || w.Order < found.Order) {
			found = w
		}
	}
	if found == nil {
		return nil, cur, nil
	}
	w := *found
	return &w, cur, nil
}

// depositInfo asks for the depositor's savings with a PS; nil when
// Paykassma cannot say (the page shows less, it does not fail).
func (h *handler) depositInfo(ctx context.Context, st *depositor.State, w *paykassma.Wallet) *paykassma.DepositInfo {
	di, err := h.api.DepositInfo(ctx, deposit.DepositInfoRequest(st, w))
	if err != nil {
		h.log.Warn("deposit-info", "wallet_type", w.Type, "err", err)
		return nil
	}
	return di
}

// payMethod finds the PS of a pay page among the depositor's; nil when the
// depositor has no such PS, or none the checkout can pay.
func (h *handler) payMethod(ctx context.Context, st *depositor.State, walletType string) (*deposit.Method, paykassma.Currency, error) {
	w, cur, err := h.wallet(ctx, st, walletType)
	if err != nil || w == nil {
		return nil, cur, err
	}
	m := h.rules.Describe(w)
	if !m.Payable() {
		return nil, cur, nil
	}
	return &m, cur, nil
}
