package apicache_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/paykassma/checkout/apicache"
	"github.com/paykassma/checkout/paykassma"
)

// upstream is a fake Paykassma that counts its calls. gate, when set,
// holds every call until it is closed; fail makes calls fail.
type upstream struct {
	paykassma.API // nil: the calls a test does not expect panic
	ps, hints     atomic.Int32
	di, activate  atomic.Int32
	fail          atomic.Bool
	gate          chan struct{}
	savings       atomic.Int64
}

var errDown = &paykassma.UnavailableError{Endpoint: "x", HTTPStatus: 502}

func (u *upstream) wait() {
	if u.gate != nil {
		<-u.gate
	}
}

func (u *upstream) PaymentSystems(ctx context.Context, req paykassma.PaymentSystemsRequest) (*paykassma.PaymentSystems, error) {
	u.ps.Add(1)
	u.wait()
	if u.fail.Load() {
		return nil, errDown
	}
	return &paykassma.PaymentSystems{Wallets: []paykassma.Wallet{{Type: "paytm", CurrencyCode: req.CurrencyCodes[0]}}}, nil
}

func (u *upstream) Mediahints(ctx context.Context) (paykassma.Mediahints, error) {
	u.hints.Add(1)
	u.wait()
	if u.fail.Load() {
		return nil, errDown
	}
	return paykassma.Mediahints{"paytm": {}}, nil
}

func (u *upstream) DepositInfo(ctx context.Context, req paykassma.DepositInfoRequest) (*paykassma.DepositInfo, error) {
	u.di.Add(1)
	if u.fail.Load() {
		return nil, errDown
	}
	return &paykassma.DepositInfo{StockpilingSum: decimal.NewFromInt(u.savings.Load())}, nil
}

func (u *upstream) Activate(ctx context.Context, req paykassma.ActivateRequest) (paykassma.Activation, error) {
	u.activate.Add(1)
	u.savings.Add(150)
	return paykassma.Activated, nil
}

type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

func newCache(u *upstream) (*apicache.Cache, *fakeClock) {
	clk := &fakeClock{t: time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)}
	return apicache.New(u, apicache.Options{TTL: 5 * time.Minute, Stale: 30 * time.Minute, Backoff: 15 * time.Second,
		DepositInfoTTL: 10 * time.Second, Now: clk.Now}), clk
}

var inr = paykassma.PaymentSystemsRequest{CurrencyCodes: []string{"INR"}, Label: "u1"}

