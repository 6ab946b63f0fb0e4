package handlers_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"
)

func TestChoose_ListsTheCurrencysMethodsInAPIOrderWithLogosAndGuides(t *testing.T) {
	tests := []struct {
		currency string
		names    []string
	}{
		{"INR", []string{"PayTM", "UPI", "UPI IB", "PhonePe", "IMPS", "Bank transfer (manual)", "UPI (shop)"}},
		{"BDT", []string{"bKash", "Nagad", "bKash (pay in app)", "Nagad (pay in app)"}},
	}
	for _, tc := range tests {
		t.Run(tc.currency, func(t *testing.T) {
			e := newEnv(t, options{})
			p := e.start("u42", tc.currency)
			if got := p.texts("method-name"); !slices.Equal(got, tc.names) {
				t.Fatalf("methods %q, want %q in the API's order", got, tc.names)
			}
			p.id("method").Each(func(_ int, m *goqSel) {
				typ := m.AttrOr("data-type", "")
				logo := m.Find(`[data-testid="method-logo"]`)
				if src := logo.AttrOr("src", ""); !strings.Contains(src, "/sandbox/sandbox-assets/logo/") {
					t.Errorf("%s: logo src %q", typ, src)
				}
				if alt := logo.AttrOr("alt", ""); alt == "" {
					t.Errorf("%s: logo without alt", typ)
				}
				if steps := m.Find(`[data-testid="guide-steps"] li`).Length(); steps < 3 {
					t.Errorf("%s: %d written guide steps, want the steps in text", typ, steps)
				}
			})
		})
	}
}

func TestChoose_GuidesAreLazyGifsAndVideosThatLoadNothingUntilPlayed(t *testing.T) {
	e := newEnv(t, options{})
	p := e.start("u42", "INR")
	method := func(typ string) *goqSel { return p.doc.Find(`[data-testid="method"][data-type="` + typ + `"]`) }

	img := method("paytm").Find(`img[data-testid="hint-image"]`)
	if img.AttrOr("loading", "") != "lazy" || img.AttrOr("alt", "") == "" || !strings.HasSuffix(img.AttrOr("src", ""), ".gif") {
		t.Errorf("paytm's gif guide: %s", outer(img))
	}
	video := method("upi_l").Find(`video[data-testid="hint-video"]`)
	for _, attr := range []string{"muted", "playsinline", "controls"} {
		if _, ok := video.Attr(attr); !ok {
			t.Errorf("upi's video guide lacks %s: %s", attr, outer(video))
		}
	}
	if video.AttrOr("preload", "") != "none" || !strings.HasSuffix(video.AttrOr("src", ""), ".mp4") {
		t.Errorf("upi's video guide: %s", outer(video))
	}
	manual := method("staging_b_ml")
	if manual.Find("img.hint, video").Length() != 0 || manual.Find(`[data-testid="guide-steps"] li`).Length() == 0 {
		t.Errorf("a PS without a mediahint should have its steps in text only")
	}
}

func TestChoose_WithoutLabelExplainsTheLinkIsIncomplete(t *testing.T) {
	for _, path := range []string{"/", "/?currency_code=INR", "/?label=u42", "/?label=u42&currency_code=RUPEES"} {
		e := newEnv(t, options{})
		p := e.get(path).mustStatus(http.StatusBadRequest)
		if !strings.Contains(p.text("error-title"), "incomplete") {
			t.Errorf("%s: %q", path, p.text("error-title"))
		}
		demo := e.click(p, "demo-inr").mustStatus(http.StatusOK)
		if len(demo.texts("method-name")) == 0 {
			t.Errorf("%s: the sandbox's demo link shows no methods", path)
		}
	}
}

func TestChoose_OtherPagesWithoutStateSayTheSessionExpired(t *testing.T) {
	e := newEnv(t, options{})
	for _, path := range []string{"/pay/paytm", "/status/PKAAAAAAAAAAAAAAAAAAAA"} {
		p := e.get(path).mustStatus(http.StatusBadRequest)
		if !strings.Contains(p.text("error-title"), "expired") {
			t.Errorf("%s: %q", path, p.text("error-title"))
		}
	}
}
