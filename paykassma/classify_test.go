package paykassma

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"testing"
)

func TestClassify_TellsWhatAnErrorMeans(t *testing.T) {
	wrap := func(err error) error { return fmt.Errorf("activate paytm: %w", err) }
	suspicious := &APIError{Endpoint: "transaction/activate", HTTPStatus: 400, Status: StatusFail, Message: "Check of deposit status started."}
	wrongSecret := &APIError{Endpoint: "transaction/activate", HTTPStatus: 200, Status: StatusError, Message: "Wrong secret", Code: 30228, Target: "secret", ErrorCode: 36205}
	notFound := &APIError{Endpoint: "transaction/activate", HTTPStatus: 404, Message: "Not found"}
	refUsed := &APIError{Endpoint: "transaction/activate", HTTPStatus: 200, Status: StatusFail,
		Fields: map[string][]string{"custom_transaction_id": {"The custom transaction id has already been taken."}}}
	customIDUsed := &APIError{Endpoint: "possible-transaction", HTTPStatus: 200, Status: StatusFail,
		Fields: map[string][]string{"custom_id": {"The custom id has already been taken."}, "key1": {"x"}}}
	fields := &APIError{Endpoint: "transaction/activate", HTTPStatus: 422, Status: StatusFail,
		Fields: map[string][]string{"key1": {"Transaction field has wrong length"}}}
	refused := &APIError{Endpoint: "transaction/activate", HTTPStatus: 200, Status: StatusFail, Message: "Transaction not found"}
	otherError := &APIError{Endpoint: "transaction/activate", HTTPStatus: 200, Status: StatusError, Message: "Bad label", Target: "label", ErrorCode: 1}
	// HTTP 400 off activate and possible-transaction is no review: with an
	// HTML body it says nothing we can read.
	bad400 := &APIError{Endpoint: "deposit-info", HTTPStatus: 400}
	bad400Fail := &APIError{Endpoint: "payment/create/bkash_api", HTTPStatus: 400, Status: StatusFail, Message: "Bad request"}
	server := &UnavailableError{Endpoint: "transaction/activate", HTTPStatus: 502, Detail: "server error"}
	reset := &UnavailableError{Endpoint: "transaction/activate", Err: &url.Error{Op: "Post", URL: "https://api.example/api/v1/transaction/activate", Err: io.ErrUnexpectedEOF}}
	deadline := &UnavailableError{Endpoint: "transaction/activate", Err: &url.Error{Op: "Post", URL: "https://api.example/x", Err: context.DeadlineExceeded}}
	netTimeout := &UnavailableError{Endpoint: "transaction/activate", Err: &url.Error{Op: "Post", URL: "https://api.example/x",
		Err: &net.OpError{Op: "read", Net: "tcp", Err: os.ErrDeadlineExceeded}}}
	canceled := &UnavailableError{Endpoint: "transaction/activate", Err: &url.Error{Op: "Post", URL: "https://api.example/x", Err: context.Canceled}}

	tests := []struct {
		name string
		err  error
		want Fault
	}{
		{"no error is none", nil, FaultNone},
		{"context.Canceled: the person left", context.Canceled, FaultCanceled},
		{"a cancel inside an unavailable error is still canceled", wrap(canceled), FaultCanceled},
		{"context.DeadlineExceeded is a timeout", wrap(context.DeadlineExceeded), FaultTimeout},
		{"a deadline inside an unavailable error is a timeout, not unavailable", wrap(deadline), FaultTimeout},
		{"a net.Error timeout is a timeout", wrap(netTimeout), FaultTimeout},
		{"an HTTP 5xx is unavailable", wrap(server), FaultUnavailable},
		{"a transport error is unavailable", reset, FaultUnavailable},
		{"a wrong secret is config", wrap(wrongSecret), FaultConfig},
		{"a 404 is config", notFound, FaultConfig},
		{"a 400 on activate is suspicious", wrap(suspicious), FaultSuspicious},
		{"a 400 on possible-transaction is suspicious", &APIError{Endpoint: "possible-transaction", HTTPStatus: 400}, FaultSuspicious},
		{"custom_transaction_id named in fields: the reference was used", wrap(refUsed), FaultRefUsed},
		{"custom_id named among other fields: the reference was used", customIDUsed, FaultRefUsed},
		{"other field errors are fields", wrap(fields), FaultFields},
		{"status fail with a message is refused", wrap(refused), FaultRefused},
		{"a 400 with status fail off activate is refused, not suspicious", bad400Fail, FaultRefused},
		{"status error on another target is an answer", wrap(otherError), FaultAnswer},
		{"a 400 HTML page off activate is an answer, not suspicious", bad400, FaultAnswer},
		{"anything else is unknown", errors.New("boom"), FaultUnknown},
		{"a wrapped unknown is unknown", wrap(errors.New("boom")), FaultUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Classify(tt.err); got != tt.want {
				t.Errorf("Classify(%v) = %q, want %q", tt.err, got, tt.want)
			}
		})
	}
}

func TestFault_LabelAndWhetherItMayHaveGoneThrough(t *testing.T) {
	tests := []struct {
		fault     Fault
		label     string
		mayHaveGT bool
	}{
		{FaultNone, "ok", false},
		{FaultCanceled, "canceled", false},
		{FaultTimeout, "timeout", true},
		{FaultUnavailable, "unavailable", true},
		{FaultConfig, "config", false},
		{FaultSuspicious, "suspicious", false},
		{FaultRefUsed, "refused", false},
		{FaultFields, "refused", false},
		{FaultRefused, "refused", false},
		{FaultAnswer, "refused", true},
		{FaultUnknown, "error", true},
		{Fault("something new"), "error", false},
	}
	for _, tt := range tests {
		t.Run(string(tt.fault), func(t *testing.T) {
			if got := tt.fault.Label(); got != tt.label {
				t.Errorf("Label() = %q, want %q", got, tt.label)
			}
			if got := tt.fault.MayHaveGoneThrough(); got != tt.mayHaveGT {
				t.Errorf("MayHaveGoneThrough() = %v, want %v", got, tt.mayHaveGT)
			}
		})
	}
}
