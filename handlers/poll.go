package handlers

import (
	"context"
	"sync"
	"time"

	"github.com/paykassma/checkout/depositor"
)

// pollEvery is how often Paykassma is asked whether one attempt is
// credited while its outcome page follows it: however many tabs poll it
// (status.js, or the meta refresh without JavaScript), one call per
// attempt per pollEvery, so "credited" shows at most that much late.
const pollEvery = 10 * time.Second

// pollMax bounds the answers kept; past it, those no longer fresh go.
const pollMax = 4096

// polls coalesce the credited checks of attempts being followed: an
// answer younger than pollEvery is reused, and while one call is in
// flight the other pollers of that attempt wait for it instead of asking
// again. Keyed by the depositor's label and the attempt (reference,
// transaction ID, outcome), and asked only for an attempt in the caller's
// own verified state: nobody reads another depositor's answer.
type polls struct {
	mu sync.Mutex
	m  map[string]*poll
}

type poll struct {
	at       time.Time     // when the answer was asked for
	credited bool          // the answer; true is final
	had      bool          // an answer is held
	wait     chan struct{} // non-nil while a call is in flight
}

func pollKey(label string, a *depositor.Attempt) string {
	return label + "\x00" + a.Ref + "\x00" + a.TxID + "\x00" + string(a.Outcome)
}

// credited is ask's answer for key, asked at most once per pollEvery; a
// credited answer is kept as final.
func (p *polls) credited(ctx context.Context, key string, now time.Time, ask func(context.Context) bool) bool {
	p.mu.Lock()
	if p.m == nil {
		p.m = map[string]*poll{}
	}
	e := p.m[key]
	if e != nil && e.had && (e.credited || now.Sub(e.at) < pollEvery) {
		v := e.credited
		p.mu.Unlock()
		return v
	}
	if e != nil && e.wait != nil {
		ch := e.wait
		p.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return false
		}
		p.mu.Lock()
		v := e.credited
		p.mu.Unlock()
		return v
	}
	if e == nil {
		if len(p.m) >= pollMax {
			p.sweepLocked(now)
		}
		e = &poll{}
		p.m[key] = e
	}
	ch := make(chan struct{})
	e.wait = ch
	p.mu.Unlock()

	// The call is shared: one poller's closed tab must not fail the others.
	v := ask(context.WithoutCancel(ctx))

	p.mu.Lock()
	e.at, e.credited, e.had, e.wait = now, v, true, nil
	p.mu.Unlock()
	close(ch)
	return v
}

// sweepLocked forgets the answers no poll would reuse.
func (p *polls) sweepLocked(now time.Time) {
	for k, e := range p.m {
		if e.wait == nil && now.Sub(e.at) >= pollEvery {
			delete(p.m, k)
		}
	}
}

// isCredited says whether Paykassma credited a, for the outcome page and
// its poll: an answer younger than pollEvery is reused and a call in
// flight shared, so reloads and tabs cost Paykassma one call per 10 s. A
// new attempt, or one whose outcome changed, has no answer yet: asked now.
func (h *handler) isCredited(v *visit, a *depositor.Attempt) bool {
	ctx := v.c.Request().Context()
	return h.polls.credited(ctx, pollKey(v.st.Label, a), h.now(), func(ctx context.Context) bool {
		return h.deposits.Credited(ctx, []depositor.Attempt{*a})[a.Ref]
	})
}
