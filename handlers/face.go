package handlers

import (
	"context"
	"fmt"
	"strings"

	"github.com/paykassma/checkout/i18n"
	"github.com/paykassma/checkout/paykassma"
	"github.com/paykassma/checkout/views"
)

// faceKey is everything a PS's face in the list (views.MethodFace: logo,
// name, hint) is made of. It is built only by newFaceKey, from the PS list
// and the language: nothing of a depositor (label, state, savings,
// attempts, token, nonce) can reach the HTML kept under it, which every
// depositor reading that language is then sent.
type faceKey struct {
	lang, walletType, name, logo string
}

// newFaceKey is the key of w's face in lang.
func newFaceKey(lang string, w *paykassma.Wallet) faceKey {
	return faceKey{lang: lang, walletType: w.Type, name: w.Name, logo: w.Logo}
}

// hint is the face's explanation of an unclear PS name; "" for most.
func (k faceKey) hint() string {
	if key, ok := methodHints[k.walletType]; ok {
		return i18n.T(k.lang, key)
	}
	return ""
}

// faceHTML is w's face as HTML, rendered once per faceKey and kept: a
// dozen escaped expressions per PS on every list, the same for everyone
// (BENCHMARKS.md, issue 17 round 2).
func faceHTML(lang string, w *paykassma.Wallet) (string, error) {
	k := newFaceKey(lang, w)
	if s, ok := faceHTMLMemo.load(k); ok {
		return s, nil
	}
	var b strings.Builder
	// Only the language reaches the component through the context; it has
	// no script, so no nonce.
	if err := views.MethodFace(k.name, k.logo, k.hint()).Render(i18n.WithLang(context.Background(), k.lang), &b); err != nil {
		return "", fmt.Errorf("render method face: %w", err)
	}
	faceHTMLMemo.store(k, b.String())
	return b.String(), nil
}

// faceHTMLMemo holds the faces, a few hundred bytes each.
var faceHTMLMemo = newMemo[faceKey, string](1024)
