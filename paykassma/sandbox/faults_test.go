package sandbox_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/paykassma/checkout/paykassma"
	"github.com/paykassma/checkout/paykassma/sandbox"
)

// faultClients are the real client over a socket and in memory.
func faultClients(t *testing.T, sb *sandbox.Server) map[string]*paykassma.Client {
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	mem := sb.Client()
	mem.Timeout = time.Second
	return map[string]*paykassma.Client{
		"socket": paykassma.New(srv.URL, secret, paykassma.WithHTTPClient(&http.Client{Timeout: time.Second})),
		"memory": paykassma.New("http://sandbox.internal", secret, paykassma.WithHTTPClient(mem)),
	}
}

func TestFaults_EachKindReachesTheClientAsTheFaultItIs(t *testing.T) {
	tests := []struct {
		fault sandbox.Fault
		is    error // what the client's error matches
	}{
		{sandbox.Fault{Kind: sandbox.FaultSlow}, context.DeadlineExceeded},
		{sandbox.Fault{Kind: sandbox.FaultStatus, Status: 502}, paykassma.ErrUnavailable},
		{sandbox.Fault{Kind: sandbox.FaultHTML}, paykassma.ErrUnavailable},
		{sandbox.Fault{Kind: sandbox.FaultTruncated}, paykassma.ErrUnavailable},
		{sandbox.Fault{Kind: sandbox.FaultReset}, paykassma.ErrUnavailable},
		{sandbox.Fault{Kind: sandbox.FaultNotFound}, paykassma.ErrNotFound},
	}
	for _, tc := range tests {
		sb := newSandbox()
		for name, c := range faultClients(t, sb) {
			t.Run(string(tc.fault.Kind)+"/"+name, func(t *testing.T) {
				sb.SetFault("/api/v1/payment-systems/available", tc.fault)
				defer sb.ClearFaults()
				_, err := c.PaymentSystems(t.Context(), paykassma.PaymentSystemsRequest{CurrencyCodes: []string{"INR"}, Label: "u1"})
				if !errors.Is(err, tc.is) {
					t.Fatalf("err %v, want one that is %v", err, tc.is)
				}
				// Other endpoints are untouched.
				if _, err := c.Mediahints(t.Context()); err != nil {
					t.Errorf("mediahints: %v", err)
				}
			})
		}
	}
}

func TestFaults_AfterMeansTheCallWentThroughUnseen(t *testing.T) {
	sb := newSandbox()
	c := faultClients(t, sb)["socket"]
	sb.SetFault("/api/v1/transaction/activate", sandbox.Fault{Kind: sandbox.FaultSlow, After: true, Times: 1})
	req := paykassma.ActivateRequest{CurrencyCode: "INR", WalletType: "paytm", Label: "u1", Key1: "20512345678", CustomTransactionID: "ref-after-1"}
	if _, err := c.Activate(t.Context(), req); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err %v, want a timeout", err)
	}
	if n := sb.Activations("ref-after-1"); n != 1 {
		t.Errorf("recorded %d activations, want 1: the fault came after the work", n)
	}
	// Times: 1 cleared the fault; the same reference is refused, not recorded again.
	_, err := c.Activate(t.Context(), req)
	var apiErr *paykassma.APIError
	if !errors.As(err, &apiErr) || len(apiErr.Fields) == 0 {
		t.Errorf("second call: %v, want the reference refused as taken", err)
	}
	if n := sb.Activations("ref-after-1"); n != 1 {
		t.Errorf("recorded %d activations, want 1", n)
	}
}

func TestFaults_BeforeMeansNothingHappened(t *testing.T) {
	sb := newSandbox()
	c := faultClients(t, sb)["socket"]
	for _, k := range []sandbox.FaultKind{sandbox.FaultStatus, sandbox.FaultReset, sandbox.FaultHTML} {
		sb.SetFault("/api/v1/transaction/", sandbox.Fault{Kind: k})
		_, err := c.Activate(t.Context(), paykassma.ActivateRequest{CurrencyCode: "INR", WalletType: "paytm", Label: "u1", Key1: "20512345678", CustomTransactionID: "ref-" + string(k)})
		if err == nil || sb.Activations("ref-"+string(k)) != 0 {
			t.Errorf("%s: err %v, activations %d; want an error and nothing recorded", k, err, sb.Activations("ref-"+string(k)))
		}
	}
	sb.ClearFaults()
	if _, err := c.Activate(t.Context(), paykassma.ActivateRequest{CurrencyCode: "INR", WalletType: "paytm", Label: "u1", Key1: "20512345678", CustomTransactionID: "ref-ok"}); err != nil {
		t.Errorf("after ClearFaults: %v", err)
	}
}

func TestFaults_SetOverHTTP(t *testing.T) {
	sb := newSandbox()
	srv := httptest.NewServer(sb)
	defer srv.Close()
	post := func(q url.Values) int {
		resp, err := http.Post(srv.URL+"/_sandbox/fault?secret="+secret+"&"+q.Encode(), "", nil)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := post(url.Values{"path": {"/wallet-type/images/"}, "kind": {"status"}, "status": {"504"}, "times": {"1"}}); code != 200 {
		t.Fatalf("set: %d", code)
	}
	c := paykassma.New(srv.URL, secret)
	_, err := c.Mediahints(t.Context())
	var ue *paykassma.UnavailableError
	if !errors.As(err, &ue) || ue.HTTPStatus != 504 {
		t.Errorf("err %v, want HTTP 504", err)
	}
	if _, err := c.Mediahints(t.Context()); err != nil {
		t.Errorf("times=1 should have cleared it: %v", err)
	}
	// A bad kind is refused, in the API's words.
	if code := post(url.Values{"path": {"/x"}, "kind": {"explode"}}); code != 200 {
		t.Errorf("bad kind: HTTP %d, want the API's 200 with status fail", code)
	}
	post(url.Values{"path": {"*"}, "kind": {"notfound"}})
	if _, err := c.Mediahints(t.Context()); !errors.Is(err, paykassma.ErrNotFound) {
		t.Errorf("*: %v", err)
	}
	post(url.Values{"path": {"*"}, "kind": {""}})
	if _, err := c.Mediahints(t.Context()); err != nil {
		t.Errorf("cleared: %v", err)
	}
}
