package paykassma

import (
	"context"
	"errors"
	"net"
)

// Fault is what an error from a Paykassma call means for the payment and for the person.
type Fault string

// The faults Classify tells apart, from no error to one it cannot read.
const (
	FaultNone        Fault = "ok"          // err == nil
	FaultCanceled    Fault = "canceled"    // context.Canceled: the person left
	FaultTimeout     Fault = "timeout"     // context.DeadlineExceeded or a net.Error Timeout(): may have gone through
	FaultUnavailable Fault = "unavailable" // *UnavailableError (5xx, transport, malformed answer): may have gone through
	FaultConfig      Fault = "config"      // ErrWrongSecret or ErrNotFound (404): refused before anything happened
	FaultSuspicious  Fault = "suspicious"  // ErrSuspicious: being checked by hand
	FaultRefUsed     Fault = "ref_used"    // field errors naming custom_transaction_id or custom_id: the reference was used before
	FaultFields      Fault = "fields"      // other field errors (message as a map)
	FaultRefused     Fault = "refused"     // status "fail" with a message string
	FaultAnswer      Fault = "answer"      // any other *APIError (e.g. status "error" not about the secret)
	FaultUnknown     Fault = "error"       // anything else
)

// Classify says what err, from a Client call or wrapping one, means. Every
// caller branches on this one answer, so a page, a metric and a log line
// never disagree about the same error.
func Classify(err error) Fault {
	if err == nil {
		return FaultNone
	}
	// The order matters: a timeout arrives inside an *UnavailableError, and
	// must read as a timeout; the sentinels are *APIErrors too, and must win
	// over the generic reading of one.
	var ne net.Error
	var apiErr *APIError
	var unavail *UnavailableError
	switch {
	case errors.Is(err, context.Canceled):
		return FaultCanceled
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return FaultTimeout
	case errors.Is(err, ErrWrongSecret), errors.Is(err, ErrNotFound):
		return FaultConfig
	case errors.Is(err, ErrSuspicious):
		return FaultSuspicious
	case errors.As(err, &apiErr):
		return classifyAnswer(apiErr)
	case errors.As(err, &unavail):
		return FaultUnavailable
	}
	return FaultUnknown
}

// classifyAnswer reads a refusal that is none of the sentinels.
func classifyAnswer(e *APIError) Fault {
	switch {
	case len(e.Fields) > 0 && refNamed(e.Fields):
		return FaultRefUsed
	case len(e.Fields) > 0:
		return FaultFields
	case e.Status == StatusFail:
		return FaultRefused
	}
	return FaultAnswer
}

// refNamed reports whether the field errors are about our reference: the
// API's only objection to it is that it was used before.
func refNamed(fields map[string][]string) bool {
	_, a := fields["custom_transaction_id"]
	_, b := fields["custom_id"]
	return a || b
}

// MayHaveGoneThrough reports whether the call may have reached Paykassma
// and been done: the attempt must stay pending under its reference.
func (f Fault) MayHaveGoneThrough() bool {
	switch f {
	case FaultTimeout, FaultUnavailable, FaultAnswer, FaultUnknown:
		return true
	}
	return false
}

// Label is the metric label: the refusals share one, so the metric's
// cardinality does not grow with the ways of saying no.
func (f Fault) Label() string {
	switch f {
	case FaultRefUsed, FaultFields, FaultRefused, FaultAnswer:
		return "refused"
	case FaultNone, FaultCanceled, FaultTimeout, FaultUnavailable, FaultConfig, FaultSuspicious:
		return string(f)
	}
	return string(FaultUnknown)
}
