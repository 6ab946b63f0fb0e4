// Package apilog logs and times the checkout's calls to Paykassma: a
// paykassma.API in front of another. (Deposits are counted where an
// attempt's outcome changes, in the deposit package.)
package apilog

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/paykassma/checkout/metrics"
	"github.com/paykassma/checkout/paykassma"
	"github.com/paykassma/checkout/views"
)

// New logs and times every call to next, with its result counted in m.
// A nil log discards; a nil m counts nothing.
func New(next paykassma.API, log *slog.Logger, m *metrics.Metrics) paykassma.API {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return observedAPI{next: next, log: log, metrics: m}
}

// cachePeeker is the cache's look-up that never calls Paykassma nor waits
// (apicache.Cache), as handlers asks it.
type cachePeeker interface {
	CachedDepositInfo(paykassma.DepositInfoRequest) (*paykassma.DepositInfo, bool)
	CachedMediahints() (paykassma.Mediahints, bool)
}

// observedAPI logs and times every call to Paykassma: the endpoint (never
// a URL, which would carry the secret), the result and the latency, with
// the request id of the page that made it.
type observedAPI struct {
	next    paykassma.API
	log     *slog.Logger
	metrics *metrics.Metrics
}

func (o observedAPI) done(ctx context.Context, endpoint string, start time.Time, err error, attrs ...slog.Attr) {
	d := time.Since(start)
	f := paykassma.Classify(err)
	result, status := resultOf(f, err)
	o.metrics.Upstream(endpoint, result, d)
	if answered, known := paykassmaAnswered(f); known {
		o.metrics.Paykassma(answered, time.Now())
	}
	lvl := slog.LevelInfo
	if f != paykassma.FaultNone && f != paykassma.FaultCanceled {
		lvl = slog.LevelWarn
	}
	attrs = append(attrs,
		slog.String("endpoint", endpoint),
		slog.String("result", result),
		slog.Int("status", status),
		slog.Duration("latency", d),
		slog.String("request_id", views.RequestID(ctx)),
	)
	o.log.LogAttrs(ctx, lvl, "upstream", attrs...)
}

// paykassmaAnswered says whether a call classified as f heard from
// Paykassma, for checkout_paykassma_up; known is false for a call the person
// abandoned, which says nothing either way. A wrong secret counts as down:
// no deposit can go through until it is fixed.
func paykassmaAnswered(f paykassma.Fault) (answered, known bool) {
	switch f {
	case paykassma.FaultCanceled:
		return false, false
	case paykassma.FaultTimeout, paykassma.FaultUnavailable, paykassma.FaultUnknown, paykassma.FaultConfig:
		return false, true
	}
	return true, true
}

// resultOf gives the metric's label for an upstream error classified as f,
// with the HTTP status Paykassma answered (0: none, or not known here).
func resultOf(f paykassma.Fault, err error) (string, int) {
	var apiErr *paykassma.APIError
	var unavail *paykassma.UnavailableError
	switch {
	case f == paykassma.FaultNone:
		return f.Label(), http.StatusOK
	case f == paykassma.FaultCanceled, f == paykassma.FaultTimeout:
		return f.Label(), 0 // whatever status came, the call did not end on it
	case errors.As(err, &apiErr):
		return f.Label(), apiErr.HTTPStatus
	case errors.As(err, &unavail):
		return f.Label(), unavail.HTTPStatus
	}
	return f.Label(), 0
}

func (o observedAPI) PaymentSystems(ctx context.Context, req paykassma.PaymentSystemsRequest) (*paykassma.PaymentSystems, error) {
	start := time.Now()
	ps, err := o.next.PaymentSystems(ctx, req)
	o.done(ctx, "payment-systems/available", start, err)
	return ps, err
}

func (o observedAPI) Mediahints(ctx context.Context) (paykassma.Mediahints, error) {
	start := time.Now()
	mh, err := o.next.Mediahints(ctx)
	o.done(ctx, "wallet-type/images", start, err)
	return mh, err
}

func (o observedAPI) CreateTransaction(ctx context.Context, walletType string, req paykassma.CreateTransactionRequest) (*paykassma.Transaction, error) {
	start := time.Now()
	tx, err := o.next.CreateTransaction(ctx, walletType, req)
	o.done(ctx, "transaction/create", start, err, slog.String("wallet_type", walletType))
	return tx, err
}

func (o observedAPI) Activate(ctx context.Context, req paykassma.ActivateRequest) (paykassma.Activation, error) {
	start := time.Now()
	out, err := o.next.Activate(ctx, req)
	o.done(ctx, "transaction/activate", start, err, slog.String("ref", req.CustomTransactionID))
	return out, err
}

func (o observedAPI) PossibleTransaction(ctx context.Context, req paykassma.PossibleTransactionRequest) (paykassma.Activation, error) {
	start := time.Now()
	out, err := o.next.PossibleTransaction(ctx, req)
	o.done(ctx, "possible-transaction", start, err, slog.String("ref", req.CustomID))
	return out, err
}

func (o observedAPI) CreateBkashPayment(ctx context.Context, req paykassma.BkashPaymentRequest) (*paykassma.RedirectPayment, error) {
	start := time.Now()
	rp, err := o.next.CreateBkashPayment(ctx, req)
	o.done(ctx, "payment/create/bkash_api", start, err, slog.String("ref", req.CustomTransactionID))
	return rp, err
}

func (o observedAPI) CreateNagadPayment(ctx context.Context, req paykassma.NagadPaymentRequest) (*paykassma.RedirectPayment, error) {
	start := time.Now()
	rp, err := o.next.CreateNagadPayment(ctx, req)
	o.done(ctx, "payment/create/nagad_api", start, err, slog.String("ref", req.CustomTransactionID))
	return rp, err
}

func (o observedAPI) DepositInfo(ctx context.Context, req paykassma.DepositInfoRequest) (*paykassma.DepositInfo, error) {
	start := time.Now()
	di, err := o.next.DepositInfo(ctx, req)
	o.done(ctx, "deposit-info", start, err, slog.String("wallet_type", req.WalletType))
	return di, err
}

func (o observedAPI) DepositStatuses(ctx context.Context, customOrderIDs []string) ([]paykassma.DepositStatus, error) {
	start := time.Now()
	sts, err := o.next.DepositStatuses(ctx, customOrderIDs)
	o.done(ctx, "pullpostbacks", start, err, slog.Int("refs", len(customOrderIDs)))
	return sts, err
}

// CachedDepositInfo passes the cache's look-up through when a cache is
// below the logging (server puts it above): a look-up is no call, so it is
// neither logged nor timed.
func (o observedAPI) CachedDepositInfo(req paykassma.DepositInfoRequest) (*paykassma.DepositInfo, bool) {
	if p, ok := o.next.(cachePeeker); ok {
		return p.CachedDepositInfo(req)
	}
	return nil, false
}

// CachedMediahints passes the cache's look-up through, as CachedDepositInfo.
func (o observedAPI) CachedMediahints() (paykassma.Mediahints, bool) {
	if p, ok := o.next.(cachePeeker); ok {
		return p.CachedMediahints()
	}
	return nil, false
}
