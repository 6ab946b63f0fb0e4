package handlers

import (
	"context"
	"sync"

	"github.com/paykassma/checkout/deposit"
	"github.com/paykassma/checkout/depositor"
	"github.com/paykassma/checkout/paykassma"
)

// payExtras are what the P2P pay page shows beside the identifier: the
// guide's media and the savings with this PS. As on the choose page
// (extras), answers already in the cache are taken without a goroutine;
// only a miss is fetched, and two misses side by side. A reload, the page
// people stay on, starts none (BENCHMARKS.md, issue 17).
func (h *handler) payExtras(ctx context.Context, st *depositor.State, w *paykassma.Wallet) (hints paykassma.Mediahints, di *paykassma.DepositInfo) {
	hintsOK, diOK := false, false
	if peek, ok := h.api.(cachePeeker); ok {
		hints, hintsOK = peek.CachedMediahints()
		di, diOK = peek.CachedDepositInfo(deposit.DepositInfoRequest(st, w))
	}
	fetchHints := func() {
		var err error
		if hints, err = h.api.Mediahints(ctx); err != nil {
			h.log.Warn("mediahints", "err", err)
		}
	}
	switch {
	case hintsOK && diOK:
	case hintsOK:
		di = h.depositInfo(ctx, st, w)
	case diOK:
		fetchHints()
	default:
		var wg sync.WaitGroup
		wg.Go(fetchHints)
		wg.Go(func() { di = h.depositInfo(ctx, st, w) })
		wg.Wait()
	}
	return hints, di
}
