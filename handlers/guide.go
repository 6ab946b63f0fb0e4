// How to pay with a PS: its mediahint and the same steps in text.

package handlers

import (
	"context"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/paykassma/checkout/deposit"
	"github.com/paykassma/checkout/i18n"
	"github.com/paykassma/checkout/paykassma"
	"github.com/paykassma/checkout/views"
)

// guide is how to pay with a PS: its mediahint when there is one, and the
// same steps in text.
func (h *handler) guide(lang string, m deposit.Method, hints paykassma.Mediahints) views.Guide {
	k := newGuideKey(lang, m, hints)
	g, ok := guideMemo.load(k)
	if !ok {
		g = buildGuide(k)
		// Its media and steps as HTML, kept with it: the pay pages write
		// them as they are instead of rendering a dozen escaped expressions
		// per view (BENCHMARKS.md, issue 17 round 2). Made only from the
		// key, like guideHTML: nothing of a depositor.
		if html, err := renderGuideMedia(k.lang, g); err == nil {
			g.MediaHTML = html
		}
		guideMemo.store(k, g)
	}
	// The kept guide is shared by every request: each gets its own steps.
	g.Steps = slices.Clone(g.Steps)
	return g
}

// guideKey is everything buildGuide reads.
type guideKey struct {
	lang, walletType, name, media string
	family                        deposit.Family
	redirect                      bool
}

// newGuideKey is the key of a PS's guide for a language.
func newGuideKey(lang string, m deposit.Method, hints paykassma.Mediahints) guideKey {
	k := guideKey{lang: lang, walletType: m.Type(), name: m.Wallet.Name, family: m.Family, redirect: m.Flow == deposit.Redirect}
	if hint, ok := hints.For(m.Type()); ok {
		k.media = hint.URL
	}
	return k
}

// guideHTML is the choose page's folded guide for a PS (views.GuideDetails),
// as HTML rendered once per guideKey and then kept: it is the same for
// every depositor, so no page renders it again (BENCHMARKS.md). Nothing
// personal goes in it (the key is the PS, the language and the mediahint)
// and no CSP nonce (the component has no script).
func (h *handler) guideHTML(lang string, m deposit.Method, hints paykassma.Mediahints) (string, error) {
	k := newGuideKey(lang, m, hints)
	if s, ok := guideHTMLMemo.load(k); ok {
		return s, nil
	}
	s, err := renderGuide(k)
	if err != nil {
		return "", err
	}
	guideHTMLMemo.store(k, s)
	return s, nil
}

// guideHTMLMemo holds the rendered guides, a few KB each.
var guideHTMLMemo = newMemo[guideKey, string](1024)

// renderGuide is guideHTML, computed. Only the language reaches the
// component through the context, as render gives it to the whole page.
func renderGuide(k guideKey) (string, error) {
	var b strings.Builder
	if err := views.GuideDetails(buildGuide(k)).Render(i18n.WithLang(context.Background(), k.lang), &b); err != nil {
		return "", fmt.Errorf("render guide: %w", err)
	}
	return b.String(), nil
}

// renderGuideMedia is views.GuideMedia of g as HTML; only the language
// reaches it through the context (it has no script, so no nonce).
func renderGuideMedia(lang string, g views.Guide) (string, error) {
	var b strings.Builder
	if err := views.GuideMedia(g).Render(i18n.WithLang(context.Background(), lang), &b); err != nil {
		return "", fmt.Errorf("render guide media: %w", err)
	}
	return b.String(), nil
}

// guideMemo holds the guides: the same few PSs in a few languages on every
// page, each a dozen catalogue look-ups and concatenations.
var guideMemo = newMemo[guideKey, views.Guide](1024)

// buildGuide is guide, computed.
func buildGuide(k guideKey) views.Guide {
	fam := string(k.family)
	if k.redirect {
		fam = "redirect"
	}
	g := views.Guide{
		ID:    "guide-" + k.walletType,
		Title: i18n.T(k.lang, "guide.title", k.name),
		Steps: guideSteps(k.lang, fam, k.name),
	}
	if u := k.media; u != "" {
		g.MediaAlt = i18n.T(k.lang, "guide.media.alt", k.name)
		switch strings.ToLower(path.Ext(strings.SplitN(u, "?", 2)[0])) {
		case ".mp4", ".webm":
			g.VideoURL = u
		default:
			g.ImageURL = u
		}
	}
	return g
}

// guideSteps are the written steps for a family of wallets.
func guideSteps(lang, fam, name string) []string {
	switch fam {
	case "paytm":
		return []string{i18n.T(lang, "guide.paytm.1"), i18n.T(lang, "guide.paytm.2"), i18n.T(lang, "guide.paytm.3"), i18n.T(lang, "guide.paytm.4")}
	case "upi":
		return []string{i18n.T(lang, "guide.upi.1"), i18n.T(lang, "guide.upi.2"), i18n.T(lang, "guide.upi.3"), i18n.T(lang, "guide.upi.4")}
	case "phonepe":
		return []string{i18n.T(lang, "guide.phonepe.1"), i18n.T(lang, "guide.phonepe.2"), i18n.T(lang, "guide.phonepe.3"), i18n.T(lang, "guide.phonepe.4")}
	case "imps":
		return []string{i18n.T(lang, "guide.imps.1"), i18n.T(lang, "guide.imps.2"), i18n.T(lang, "guide.imps.3")}
	case "bkash":
		return []string{i18n.T(lang, "guide.bkash.1"), i18n.T(lang, "guide.bkash.2"), i18n.T(lang, "guide.bkash.3"), i18n.T(lang, "guide.bkash.4")}
	case "nagad":
		return []string{i18n.T(lang, "guide.nagad.1"), i18n.T(lang, "guide.nagad.2"), i18n.T(lang, "guide.nagad.3"), i18n.T(lang, "guide.nagad.4")}
	case "manual":
		return []string{i18n.T(lang, "guide.manual.1"), i18n.T(lang, "guide.manual.2"), i18n.T(lang, "guide.manual.3")}
	case "redirect":
		return []string{i18n.T(lang, "guide.redirect.1"), i18n.T(lang, "guide.redirect.2", name), i18n.T(lang, "guide.redirect.3")}
	}
	return []string{i18n.T(lang, "guide.other.1"), i18n.T(lang, "guide.other.2"), i18n.T(lang, "guide.other.3")}
}
