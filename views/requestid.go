package views

import "context"

type requestIDKey struct{}

// WithRequestID returns a context carrying the request's id, which error
// pages show so support can find the request in the logs.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

// RequestID is the id carried by ctx, or "".
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}
