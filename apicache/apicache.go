// Package apicache puts a cache in front of the Paykassma API the checkout
// calls, for the answers that change rarely and are asked for on every page:
// the payment systems and the mediahints, kept for minutes and served stale
// for a while when Paykassma fails, so a short outage does not break the
// choose page; and a depositor's savings (deposit-info), kept for seconds and
// dropped as soon as that depositor pays. Only one call per key is in flight:
// a hundred depositors opening the page at once make one upstream call.
//
// Payments themselves (activate, possible-transaction, payment/create) and
// deposit statuses always go to Paykassma.
package apicache

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/paykassma/checkout/paykassma"
)

// Options tune the cache; zero values take the defaults.
type Options struct {
	// TTL is how long payment systems and mediahints are fresh (5 minutes):
	// merchants change them in Paykassma's back office, rarely.
	TTL time.Duration
	// Stale is how long past TTL they may still be served when Paykassma
	// fails (30 minutes): long enough for an outage, short enough that a PS
	// switched off is not offered for long.
	Stale time.Duration
	// Backoff is how long after a failed refresh the stale answer is served
	// without asking again (15 seconds), so an outage does not make every
	// page wait for Paykassma's timeout.
	Backoff time.Duration
	// DepositInfoTTL is how long a depositor's savings are kept (10 seconds):
	// the pages of one visit ask several times; a payment drops them at once.
	DepositInfoTTL time.Duration
	// Timeout bounds a shared upstream call (20 seconds), which runs on its
	// own context: one caller giving up must not fail the others waiting.
	Timeout time.Duration
	Now     func() time.Time // nil: time.Now
	Logger  *slog.Logger     // nil: discard
}

// Cache is an API with the cache in front. It is safe for concurrent use.
type Cache struct {
	paykassma.API // the uncached calls go straight through
	o             Options

	ps    store[*paykassma.PaymentSystems]
	hints store[paykassma.Mediahints]
	di    store[*paykassma.DepositInfo]

	// psByCurrency is the last payment systems answer for a currency set,
	// whatever the label: what a depositor not seen before gets during an
	// outage.
	psMu         sync.Mutex
	psByCurrency map[string]*entry[*paykassma.PaymentSystems]

	// gen counts the payments of each label, so a deposit-info answer
	// fetched before a payment is never kept after it.
	genMu   sync.Mutex
	gen     map[string]generation
	genPuts int
}

// generation is a label's payment count and when it last moved. Once no
// fetch that began before that payment can still be running or cached
// (Timeout + DepositInfoTTL later), the count is forgotten, so the map holds
// only recent payers rather than everyone since the process started.
type generation struct {
	n  uint64
	at time.Time
}

var _ paykassma.API = (*Cache)(nil)

