package handlers

import (
	"bytes"
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/a-h/templ"

	"github.com/paykassma/checkout/i18n"
	"github.com/paykassma/checkout/paykassma"
	"github.com/paykassma/checkout/views"
)

// The list with its PSs' faces kept as HTML is byte for byte the list that
// rendering each face gives, in every language (a logo or none, a hint, a
// name needing escaping), and no kept face holds the nonce or a script.
func TestChoosePage_KeptFacesAreTheBytesRenderingGives(t *testing.T) {
	wallets := []paykassma.Wallet{
		{Type: "paytm", Name: "PayTM", Logo: "https://cdn.example/paytm.png"},
		{Type: "upi_ib", Name: "UPI IB", Logo: "https://cdn.example/upi.png?a=1&b=<2>"},
		{Type: "phonepe", Name: `Phone<b>Pe</b> & "co"`, Logo: `https://cdn.example/"q".png`},
		{Type: "imps", Name: "IMPS"},
	}
	const nonce = "nonce-of-this-request"
	for _, lang := range []string{"en", "hi", "bn"} {
		t.Run(lang, func(t *testing.T) {
			ctx := templ.WithNonce(i18n.WithLang(context.Background(), lang), nonce)
			for range 2 { // computed, then kept
				rendered := views.ChooseView{Page: views.Page{Lang: lang, Title: "t"}}
				kept := rendered
				for i := range wallets {
					w := &wallets[i]
					m := views.Method{Type: w.Type, Name: w.Name, Logo: w.Logo, URL: "/pay/" + w.Type, Minimum: "Minimum ₹300.00"}
					m.Hint = newFaceKey(lang, w).hint()
					rendered.Methods = append(rendered.Methods, m)
					face, err := faceHTML(lang, w)
					if err != nil {
						t.Fatal(err)
					}
					if strings.Contains(face, nonce) || strings.Contains(face, "<script") {
						t.Errorf("%s: the kept face holds a script or the nonce: %s", w.Type, face)
					}
					m.FaceHTML = face
					kept.Methods = append(kept.Methods, m)
				}
				var want, got bytes.Buffer
				if err := views.Choose(rendered).Render(ctx, &want); err != nil {
					t.Fatal(err)
				}
				if err := views.Choose(kept).Render(ctx, &got); err != nil {
					t.Fatal(err)
				}
				if got.String() != want.String() {
					t.Fatalf("kept faces change the page:\n got %s\nwant %s", got.String(), want.String())
				}
				if strings.Contains(got.String(), "<b>Pe</b>") || !strings.Contains(got.String(), "method-hint") {
					t.Errorf("a PS name reached the page unescaped, or the hint is missing")
				}
			}
		})
	}
}

// What a kept face is made of is the PS list's own fields and the
// language, all strings: a field added to faceKey must be one of those, or
// this test is changed knowingly.
func TestFaceKey_HoldsOnlyThePSAndTheLanguage(t *testing.T) {
	var names []string
	for f := range reflect.TypeFor[faceKey]().Fields() {
		if f.Type.Kind() != reflect.String {
			t.Errorf("faceKey.%s is a %s: only the PS's strings and the language", f.Name, f.Type)
		}
		names = append(names, f.Name)
	}
	if got := strings.Join(names, ","); got != "lang,walletType,name,logo" {
		t.Errorf("faceKey holds %s; its HTML goes to every depositor: only lang,walletType,name,logo", got)
	}
}
