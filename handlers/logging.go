package handlers

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"log/slog"
	"net/http"
	"regexp"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/paykassma/checkout/metrics"
	"github.com/paykassma/checkout/paykassma"
	"github.com/paykassma/checkout/views"
)

// requestIDHeader carries the request id both ways: a proxy in front may
// set it, and every answer says it so support can find the log line.
const requestIDHeader = "X-Request-ID"

// safeRequestID is what we accept from a proxy: a short token that cannot
// forge a log line or smuggle markup onto the error page.
var safeRequestID = regexp.MustCompile(`^[A-Za-z0-9_-]{8,64}$`)

func newRequestID() string {
	b := make([]byte, 10)
	rand.Read(b) // never fails (Go 1.24+)
	return hex.EncodeToString(b)
}

// observe is the outermost middleware: it gives the request its id, then
// logs one line and counts one request when the answer is written. Only
// the path is logged, never the query: entry links carry signatures and
// the state token travels in links.
func (h *handler) observe(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now() // the real clock: h.now may be a test's fake
		r := c.Request()
		id := r.Header.Get(requestIDHeader)
		if !safeRequestID.MatchString(id) {
			id = newRequestID()
		}
		c.Response().Header().Set(requestIDHeader, id)
		ctx := views.WithRequestID(r.Context(), id)
		c.SetRequest(r.WithContext(ctx))

		if err := next(c); err != nil {
			c.Error(err) // the error page now, so its status is what we log
		}

		d := time.Since(start)
		status := c.Response().Status
		route := c.Path()
		if route == "" || (status == http.StatusNotFound && c.ParamNames() == nil && route != r.URL.Path) {
			route = "unmatched"
		}
		h.metrics.Request(route, status, d)
		if route == "/return/:outcome" && status == http.StatusOK {
			if o, ok := redirectOutcomes[c.Param("outcome")]; ok {
				h.metrics.Deposit(o)
			}
		}
		lvl := slog.LevelInfo
		if status >= 500 {
			lvl = slog.LevelWarn // errorPage already logged the cause
		}
		if lh := h.log.Handler(); lh.Enabled(ctx, lvl) {
			// Straight to the handler: Logger.LogAttrs would walk the stack
			// for the caller's pc on every request, for a source nobody logs.
			rec := slog.NewRecord(time.Now(), lvl, "request", 0)
			rec.AddAttrs(
				slog.String("method", r.Method),
				slog.String("route", route),
				slog.String("path", r.URL.Path),
				slog.Int("status", status),
				slog.Duration("duration", d),
				slog.Int64("bytes", c.Response().Size),
				slog.String("request_id", id),
			)
			_ = lh.Handle(ctx, rec) // as Logger does: a failed log write fails no request
		}
		return nil
	}
}

// redirectOutcomes maps a wallet's return to the deposits counter's outcome.
var redirectOutcomes = map[string]string{
	"success": metrics.DepositRedirectOK,
	"fail":    metrics.DepositRedirectFail,
	"cancel":  metrics.DepositRedirectCancel,
}

// observedAPI logs and times every call to Paykassma: the endpoint (never
// a URL, which would carry the secret), the result and the latency, with
// the request id of the page that made it. It also counts deposit outcomes,
// which only activate and possible-transaction know.
type observedAPI struct {
	next    API
	log     *slog.Logger
	metrics *metrics.Metrics
}

func (o observedAPI) done(ctx context.Context, endpoint string, start time.Time, err error, attrs ...slog.Attr) {
	d := time.Since(start)
	f := paykassma.Classify(err)
	result, status := resultOf(f, err)
	o.metrics.Upstream(endpoint, result, d)
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

// deposit counts what an activation or possible transaction led to.
func (o observedAPI) deposit(out paykassma.Outcome, err error) {
	var apiErr *paykassma.APIError
	switch {
	case err == nil && out == paykassma.Activated:
		o.metrics.Deposit(metrics.DepositSuccess)
	case err == nil && out == paykassma.PossibleTransactionCreated:
		o.metrics.Deposit(metrics.DepositPossible)
	case errors.Is(err, paykassma.ErrSuspicious):
		o.metrics.Deposit(metrics.DepositSuspicious)
	case errors.As(err, &apiErr) && apiErr.Status == paykassma.StatusFail:
		o.metrics.Deposit(metrics.DepositFail)
	}
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

func (o observedAPI) Activate(ctx context.Context, req paykassma.ActivateRequest) (paykassma.Outcome, error) {
	start := time.Now()
	out, err := o.next.Activate(ctx, req)
	o.done(ctx, "transaction/activate", start, err, slog.String("ref", req.CustomTransactionID))
	o.deposit(out, err)
	return out, err
}

func (o observedAPI) PossibleTransaction(ctx context.Context, req paykassma.PossibleTransactionRequest) (paykassma.Outcome, error) {
	start := time.Now()
	out, err := o.next.PossibleTransaction(ctx, req)
	o.done(ctx, "possible-transaction", start, err, slog.String("ref", req.CustomID))
	o.deposit(out, err)
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

// CachedDepositInfo passes the cache's look-up through when the cache is
// below the logging (a test's wiring): a look-up is no call, so it is
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
