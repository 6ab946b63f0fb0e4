package handlers

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/a-h/templ"

	"github.com/paykassma/checkout/i18n"
	"github.com/paykassma/checkout/paykassma"
	"github.com/paykassma/checkout/views"
)

// The choose page with its guides kept as HTML is byte for byte the page
// that rendering each guide gives, in every language and for every kind of
// guide (gif, video, none, redirect, a name needing escaping), and the
// kept guides hold neither the request's CSP nonce nor a script.
func TestChoosePage_KeptGuidesAreTheBytesRenderingGives(t *testing.T) {
	h := &handler{}
	hints := paykassma.Mediahints{
		"paytm":   {URL: "https://cdn.example/paytm.gif"},
		"upi_l":   {URL: "https://cdn.example/upi.mp4?v=2&x=<y>"},
		"phonepe": {URL: `https://cdn.example/"quoted".webm`},
	}
	type wallet struct {
		w        paykassma.Wallet
		redirect bool
	}
	wallets := []wallet{
		{w: paykassma.Wallet{Type: "paytm", Name: "PayTM"}},
		{w: paykassma.Wallet{Type: "upi_l", Name: "UPI"}},
		{w: paykassma.Wallet{Type: "phonepe", Name: `Phone<b>Pe</b> & "co"`}},
		{w: paykassma.Wallet{Type: "staging_b_ml", Name: "Bank transfer", IsManual: true}},
		{w: paykassma.Wallet{Type: "upi_hb", Name: "UPI HB"}, redirect: true},
	}
	const nonce = "nonce-of-this-request"
	for _, lang := range []string{"en", "hi", "bn"} {
		t.Run(lang, func(t *testing.T) {
			ctx := templ.WithNonce(i18n.WithLang(context.Background(), lang), nonce)
			rendered := views.ChooseView{Page: views.Page{Lang: lang, Title: "t"}}
			kept := rendered
			for range 2 { // computed, then kept
				rendered.Methods, kept.Methods = nil, nil
				for _, w := range wallets {
					m := views.Method{Type: w.w.Type, Name: w.w.Name, URL: "/pay/" + w.w.Type}
					rendered.Methods = append(rendered.Methods, m)
					html, err := guideHTMLOf(h, lang, &w.w, hints, w.redirect)
					if err != nil {
						t.Fatal(err)
					}
					if strings.Contains(html, nonce) || strings.Contains(html, "<script") {
						t.Errorf("%s: the kept guide holds a script or the nonce: %s", w.w.Type, html)
					}
					m.GuideHTML = html
					kept.Methods = append(kept.Methods, m)
					g := guideOf(h, lang, &w.w, hints, w.redirect)
					rendered.Methods[len(rendered.Methods)-1].Guide = &g
				}
				var want, got bytes.Buffer
				if err := views.Choose(rendered).Render(ctx, &want); err != nil {
					t.Fatal(err)
				}
				if err := views.Choose(kept).Render(ctx, &got); err != nil {
					t.Fatal(err)
				}
				if got.String() != want.String() {
					t.Fatalf("kept guides change the page:\n got %s\nwant %s", got.String(), want.String())
				}
				if !strings.Contains(got.String(), nonce) {
					t.Errorf("the page lost its own nonce")
				}
				if strings.Contains(got.String(), "<b>Pe</b>") {
					t.Errorf("a PS name reached the page unescaped")
				}
			}
		})
	}
}

// Each language, PS and mediahint has its own kept guide: a page in Hindi
// never gets the English one.
func TestGuideHTML_EachInputHasItsOwnFragment(t *testing.T) {
	h := &handler{}
	paytm := &paykassma.Wallet{Type: "paytm", Name: "PayTM"}
	hints := paykassma.Mediahints{"paytm": {URL: "https://cdn.example/paytm.mp4"}}
	get := func(lang string, w *paykassma.Wallet, hints paykassma.Mediahints, redirect bool) string {
		t.Helper()
		s, err := guideHTMLOf(h, lang, w, hints, redirect)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	seen := map[string]string{}
	for name, html := range map[string]string{
		"en":           get("en", paytm, hints, false),
		"hi":           get("hi", paytm, hints, false),
		"bn":           get("bn", paytm, hints, false),
		"another PS":   get("en", &paykassma.Wallet{Type: "upi_l", Name: "PayTM"}, hints, false),
		"other name":   get("en", &paykassma.Wallet{Type: "paytm", Name: "Paytm Wallet"}, hints, false),
		"manual":       get("en", &paykassma.Wallet{Type: "paytm", Name: "PayTM", IsManual: true}, hints, false),
		"redirect":     get("en", paytm, hints, true),
		"a gif":        get("en", paytm, paykassma.Mediahints{"paytm": {URL: "https://cdn.example/paytm.gif"}}, false),
		"no mediahint": get("en", paytm, nil, false),
	} {
		if other, ok := seen[html]; ok {
			t.Errorf("%s and %s share a fragment: %s", name, other, html)
		}
		seen[html] = name
	}
	if en, hi := get("en", paytm, hints, false), get("hi", paytm, hints, false); en == hi ||
		!strings.Contains(en, i18n.T("en", "guide.video.fallback")) || !strings.Contains(hi, i18n.T("hi", "guide.video.fallback")) {
		t.Errorf("the languages' fragments are not each in their language:\nen %s\nhi %s", en, hi)
	}
}
