package handlers

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/paykassma/checkout/paykassma"
)

// The upstream budget: each depositor (label) may cause only so many
// requests that reach Paykassma a minute, and each client IP (generously)
// so many, whatever the route or method. A request is counted once, at its
// first call past the cache, so a page asking for five savings counts as
// one and a page served from the cache not at all. A request over the
// budget ends on the 429 page (fault), or where the call was an extra
// (savings, statuses) shows the page without it.

// budgetKey is the request context's key of its ticket.
type budgetKey struct{}

// ticket is one request's place in the upstream budget: it holds the
// client's IP and, once the state is loaded, the depositor's label.
type ticket struct {
	g  *guard
	ip string

	mu      sync.Mutex
	label   string // the loaded depositor's, for calls that name none
	charged bool
	err     error // the refusal, for every later call of the request
}

// limitedError is a call refused by the upstream budget: nothing was sent.
type limitedError struct{ wait time.Duration }

func (e *limitedError) Error() string {
	return fmt.Sprintf("upstream budget spent: nothing sent; retry in %s", e.wait.Round(time.Second))
}

// meter gives each request a ticket, which the Metered client charges.
func (h *handler) meter(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if strings.HasPrefix(c.Request().URL.Path, "/static/") {
			return next(c)
		}
		r := c.Request()
		t := &ticket{g: h.guard, ip: c.RealIP()}
		c.SetRequest(r.WithContext(context.WithValue(r.Context(), budgetKey{}, t)))
		return next(c)
	}
}

// ticketOf is the request's ticket; nil for a call made outside a request
// (the cache's shared fetches keep the first caller's, readiness has none).
func ticketOf(ctx context.Context) *ticket {
	t, _ := ctx.Value(budgetKey{}).(*ticket)
	return t
}

// loaded tells the ticket whose request it is.
func (t *ticket) loaded(label string) {
	if t == nil {
		return
	}
	t.mu.Lock()
	t.label = label
	t.mu.Unlock()
}

// charge counts the request against the label's and the IP's budgets the
// first time it reaches for Paykassma; label is the call's, else the
// loaded state's.
func (t *ticket) charge(label string) error {
	if t == nil {
		return nil
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.charged {
		return t.err
	}
	t.charged = true
	if label == "" {
		label = t.label
	}
	if label != "" {
		if ok, wait := t.g.upstream.allow(label); !ok {
			t.err = &limitedError{wait: wait}
			return t.err
		}
	}
	if ok, wait := t.g.upstreamIP.allow(t.ip); !ok {
		t.err = &limitedError{wait: wait}
	}
	return t.err
}

// Metered is api with the upstream budget of the request that calls it:
// put it below the cache, so only the calls that would reach Paykassma
// count. Mediahints are one answer for everyone, fetched once per cache
// lifetime whoever asks: they are not charged.
func Metered(api paykassma.API) paykassma.API { return metered{api} }

type metered struct{ paykassma.API }

func charge(ctx context.Context, label string) error { return ticketOf(ctx).charge(label) }

func (m metered) PaymentSystems(ctx context.Context, req paykassma.PaymentSystemsRequest) (*paykassma.PaymentSystems, error) {
	if err := charge(ctx, req.Label); err != nil {
		return nil, err
	}
	return m.API.PaymentSystems(ctx, req)
}

func (m metered) CreateTransaction(ctx context.Context, walletType string, req paykassma.CreateTransactionRequest) (*paykassma.Transaction, error) {
	if err := charge(ctx, req.Label); err != nil {
		return nil, err
	}
	return m.API.CreateTransaction(ctx, walletType, req)
}

func (m metered) Activate(ctx context.Context, req paykassma.ActivateRequest) (paykassma.Activation, error) {
	if err := charge(ctx, req.Label); err != nil {
		return 0, err
	}
	return m.API.Activate(ctx, req)
}

func (m metered) PossibleTransaction(ctx context.Context, req paykassma.PossibleTransactionRequest) (paykassma.Activation, error) {
	if err := charge(ctx, req.Label); err != nil {
		return 0, err
	}
	return m.API.PossibleTransaction(ctx, req)
}

func (m metered) CreateBkashPayment(ctx context.Context, req paykassma.BkashPaymentRequest) (*paykassma.RedirectPayment, error) {
	if err := charge(ctx, req.Label); err != nil {
		return nil, err
	}
	return m.API.CreateBkashPayment(ctx, req)
}

func (m metered) CreateNagadPayment(ctx context.Context, req paykassma.NagadPaymentRequest) (*paykassma.RedirectPayment, error) {
	if err := charge(ctx, req.Label); err != nil {
		return nil, err
	}
	return m.API.CreateNagadPayment(ctx, req)
}

func (m metered) DepositInfo(ctx context.Context, req paykassma.DepositInfoRequest) (*paykassma.DepositInfo, error) {
	if err := charge(ctx, req.Label); err != nil {
		return nil, err
	}
	return m.API.DepositInfo(ctx, req)
}

func (m metered) DepositStatuses(ctx context.Context, customOrderIDs []string) ([]paykassma.DepositStatus, error) {
	if err := charge(ctx, ""); err != nil {
		return nil, err
	}
	return m.API.DepositStatuses(ctx, customOrderIDs)
}
