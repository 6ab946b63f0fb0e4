package handlers_test

import (
	"context"
	"slices"
	"sync/atomic"
	"testing"

	"github.com/paykassma/checkout/paykassma"
)

// diCountingAPI counts the deposit-info calls that reach Paykassma.
type diCountingAPI struct {
	paykassma.API
	di atomic.Int32
}

func (c *diCountingAPI) DepositInfo(ctx context.Context, req paykassma.DepositInfoRequest) (*paykassma.DepositInfo, error) {
	c.di.Add(1)
	return c.API.DepositInfo(ctx, req)
}

// With the cache in front (as server wires it), a reload takes the savings from memory, and a
// payment still shows on the very next page.
func TestChoose_AWarmReloadShowsTheCachedSavingsAndAPaymentRefreshesThem(t *testing.T) {
	var up *diCountingAPI
	e := newEnv(t, options{api: func(real paykassma.API) paykassma.API {
		up = &diCountingAPI{API: real}
		return up
	}})
	first := e.start("u42", "INR").mustStatus(200)
	perView := up.di.Load()
	if perView == 0 {
		t.Fatal("the first view asked for no savings")
	}
	// Into savings: the payment makes the cached savings unknown.
	e.follow(e.submit(e.get("/pay/paytm"), map[string]string{"key1": "20512345150"})).mustStatus(200)
	saved := e.get("/").mustStatus(200)
	if got := saved.doc.Find(`[data-type="paytm"] [data-testid="savings-accumulated"]`).Text(); got != "₹150" {
		t.Fatalf("after the payment the choose page shows savings %q, want ₹150", got)
	}
	before := up.di.Load()
	again := e.get("/").mustStatus(200)
	if up.di.Load() != before {
		t.Errorf("a warm reload made %d deposit-info calls, want 0", up.di.Load()-before)
	}
	if got, want := again.texts("method-min"), saved.texts("method-min"); !slices.Equal(got, want) || len(got) == 0 {
		t.Errorf("minimums on reload %q, want %q", got, want)
	}
	if got := again.doc.Find(`[data-type="paytm"] [data-testid="savings-accumulated"]`).Text(); got != "₹150" {
		t.Errorf("a warm reload shows savings %q, want ₹150", got)
	}
	if first.doc.Find(`[data-testid="savings"]`).Length() != 0 {
		t.Error("savings shown before any payment")
	}
	// The second payment credits both: the savings are gone at once.
	e.follow(e.submit(e.get("/pay/paytm"), map[string]string{"key1": "20512345678"})).mustStatus(200)
	if n := e.get("/").mustStatus(200).doc.Find(`[data-testid="savings"]`).Length(); n != 0 {
		t.Errorf("after the crediting payment the choose page still shows %d meters", n)
	}
}