func TestCache_PaymentSystemsAndMediahintsAreFetchedOncePerTTL(t *testing.T) {
	u := &upstream{}
	c, clk := newCache(u)
	ctx := t.Context()
	for range 5 {
		if _, err := c.PaymentSystems(ctx, inr); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Mediahints(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if u.ps.Load() != 1 || u.hints.Load() != 1 {
		t.Errorf("upstream calls: ps %d, hints %d; want 1 each", u.ps.Load(), u.hints.Load())
	}
	// Another depositor or currency is another key.
	c.PaymentSystems(ctx, paykassma.PaymentSystemsRequest{CurrencyCodes: []string{"INR"}, Label: "u2"})
	c.PaymentSystems(ctx, paykassma.PaymentSystemsRequest{CurrencyCodes: []string{"BDT"}, Label: "u1"})
	if u.ps.Load() != 3 {
		t.Errorf("ps calls %d, want 3", u.ps.Load())
	}
	clk.add(5*time.Minute - time.Second)
	c.PaymentSystems(ctx, inr)
	if u.ps.Load() != 3 {
		t.Error("refetched before the TTL ran out")
	}
	clk.add(time.Second)
	c.PaymentSystems(ctx, inr)
	c.Mediahints(ctx)
	if u.ps.Load() != 4 || u.hints.Load() != 2 {
		t.Errorf("after the TTL: ps %d, hints %d; want 4 and 2", u.ps.Load(), u.hints.Load())
	}
}

func TestCache_HundredConcurrentCallersMakeOneUpstreamCall(t *testing.T) {
	u := &upstream{gate: make(chan struct{})}
	c, _ := newCache(u)
	var wg, started sync.WaitGroup
	var failed atomic.Int32
	for range 100 {
		started.Add(2)
		wg.Go(func() {
			started.Done()
			if _, err := c.PaymentSystems(context.Background(), inr); err != nil {
				failed.Add(1)
			}
		})
		wg.Go(func() {
			started.Done()
			if _, err := c.Mediahints(context.Background()); err != nil {
				failed.Add(1)
			}
		})
	}
	started.Wait()
	// Callers that come while the call is held join it; those that come
	// after find its answer.
	close(u.gate)
	wg.Wait()
	if u.ps.Load() != 1 || u.hints.Load() != 1 || failed.Load() != 0 {
		t.Errorf("ps %d, hints %d upstream calls (want 1 each); %d failed", u.ps.Load(), u.hints.Load(), failed.Load())
	}
}

func TestCache_AnOutageServesTheLastAnswerForABoundedTime(t *testing.T) {
	u := &upstream{}
	c, clk := newCache(u)
	ctx := t.Context()
	c.PaymentSystems(ctx, inr)
	c.Mediahints(ctx)
	u.fail.Store(true)

	clk.add(6 * time.Minute) // stale now
	ps, err := c.PaymentSystems(ctx, inr)
	if err != nil || len(ps.Wallets) != 1 {
		t.Fatalf("during an outage: %v %v, want the last list", ps, err)
	}
	if _, err := c.Mediahints(ctx); err != nil {
		t.Fatalf("mediahints during an outage: %v", err)
	}
	// Within the backoff the stale answer comes without asking again.
	calls := u.ps.Load()
	clk.add(10 * time.Second)
	c.PaymentSystems(ctx, inr)
	if u.ps.Load() != calls {
		t.Error("asked Paykassma again within the backoff")
	}
	clk.add(10 * time.Second)
	c.PaymentSystems(ctx, inr)
	if u.ps.Load() != calls+1 {
		t.Error("did not ask again after the backoff")
	}
	// A depositor not seen before gets the list for the same currencies.
	if _, err := c.PaymentSystems(ctx, paykassma.PaymentSystemsRequest{CurrencyCodes: []string{"INR"}, Label: "new"}); err != nil {
		t.Errorf("a new depositor during the outage: %v", err)
	}
	if _, err := c.PaymentSystems(ctx, paykassma.PaymentSystemsRequest{CurrencyCodes: []string{"BDT"}, Label: "new"}); !errors.Is(err, paykassma.ErrUnavailable) {
		t.Errorf("a currency never seen: %v, want the outage", err)
	}
	// Past TTL+stale the outage shows.
	clk.add(30 * time.Minute)
	if _, err := c.PaymentSystems(ctx, inr); !errors.Is(err, paykassma.ErrUnavailable) {
		t.Errorf("past the stale bound: %v, want the outage", err)
	}
	if _, err := c.Mediahints(ctx); !errors.Is(err, paykassma.ErrUnavailable) {
		t.Errorf("mediahints past the stale bound: %v", err)
	}
	// Once Paykassma is back, it is fresh again.
	u.fail.Store(false)
	if _, err := c.PaymentSystems(ctx, inr); err != nil {
		t.Errorf("after the outage: %v", err)
	}
}

func TestCache_DepositInfoIsKeptForSecondsAndDroppedWhenTheDepositorPays(t *testing.T) {
	u := &upstream{}
	c, clk := newCache(u)
	ctx := t.Context()
	req := paykassma.DepositInfoRequest{Label: "u1", WalletType: "paytm", Currency: "INR"}
	other := paykassma.DepositInfoRequest{Label: "u2", WalletType: "paytm", Currency: "INR"}
	c.DepositInfo(ctx, req)
	c.DepositInfo(ctx, req)
	c.DepositInfo(ctx, other)
	if u.di.Load() != 2 {
		t.Fatalf("deposit-info calls %d, want 2", u.di.Load())
	}
	c.Activate(ctx, paykassma.ActivateRequest{Label: "u1"})
	di, _ := c.DepositInfo(ctx, req)
	if u.di.Load() != 3 || !di.StockpilingSum.Equal(decimal.NewFromInt(150)) {
		t.Errorf("after the payment: %d calls, savings %s; want a fresh answer with 150", u.di.Load(), di.StockpilingSum)
	}
	c.DepositInfo(ctx, other) // another depositor's entry is kept
	if u.di.Load() != 3 {
		t.Errorf("another depositor's savings were dropped")
	}
	clk.add(10 * time.Second)
	c.DepositInfo(ctx, req)
	if u.di.Load() != 4 {
		t.Errorf("kept past its TTL")
	}
	// Never served stale.
	u.fail.Store(true)
	clk.add(10 * time.Second)
	if _, err := c.DepositInfo(ctx, req); err == nil {
		t.Error("stale savings served during an outage")
	}
}

// Under -race: callers reading a stale entry while a failed refresh marks
// it for backoff must not race, and every one of them gets the stale list.
func TestCache_StaleListServedToConcurrentCallersDuringAnOutage(t *testing.T) {
	u := &upstream{}
	c, clk := newCache(u)
	ctx := t.Context()
	if _, err := c.Mediahints(ctx); err != nil {
		t.Fatal(err)
	}
	u.fail.Store(true)
	clk.add(6 * time.Minute) // past TTL, within Stale
	var wg sync.WaitGroup
	errs := make(chan error, 32)
	for range 32 {
		wg.Go(func() {
			if h, err := c.Mediahints(ctx); err != nil || h == nil {
				errs <- fmt.Errorf("hints %v, err %v", h, err)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// The non-blocking look-up answers what DepositInfo would answer from
// memory, and nothing it would have to ask Paykassma for.
func TestCache_CachedDepositInfoAnswersOnlyWhatIsFreshAndNeverCalls(t *testing.T) {
	u := &upstream{}
	c, clk := newCache(u)
	ctx := t.Context()
	req := paykassma.DepositInfoRequest{Label: "u1", WalletType: "paytm", Currency: "INR"}
	if _, ok := c.CachedDepositInfo(req); ok {
		t.Fatal("an answer never fetched was found")
	}
	if u.di.Load() != 0 {
		t.Fatal("the look-up called Paykassma")
	}
	u.savings.Store(300)
	want, err := c.DepositInfo(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := c.CachedDepositInfo(req); !ok || got != want {
		t.Errorf("warm: %v %v, want the fetched answer", got, ok)
	}
	for name, other := range map[string]paykassma.DepositInfoRequest{
		"another depositor": {Label: "u2", WalletType: "paytm", Currency: "INR"},
		"another PS":        {Label: "u1", WalletType: "upi_p2p", Currency: "INR"},
		"another currency":  {Label: "u1", WalletType: "paytm", Currency: "BDT"},
		"manual":            {Label: "u1", WalletType: "paytm", Currency: "INR", Manual: true},
	} {
		if _, ok := c.CachedDepositInfo(other); ok {
			t.Errorf("%s: found the first depositor's answer", name)
		}
	}
	// A payment makes the savings unknown again, at once.
	c.Activate(ctx, paykassma.ActivateRequest{Label: "u1"})
	if _, ok := c.CachedDepositInfo(req); ok {
		t.Error("savings from before the payment were found")
	}
	c.DepositInfo(ctx, req)
	clk.add(10 * time.Second)
	if _, ok := c.CachedDepositInfo(req); ok {
		t.Error("found past its TTL")
	}
	if u.di.Load() != 2 {
		t.Errorf("deposit-info calls %d, want 2 (the look-ups made none)", u.di.Load())
	}
}

func TestCache_CachedMediahintsIncludesTheStaleAnswerOnlyDuringABackoff(t *testing.T) {
	u := &upstream{}
	c, clk := newCache(u)
	ctx := t.Context()
	if _, ok := c.CachedMediahints(); ok {
		t.Fatal("mediahints never fetched were found")
	}
	c.Mediahints(ctx)
	if mh, ok := c.CachedMediahints(); !ok || len(mh) != 1 {
		t.Fatalf("warm: %v %v", mh, ok)
	}
	clk.add(5 * time.Minute)
	if _, ok := c.CachedMediahints(); ok {
		t.Error("found past the TTL: the page would never refresh them")
	}
	u.fail.Store(true)
	c.Mediahints(ctx) // fails; the stale answer is served and backs off
	if _, ok := c.CachedMediahints(); !ok {
		t.Error("the stale answer was not found during the backoff")
	}
	clk.add(15 * time.Second)
	if _, ok := c.CachedMediahints(); ok {
		t.Error("found after the backoff: Paykassma would not be asked again")
	}
	if u.hints.Load() != 2 {
		t.Errorf("mediahints calls %d, want 2", u.hints.Load())
	}
}

// Under -race: look-ups beside fetches and payments.
func TestCache_CachedDepositInfoIsSafeBesideFetchesAndPayments(t *testing.T) {
	u := &upstream{}
	c, _ := newCache(u)
	var wg sync.WaitGroup
	for i := range 8 {
		req := paykassma.DepositInfoRequest{Label: fmt.Sprint("u", i%2), WalletType: "paytm", Currency: "INR"}
		wg.Go(func() {
			for range 50 {
				c.DepositInfo(context.Background(), req)
				c.CachedDepositInfo(req)
				c.CachedMediahints()
			}
		})
		wg.Go(func() {
			for range 20 {
				c.Activate(context.Background(), paykassma.ActivateRequest{Label: req.Label})
			}
		})
	}
	wg.Wait()
}
