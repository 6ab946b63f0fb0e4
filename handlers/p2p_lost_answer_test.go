package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/paykassma/checkout/paykassma"
)

// unavailableThenActivated answers the activation of one transaction ID
// as if Paykassma were unreachable (nothing sent, the attempt stays
// pending) and passes the others on, noting when the current request has
// activated one, how many it sent and under which reference.
type unavailableThenActivated struct {
	paykassma.API
	unreachable string // the key1 Paykassma never hears about
	activated   atomic.Bool
	sent        atomic.Int32

	mu  sync.Mutex
	ref string // the custom transaction ID of the last activation sent
}

func (u *unavailableThenActivated) Activate(ctx context.Context, req paykassma.ActivateRequest) (paykassma.Activation, error) {
	if req.Key1 == u.unreachable {
		return 0, paykassma.ErrUnavailable
	}
	u.sent.Add(1)
	u.mu.Lock()
	u.ref = req.CustomTransactionID
	u.mu.Unlock()
	outcome, err := u.API.Activate(ctx, req)
	if err == nil {
		u.activated.Store(true)
	}
	return outcome, err
}

func (u *unavailableThenActivated) lastRef() string {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.ref
}

// A pending attempt under another transaction ID makes the POST mint a new
// reference; when the answer to its activation is lost, that reference must
// still be known, and sending the form again must not activate it twice.
func TestPay_AnActivationUnderANewReferenceIsKnownEvenWhenTheAnswerAfterItIsLost(t *testing.T) {
	const pendingKey1, key1 = "20512345111", "20512345678"
	api := &unavailableThenActivated{unreachable: pendingKey1}
	e := newEnv(t, options{
		api: func(real paykassma.API) paykassma.API { api.API = real; return api },
		server: func(h http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				api.activated.Store(false)
				h.ServeHTTP(&afterCreationLost{ResponseWriter: w, created: &api.activated}, r)
			})
		},
	})
	form := e.clickMethod(e.start("u42", "INR"), "paytm").mustStatus(http.StatusOK)
	pending := refOf(form, pendingKey1)
	fault := e.submit(form, map[string]string{"key1": pendingKey1})
	if fault.status < 500 || api.sent.Load() != 0 {
		t.Fatalf("the first activation should fail unsent: status %d, sent %d", fault.status, api.sent.Load())
	}

	// Another transaction ID is another payment: the POST mints its
	// reference, and everything it answers after the activation is lost.
	retry := e.click(fault, "action-retry").mustStatus(http.StatusOK)
	values := map[string]string{"key1": key1}
	e.submit(retry, values).mustStatus(http.StatusInternalServerError)
	ref := api.lastRef()
	if !api.activated.Load() || ref == "" {
		t.Fatal("the second transaction ID was not activated")
	}
	if ref == pending {
		t.Fatalf("activated under the pending attempt's reference %s, want a new one", ref)
	}

	// Each on its own, from the state the lost answer left: the status
	// page (which settles the attempt) and a second submission.
	site, _ := url.Parse(e.srv.URL)
	left := e.browser.Jar.Cookies(site)
	if got := e.get("/status/" + ref).mustStatus(http.StatusOK).text("reference"); got != ref {
		t.Errorf("the status page names %q, want the activated payment's %q", got, ref)
	}
	e.browser.Jar.SetCookies(site, left)
	// Sent again (the person saw only an error), the form is checked
	// against the activation, not sent a second time.
	if got := e.submit(retry, values).mustStatus(http.StatusSeeOther).location(); !strings.HasPrefix(got, "/status/"+ref) {
		t.Errorf("the second submission goes to %s, want the status of %s", got, ref)
	}
	if n := api.sent.Load(); n != 1 {
		t.Errorf("the checkout sent %d activations of %s, want 1", n, key1)
	}
	if n := e.sb.Activations(ref); n != 1 {
		t.Errorf("the sandbox recorded %d activations of %s, want 1", n, ref)
	}
}
