package paykassma

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Sentinel errors a caller branches on with errors.Is.
var (
	// ErrSuspicious is HTTP 400 on activate or possible-transaction: the
	// deposit is being checked by hand and will be credited if it is genuine.
	ErrSuspicious = errors.New("paykassma: suspicious transaction, check of deposit status started")
	// ErrNotFound is HTTP 404, which the API answers when the secret is missing.
	ErrNotFound = errors.New("paykassma: not found (secret missing?)")
	// ErrWrongSecret is status "error" with errors.target "secret".
	ErrWrongSecret = errors.New("paykassma: wrong secret")
	// ErrUnavailable covers faults on Paykassma's side or on the way there:
	// HTTP 5xx, timeouts, resets, malformed or non-JSON answers.
	ErrUnavailable = errors.New("paykassma: unavailable")
)

// suspiciousEndpoints are the APIError.Endpoint values (as the Client sets
// them) whose HTTP 400 means the deposit is being checked by hand.
var suspiciousEndpoints = map[string]bool{"transaction/activate": true, "possible-transaction": true}

// APIError is a well-formed answer that says no: status "fail" or "error",
// or an HTTP 400/404. Fields holds the per-field messages when the API's
// "message" was a map; Message holds it when it was a string.
type APIError struct {
	Endpoint   string              // e.g. "transaction/activate"
	HTTPStatus int                 // the HTTP status of the answer
	Status     Status              // "fail", "error", or empty when the body was not JSON
	Message    string              // "message" as a string, or error_message / errors.message
	Fields     map[string][]string // "message" as a map of field errors
	Code       int                 // the top-level "code", when given
	Target     string              // errors.target of a status "error" answer
	ErrorCode  int                 // errors.code of a status "error" answer
}

func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "paykassma %s: HTTP %d", e.Endpoint, e.HTTPStatus)
	if e.Status != "" {
		fmt.Fprintf(&b, " status %s", e.Status)
	}
	if e.Message != "" {
		fmt.Fprintf(&b, ": %s", e.Message)
	}
	if len(e.Fields) > 0 {
		names := make([]string, 0, len(e.Fields))
		for k := range e.Fields {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			fmt.Fprintf(&b, "; %s: %s", k, strings.Join(e.Fields[k], ", "))
		}
	}
	return b.String()
}

// Is lets errors.Is match the sentinels by what the answer means.
func (e *APIError) Is(target error) bool {
	switch target {
	case ErrSuspicious:
		// The document gives HTTP 400 this meaning on these two only; a 400
		// elsewhere is a plain refusal, and calling it "being checked by
		// hand" would tell the person to wait for nothing.
		return e.HTTPStatus == 400 && suspiciousEndpoints[e.Endpoint]
	case ErrNotFound:
		return e.HTTPStatus == 404
	case ErrWrongSecret:
		return e.Status == StatusError && e.Target == "secret"
	}
	return false
}

// UnavailableError is a fault that is not an answer: a transport error, an
// HTTP 5xx, or a body that is not the JSON the endpoint promises. It never
// holds the secret: URLs in it are redacted.
type UnavailableError struct {
	Endpoint   string
	HTTPStatus int    // 0 when no answer came
	Detail     string // what went wrong, e.g. "invalid JSON" or "text/html body"
	Err        error  // the cause, redacted
}

func (e *UnavailableError) Error() string {
	s := "paykassma " + e.Endpoint
	if e.HTTPStatus != 0 {
		s += fmt.Sprintf(": HTTP %d", e.HTTPStatus)
	}
	if e.Detail != "" {
		s += ": " + e.Detail
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *UnavailableError) Unwrap() error { return e.Err }

// Is matches ErrUnavailable.
func (e *UnavailableError) Is(target error) bool { return target == ErrUnavailable }
