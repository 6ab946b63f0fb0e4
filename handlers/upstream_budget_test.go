package handlers_test

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/paykassma/checkout/paykassma"
)

// upstreamCounter counts the calls that reach Paykassma, by endpoint.
type upstreamCounter struct {
	paykassma.API
	creates, statuses atomic.Int32
}

func (a *upstreamCounter) CreateTransaction(ctx context.Context, wt string, req paykassma.CreateTransactionRequest) (*paykassma.Transaction, error) {
	a.creates.Add(1)
	return a.API.CreateTransaction(ctx, wt, req)
}

func (a *upstreamCounter) DepositStatuses(ctx context.Context, refs []string) ([]paykassma.DepositStatus, error) {
	a.statuses.Add(1)
	return a.API.DepositStatuses(ctx, refs)
}

func countUpstream(c *upstreamCounter) func(paykassma.API) paykassma.API {
	return func(real paykassma.API) paykassma.API { c.API = real; return c }
}

// A pay link replayed with the same old token (no identifier in it) would
// create a transaction each time: a depositor's requests that reach
// Paykassma are limited, whatever their method.
func TestUpstreamBudget_AReplayedTokenCreatesAtMostTheBudget(t *testing.T) {
	api := &upstreamCounter{}
	e := newEnv(t, options{noCookies: true, api: countUpstream(api)})
	budget := 30 // limits.upstream_per_minute
	if budget <= 0 || budget >= 100 {
		t.Fatalf("limits.upstream_per_minute = %d: the test wants a budget below 100", budget)
	}
	link := e.clickMethod(e.start("u42", "INR"), "paytm").mustStatus(http.StatusOK).url.String()
	limited := 0
	for range 99 {
		p := e.get(link)
		switch p.status {
		case http.StatusOK:
		case http.StatusTooManyRequests:
			limited++
			if p.header.Get("Retry-After") == "" || p.text("error-title") == "" {
				t.Fatalf("a 429 without Retry-After or the error page: %v %s", p.header, p.visibleText())
			}
		default:
			t.Fatalf("status %d: %s", p.status, p.visibleText())
		}
	}
	if n := int(api.creates.Load()); n > budget {
		t.Errorf("100 replays made %d transaction/create calls, want at most %d (limits.upstream_per_minute)", n, budget)
	}
	if limited < 100-budget {
		t.Errorf("%d replays limited, want at least %d", limited, 100-budget)
	}
	// The budget refills: a minute on, the depositor is served again.
	e.clock.Advance(time.Minute)
	e.get(link).mustStatus(http.StatusOK)
}

// The outcome page polls its attempt every 5 to 30 seconds, a poll asking
// Paykassma at most every 10 s (poll.go): a depositor waiting twenty
// minutes is never limited.
func TestUpstreamBudget_StatusPollsEvery10sFor20MinutesAreNeverLimited(t *testing.T) {
	api := &upstreamCounter{}
	e := newEnv(t, options{api: countUpstream(api)})
	form := e.clickMethod(e.start("u42", "INR"), "paytm")
	ref := statusRef(t, e.submit(form, map[string]string{"key1": "20512345000"})) // not found yet: checked on
	before := api.statuses.Load()
	for i := range 120 {
		e.clock.Advance(10 * time.Second)
		if p := e.get("/status/" + ref + ".json"); p.status != http.StatusOK {
			t.Fatalf("poll %d: status %d: %s", i, p.status, p.body)
		}
	}
	if n := api.statuses.Load() - before; n < 100 {
		t.Errorf("120 polls asked Paykassma %d times: the test means polls that reach it", n)
	}
}