// New puts a cache in front of api.
func New(api paykassma.API, o Options) *Cache {
	if o.TTL <= 0 {
		o.TTL = 5 * time.Minute
	}
	if o.Stale <= 0 {
		o.Stale = 30 * time.Minute
	}
	if o.Backoff <= 0 {
		o.Backoff = 15 * time.Second
	}
	if o.DepositInfoTTL <= 0 {
		o.DepositInfoTTL = 10 * time.Second
	}
	if o.Timeout <= 0 {
		o.Timeout = 20 * time.Second
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return &Cache{API: api, o: o, psByCurrency: map[string]*entry[*paykassma.PaymentSystems]{}, gen: map[string]generation{}}
}

// PaymentSystems is cached per currency set and label. The label is part of
// the key because the API takes it: Paykassma may offer a depositor PSs it
// does not offer everyone, and showing someone another depositor's list
// would be wrong. Only when Paykassma fails and this depositor has no list
// yet, the last list for the same currencies stands in (stale, bounded).
func (c *Cache) PaymentSystems(ctx context.Context, req paykassma.PaymentSystemsRequest) (*paykassma.PaymentSystems, error) {
	cur := slices.Clone(req.CurrencyCodes)
	slices.Sort(cur)
	curKey := strings.Join(cur, ",")
	key := curKey + "\x00" + req.Label
	v, err := c.ps.get(ctx, c, key, c.o.TTL, c.o.Stale, func(ctx context.Context) (*paykassma.PaymentSystems, error) {
		return c.API.PaymentSystems(ctx, req)
	}, func(e *entry[*paykassma.PaymentSystems]) {
		c.psMu.Lock()
		c.psByCurrency[curKey] = e
		c.psMu.Unlock()
	})
	if err == nil {
		return v, nil
	}
	c.psMu.Lock()
	e := c.psByCurrency[curKey]
	c.psMu.Unlock()
	if e != nil && c.o.Now().Before(e.at.Add(c.o.TTL+c.o.Stale)) {
		c.o.Logger.Warn("payment systems: Paykassma failed; serving another depositor's list for the same currencies", "err", err)
		return e.val, nil
	}
	return nil, err
}

// Mediahints are the same for everyone: one key.
func (c *Cache) Mediahints(ctx context.Context) (paykassma.Mediahints, error) {
	return c.hints.get(ctx, c, "", c.o.TTL, c.o.Stale, func(ctx context.Context) (paykassma.Mediahints, error) {
		return c.API.Mediahints(ctx)
	}, nil)
}

// DepositInfo is cached per depositor and PS for seconds, never served
// stale: wrong savings would mislead more than none.
func (c *Cache) DepositInfo(ctx context.Context, req paykassma.DepositInfoRequest) (*paykassma.DepositInfo, error) {
	return c.di.get(ctx, c, c.diKey(req), c.o.DepositInfoTTL, 0, func(ctx context.Context) (*paykassma.DepositInfo, error) {
		return c.API.DepositInfo(ctx, req)
	}, nil)
}

// CachedDepositInfo is what DepositInfo would answer from memory, without
// calling Paykassma or waiting for a call in flight; ok is false when the
// answer is not cached or no longer fresh. A page asks it first so that,
// once warm, it needs no goroutine per PS to gather the savings.
func (c *Cache) CachedDepositInfo(req paykassma.DepositInfoRequest) (di *paykassma.DepositInfo, ok bool) {
	return c.di.peek(c.diKey(req), c.o.Now(), c.o.DepositInfoTTL, 0)
}

// CachedMediahints is what Mediahints would answer from memory, including a
// stale answer during a backoff; ok is false when it would call Paykassma.
func (c *Cache) CachedMediahints() (paykassma.Mediahints, bool) {
	return c.hints.peek("", c.o.Now(), c.o.TTL, c.o.Stale)
}

// diKey is a deposit-info answer's key: the depositor, the PS, and the
// count of the depositor's payments, so a payment makes older answers
// unreachable at once.
func (c *Cache) diKey(req paykassma.DepositInfoRequest) string {
	c.genMu.Lock()
	g := c.gen[req.Label].n
	c.genMu.Unlock()
	// One allocation: a page looks up one key per PS on every view.
	var n [20]byte
	var b strings.Builder
	b.Grow(len(req.Label) + len(req.WalletType) + len(req.Currency) + 30)
	for _, s := range [...]string{req.Label, req.WalletType, req.Currency, strconv.FormatBool(req.Manual)} {
		b.WriteString(s)
		b.WriteByte(0)
	}
	b.Write(strconv.AppendUint(n[:0], g, 10))
	return b.String()
}

// paid drops a depositor's cached savings: the payment may have changed them.
func (c *Cache) paid(label string) {
	now := c.o.Now()
	c.genMu.Lock()
	c.gen[label] = generation{n: c.gen[label].n + 1, at: now}
	if c.genPuts++; c.genPuts%256 == 0 {
		for l, g := range c.gen {
			if now.Sub(g.at) > c.o.Timeout+c.o.DepositInfoTTL {
				delete(c.gen, l)
			}
		}
	}
	c.genMu.Unlock()
	c.di.drop(func(key string) bool { return strings.HasPrefix(key, label+"\x00") })
}

// Activate sends the activation and drops the depositor's cached savings,
// whatever the answer: a timeout may hide a payment that went through.
func (c *Cache) Activate(ctx context.Context, req paykassma.ActivateRequest) (paykassma.Activation, error) {
	defer c.paid(req.Label)
	return c.API.Activate(ctx, req)
}

// PossibleTransaction sends it and drops the depositor's cached savings.
func (c *Cache) PossibleTransaction(ctx context.Context, req paykassma.PossibleTransactionRequest) (paykassma.Activation, error) {
	defer c.paid(req.Label)
	return c.API.PossibleTransaction(ctx, req)
}

// CreateBkashPayment creates it and drops the depositor's cached savings
// (the payment on the wallet's page will change them).
func (c *Cache) CreateBkashPayment(ctx context.Context, req paykassma.BkashPaymentRequest) (*paykassma.RedirectPayment, error) {
	defer c.paid(req.Label)
	return c.API.CreateBkashPayment(ctx, req)
}

// CreateNagadPayment creates it and drops the depositor's cached savings.
func (c *Cache) CreateNagadPayment(ctx context.Context, req paykassma.NagadPaymentRequest) (*paykassma.RedirectPayment, error) {
	defer c.paid(req.Label)
	return c.API.CreateNagadPayment(ctx, req)
}

// entry is one cached answer.
type entry[V any] struct {
	val   V
	at    time.Time // when it was fetched
	retry time.Time // after a failed refresh: no new call before this
}

// store is the cache of one kind of answer.
type store[V any] struct {
	mu     sync.Mutex
	m      map[string]*entry[V]
	puts   int
	flight singleflight.Group
}

// get answers from the cache while fresh, else makes one upstream call for
// all the callers of a key. When the call fails, an entry younger than
// ttl+stale is served instead, and not refreshed again for a backoff.
// kept, when set, sees each new entry.
func (s *store[V]) get(ctx context.Context, c *Cache, key string, ttl, stale time.Duration, fetch func(context.Context) (V, error), kept func(*entry[V])) (V, error) {
	if v, ok := s.peek(key, c.o.Now(), ttl, stale); ok {
		return v, nil
	}
	v, err, _ := s.flight.Do(key, func() (any, error) {
		// A flight that ended between our look and Do may have just stored it.
		if e, ok := s.lookup(key); ok && c.o.Now().Before(e.at.Add(ttl)) {
			return e.val, nil
		}
		// The first caller's values (its request id, for the log line of
		// the call) but not its cancellation: the others wait on it too.
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), c.o.Timeout)
		defer cancel()
		v, err := fetch(ctx)
		if err != nil {
			return v, err
		}
		ne := &entry[V]{val: v, at: c.o.Now()}
		s.mu.Lock()
		if s.m == nil {
			s.m = map[string]*entry[V]{}
		}
		s.m[key] = ne
		s.sweepLocked(c.o.Now(), ttl+stale)
		s.mu.Unlock()
		if kept != nil {
			kept(ne)
		}
		return v, nil
	})
	if err == nil {
		return v.(V), nil
	}
	now := c.o.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if e := s.m[key]; e != nil && stale > 0 && now.Before(e.at.Add(ttl+stale)) {
		e.retry = now.Add(c.o.Backoff)
		c.o.Logger.Warn("Paykassma failed; serving the last answer", "age", now.Sub(e.at).Round(time.Second).String(), "err", err)
		return e.val, nil
	}
	var zero V
	return zero, err
}

