package handlers

import (
	"fmt"
	"github.com/paykassma/checkout/deposit"
	"slices"
	"sync"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/paykassma/checkout/paykassma"
	"github.com/paykassma/checkout/views"
)

// Every input money reads reaches the text, kept or not: a changed amount,
// currency or symbol never gets another's string.
func TestMoney_KeptTextsFollowEveryInput(t *testing.T) {
	inr := paykassma.Currency{Code: "INR"}
	tests := []struct {
		name   string
		amount string
		cur    paykassma.Currency
		want   string
	}{
		{"first", "150000.5", inr, "₹1,50,000.50"},
		{"same value, other exponent", "150000.50", inr, "₹1,50,000.50"},
		{"another amount", "150000.6", inr, "₹1,50,000.60"},
		{"the amount ten times", "1500005", inr, "₹15,00,005"},
		{"a tenth of it", "15000.05", inr, "₹15,000.05"},
		{"negative", "-150000.5", inr, "₹-1,50,000.50"},
		{"another currency", "150000.5", paykassma.Currency{Code: "USD"}, "$150,000.50"},
		{"the API's own symbol", "150000.5", paykassma.Currency{Code: "INR", Symbol: "Rs"}, "Rs1,50,000.50"},
		{"no symbol known", "150000.5", paykassma.Currency{Code: "XYZ"}, "150,000.50 XYZ"},
		{"too long to keep", "12345678901234567.5", inr, "₹12,34,56,78,90,12,34,567.50"},
	}
	for range 2 { // computed, then kept
		for _, tc := range tests {
			d := decimal.RequireFromString(tc.amount)
			if got := money(d, tc.cur); got != tc.want {
				t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
			}
			if got, want := money(d, tc.cur), formatMoney(d, tc.cur); got != want {
				t.Errorf("%s: kept %q, computed %q", tc.name, got, want)
			}
		}
	}
}

// A kept guide is the one its inputs make, and a request that changes its
// own steps does not change the next request's.
func TestGuide_KeptGuidesFollowEveryInputAndAreNotShared(t *testing.T) {
	h := &handler{}
	paytm := &paykassma.Wallet{Type: "paytm", Name: "PayTM"}
	hints := paykassma.Mediahints{"paytm": {URL: "https://cdn.example/paytm.gif"}}
	base := guideOf(h, "en", paytm, hints, false)
	variants := map[string]views.Guide{
		"another language": guideOf(h, "hi", paytm, hints, false),
		"another name":     guideOf(h, "en", &paykassma.Wallet{Type: "paytm", Name: "Paytm Wallet"}, hints, false),
		"another PS":       guideOf(h, "en", &paykassma.Wallet{Type: "upi_p2p", Name: "PayTM"}, hints, false),
		"manual":           guideOf(h, "en", &paykassma.Wallet{Type: "paytm", Name: "PayTM", IsManual: true}, hints, false),
		"redirect":         guideOf(h, "en", paytm, hints, true),
		"another media":    guideOf(h, "en", paytm, paykassma.Mediahints{"paytm": {URL: "https://cdn.example/paytm.mp4"}}, false),
		"no media":         guideOf(h, "en", paytm, nil, false),
	}
	for name, g := range variants {
		if fmt.Sprint(g) == fmt.Sprint(base) {
			t.Errorf("%s: the same guide as the first: %+v", name, g)
		}
		k := guideKeyOf(t, name, g)
		want := buildGuide(k)
		if html, err := renderGuideMedia(k.lang, want); err != nil || g.MediaHTML != html {
			t.Errorf("%s: kept media HTML %q, rendered %q (%v)", name, g.MediaHTML, html, err)
		}
		if g.MediaHTML = ""; fmt.Sprint(g) != fmt.Sprint(want) {
			t.Errorf("%s: kept %+v, computed %+v", name, g, want)
		}
	}
	if v := variants["another media"]; v.VideoURL != "https://cdn.example/paytm.mp4" || v.ImageURL != "" {
		t.Errorf("an mp4 hint: %+v", v)
	}

	first := guideOf(h, "en", paytm, hints, false)
	want := slices.Clone(first.Steps)
	first.Steps[0] = "changed by one request"
	if again := guideOf(h, "en", paytm, hints, false); !slices.Equal(again.Steps, want) {
		t.Errorf("one request's change reached the next: %q", again.Steps)
	}
}

// guideKeyOf rebuilds the key of a variant above, to compare with a guide
// computed afresh.
func guideKeyOf(t *testing.T, name string, g views.Guide) guideKey {
	t.Helper()
	k := guideKey{lang: "en", walletType: "paytm", name: "PayTM", family: deposit.PayTM, media: "https://cdn.example/paytm.gif"}
	switch name {
	case "another language":
		k.lang = "hi"
	case "another name":
		k.name = "Paytm Wallet"
	case "another PS":
		k.walletType, k.family, k.media = "upi_p2p", deposit.UPI, "" // no hint for UPI
	case "manual":
		k.family = deposit.Manual
	case "redirect":
		k.redirect = true
	case "another media":
		k.media = "https://cdn.example/paytm.mp4"
	case "no media":
		k.media = ""
	}
	return k
}

// Under -race: many requests formatting at once, past the bound, each get
// what their own inputs make.
func TestMemo_ConcurrentUseIsRaceFreeAndBounded(t *testing.T) {
	m := newMemo[int, string](8)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 200 {
				k := (g*7 + i) % 40
				v, ok := m.load(k)
				if !ok {
					v = fmt.Sprint(k)
					m.store(k, v)
				}
				if v != fmt.Sprint(k) {
					t.Errorf("key %d: %q", k, v)
					return
				}
				d := decimal.New(int64(k), -1)
				if got, want := money(d, paykassma.Currency{Code: "INR"}), formatMoney(d, paykassma.Currency{Code: "INR"}); got != want {
					t.Errorf("money(%s): %q, want %q", d, got, want)
					return
				}
			}
		})
	}
	wg.Wait()
	m.mu.RLock()
	defer m.mu.RUnlock()
	if len(m.m) > 8 {
		t.Errorf("%d entries kept, bound 8", len(m.m))
	}
}

// describe is the Method of w, as a config that pays it by redirect or not.
func describe(w *paykassma.Wallet, redirect bool) deposit.Method {
	return deposit.Rules{Redirect: func(string) bool { return redirect }}.Describe(w)
}

func guideOf(h *handler, lang string, w *paykassma.Wallet, hints paykassma.Mediahints, redirect bool) views.Guide {
	return h.guide(lang, describe(w, redirect), hints)
}

func guideHTMLOf(h *handler, lang string, w *paykassma.Wallet, hints paykassma.Mediahints, redirect bool) (string, error) {
	return h.guideHTML(lang, describe(w, redirect), hints)
}
