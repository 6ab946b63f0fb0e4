package handlers_test

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/paykassma/checkout/paykassma"
)

// amountsAPI records the amount of every activation the checkout sends.
type amountsAPI struct {
	paykassma.API
	mu      sync.Mutex
	amounts []string
}

func (a *amountsAPI) Activate(ctx context.Context, req paykassma.ActivateRequest) (paykassma.Activation, error) {
	a.mu.Lock()
	if req.Amount == nil {
		a.amounts = append(a.amounts, "<none>")
	} else {
		a.amounts = append(a.amounts, req.Amount.String())
	}
	a.mu.Unlock()
	return a.API.Activate(ctx, req)
}

func (a *amountsAPI) sent() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]string(nil), a.amounts...)
}

func amountsEnv(t *testing.T) (*env, *amountsAPI) {
	rec := &amountsAPI{}
	e := newEnv(t, options{api: func(real paykassma.API) paykassma.API { rec.API = real; return rec }})
	return e, rec
}

func TestAmount_ADecimalCommaIsRefusedNotReadAsGrouping(t *testing.T) {
	for _, wallet := range []string{"upi_l", "phone_pe"} {
		t.Run(wallet, func(t *testing.T) {
			e, rec := amountsEnv(t)
			e.start("u42", "INR")
			form := e.get("/pay/" + wallet).mustStatus(http.StatusOK)
			again := e.submit(form, map[string]string{"key1": "412345678901", "amount": " 500,50 "}).
				mustStatus(http.StatusUnprocessableEntity)
			if msg := again.text("error-amount"); !strings.Contains(msg, "like 500 or 1,500.50") {
				t.Errorf("error beside the amount: %q, want it to show the expected form", msg)
			}
			if got := again.doc.Find(`#pay-form input[name="amount"]`).AttrOr("value", ""); got != "500,50" {
				t.Errorf("typed amount shown again as %q, want %q", got, "500,50")
			}
			if sent := rec.sent(); len(sent) != 0 {
				t.Errorf("a refused amount reached Paykassma: %v", sent)
			}
		})
	}
}

func TestAmount_GroupedAndSymbolAmountsAreSentExactly(t *testing.T) {
	tests := []struct {
		name, wallet, key1, typed, sent string
	}{
		{"Indian grouping", "upi_l", "412345678901", "1,00,000", "100000.00"},
		{"a rupee sign, a space and paise", "upi_l", "412345678902", "₹ 500.50", "500.50"},
		{"Western grouping on PhonePe", "phone_pe", "412345678903", "1,500.50", "1500.50"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, rec := amountsEnv(t)
			e.start("u42", "INR")
			form := e.get("/pay/" + tt.wallet).mustStatus(http.StatusOK)
			statusRef(t, e.submit(form, map[string]string{"key1": tt.key1, "amount": tt.typed}))
			if sent := rec.sent(); len(sent) != 1 || sent[0] != tt.sent {
				t.Errorf("typed %q, sent %v upstream; want [%s]", tt.typed, sent, tt.sent)
			}
		})
	}
}