// peek is key's answer when get would serve it without a call: fresh, or
// stale within a backoff after a failed refresh.
func (s *store[V]) peek(key string, now time.Time, ttl, stale time.Duration) (V, bool) {
	if e, ok := s.lookup(key); ok && (now.Before(e.at.Add(ttl)) || (now.Before(e.retry) && now.Before(e.at.Add(ttl+stale)))) {
		return e.val, true
	}
	var zero V
	return zero, false
}

// lookup is a copy of key's entry: a failed refresh sets retry under mu,
// so the entry is read under mu too.
func (s *store[V]) lookup(key string) (entry[V], bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if e := s.m[key]; e != nil {
		return *e, true
	}
	return entry[V]{}, false
}

// sweepLocked drops entries too old to serve, so the map stays bounded by
// the keys in use; it runs every 256 new entries.
func (s *store[V]) sweepLocked(now time.Time, maxAge time.Duration) {
	if s.puts++; s.puts%256 != 0 {
		return
	}
	for k, e := range s.m {
		if !now.Before(e.at.Add(maxAge)) {
			delete(s.m, k)
		}
	}
}

// drop removes the entries whose keys match.
func (s *store[V]) drop(match func(string) bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for k := range s.m {
		if match(k) {
			delete(s.m, k)
		}
	}
}
