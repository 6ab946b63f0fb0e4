package views

import (
	"context"
	"html"
	"io"

	"github.com/paykassma/checkout/i18n"
)

// The pages' hot texts are written by these two instead of { expr }: the same
// escaped bytes, without templ's copy of every value through fmt.Sprint (two
// allocations per expression, a fifth of a pay page's; BENCHMARKS.md,
// issue 17, round 4). templ calls their Render directly: nothing is boxed.

// text is { s }: s written HTML-escaped.
type text string

func (s text) Render(_ context.Context, w io.Writer) error {
	_, err := io.WriteString(w, html.EscapeString(string(s)))
	return err
}

// msg is { t(ctx, key) } for a message with no arguments: the page's
// language's text, escaped once for every page (i18n.Escaped).
type msg string

func (key msg) Render(ctx context.Context, w io.Writer) error {
	_, err := io.WriteString(w, i18n.Escaped(i18n.Lang(ctx), string(key)))
	return err
}

// sp is the space that { x } followed by a line break wrote: templ drops
// the white space after a component call.
var sp = text(" ")

// kept is HTML the checkout rendered from its own templates and keeps for
// every depositor (a PS's face, a guide): written as it is, as templ.Raw
// writes it, without templ.Raw's closure per call (fourteen on the list).
type kept string

func (h kept) Render(_ context.Context, w io.Writer) error {
	_, err := io.WriteString(w, string(h))
	return err
}
