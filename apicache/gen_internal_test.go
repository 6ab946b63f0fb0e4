package apicache

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/paykassma/checkout/paykassma"
)

type payOnly struct{ paykassma.API }

func (payOnly) Activate(context.Context, paykassma.ActivateRequest) (paykassma.Activation, error) {
	return paykassma.Activated, nil
}

// A long-running process must not remember every depositor who ever paid.
func TestPaid_ForgetsDepositorsWhosePaymentsCanNoLongerMatter(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	c := New(payOnly{}, Options{Now: func() time.Time { return now }})
	for i := range 1000 {
		c.Activate(context.Background(), paykassma.ActivateRequest{Label: fmt.Sprint("u", i)})
	}
	if n := len(c.gen); n != 1000 {
		t.Fatalf("recent payers remembered = %d, want 1000 (their savings may still be in flight)", n)
	}
	now = now.Add(c.o.Timeout + c.o.DepositInfoTTL + time.Second)
	for i := range 256 {
		c.Activate(context.Background(), paykassma.ActivateRequest{Label: fmt.Sprint("v", i)})
	}
	if n := len(c.gen); n != 256 {
		t.Fatalf("payers remembered = %d, want only the 256 recent ones", n)
	}
}
