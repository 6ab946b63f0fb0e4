package handlers_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/paykassma/checkout/paykassma"
)

// A small bKash payment is saved toward bKash's minimum: the choose page
// shows it under bKash, lacking ৳50 of ৳200, and nothing under bKash (pay in
// app), whose own savings are empty; a second payment by bKash credits both.
func TestSavings_ShowUnderThePSTheyCountToward(t *testing.T) {
	e := newEnv(t, options{})
	e.start("u42", "BDT")
	e.submit(e.get("/pay/bkash"), map[string]string{"key1": "9GH4K2L150"}).mustStatus(http.StatusSeeOther)
	choose := e.get("/").mustStatus(200)
	bkash := choose.doc.Find(`[data-type="bkash"] [data-testid="savings"]`)
	got := [3]string{bkash.Find(`[data-testid="savings-accumulated"]`).Text(), bkash.Find(`[data-testid="savings-lacking"]`).Text(), bkash.Find(`[data-testid="savings-minimum"]`).Text()}
	if got != [3]string{"৳150", "৳50", "৳200"} {
		t.Errorf("bKash's savings (accumulated, lacking, minimum) = %q, want ৳150, ৳50, ৳200", got)
	}
	if n := choose.doc.Find(`[data-type="bkash_api"] [data-testid="savings"]`).Length(); n != 0 {
		t.Errorf("bKash (pay in app) shows savings it has none of: %s", outer(choose.doc.Find(`[data-type="bkash_api"] [data-testid="savings"]`)))
	}
	if n := e.get("/pay/bkash_api").doc.Find(`[data-testid="savings"]`).Length(); n != 0 {
		t.Error("the bKash (pay in app) page shows bKash's savings")
	}
}

// fixedDepositInfo answers deposit-info with one answer for every PS.
type fixedDepositInfo struct {
	paykassma.API
	di paykassma.DepositInfo
}

func (f *fixedDepositInfo) DepositInfo(context.Context, paykassma.DepositInfoRequest) (*paykassma.DepositInfo, error) {
	di := f.di
	return &di, nil
}

// The meter is what deposit-info says, nothing computed beside it: the bar
// is the saved part of saved + lacking, the two figures written below it,
// so the bar and the words never disagree, whatever the minimum.
func TestSavings_TheMeterShowsWhatDepositInfoSays(t *testing.T) {
	d := decimal.NewFromInt
	cases := []struct {
		name                  string
		saved, lacks, minimum int64
		value, max            string
		words                 [3]string
	}{
		{"part of the minimum", 150, 50, 200, "150", "200", [3]string{"৳150", "৳50", "৳200"}},
		{"nothing lacks", 150, 0, 100, "150", "150", [3]string{"৳150", "৳0", "৳100"}},
		{"more lacks than the minimum less the savings", 150, 100, 200, "150", "250", [3]string{"৳150", "৳100", "৳200"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := &fixedDepositInfo{di: paykassma.DepositInfo{StockpilingSum: d(tc.saved), LacksSum: d(tc.lacks), MinimumDeposit: d(tc.minimum)}}
			e := newEnv(t, options{noCache: true, api: func(real paykassma.API) paykassma.API { f.API = real; return f }})
			e.start("u42", "BDT")
			p := e.get("/pay/bkash").mustStatus(200)
			m := p.doc.Find(`[data-testid="savings"] meter`)
			if m.AttrOr("value", "") != tc.value || m.AttrOr("max", "") != tc.max {
				t.Errorf("meter %s, want value %s of %s", outer(m), tc.value, tc.max)
			}
			got := [3]string{p.text("savings-accumulated"), p.text("savings-lacking"), p.text("savings-minimum")}
			if got != tc.words {
				t.Errorf("savings (accumulated, lacking, minimum) = %q, want %q", got, tc.words)
			}
		})
	}
}
