package views

import "context"

// Embed is what the layout needs when the checkout runs in a merchant's
// frame: where its events may go and how to give up.
type Embed struct {
	ParentOrigin string // the framing page's origin, from the signed link; "" = send no events
	CancelURL    string // GET /cancel with the state
	// Return is the outcome page's signed return (status, reference, exp,
	// sig as a query string), added to its checkout:done event.
	Return string
}

type embedKey struct{}

// WithEmbed gives the pages rendered with ctx the visit's embedding.
func WithEmbed(ctx context.Context, e Embed) context.Context {
	return context.WithValue(ctx, embedKey{}, e)
}

// EmbedOf is the embedding WithEmbed gave ctx; zero when none.
func EmbedOf(ctx context.Context) Embed {
	e, _ := ctx.Value(embedKey{}).(Embed)
	return e
}
