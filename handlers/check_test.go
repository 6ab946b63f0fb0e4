package handlers_test

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// keepLink is the read-only status link an outcome page offers.
func keepLink(t *testing.T, out *page) string {
	t.Helper()
	u := out.text("keep-url")
	if !strings.Contains(u, "/check/") {
		t.Fatalf("the outcome page offers no status link: %s", out.visibleText())
	}
	return u
}

// A payment's status link opens in any browser (no cookie, no st), shows
// what Paykassma says of it and nothing else, for 30 days.
func TestCheckLink_ShowsThePaymentsStatusAnywhereFor30Days(t *testing.T) {
	e := newEnv(t, options{})
	e.start("u42", "INR")
	out := e.follow(e.submit(e.get("/pay/upi_l"), map[string]string{"key1": "412345678000", "amount": "500"})).mustStatus(http.StatusOK) // possible
	ref := out.text("reference")
	link := keepLink(t, out)

	e.browser = newBrowser(false) // another phone
	other := e.get(link).mustStatus(http.StatusOK)
	if kind := other.id("outcome").AttrOr("data-kind", ""); kind != "waiting" || other.text("reference") != ref {
		t.Errorf("before it is found: %q, ref %q: %s", kind, other.text("reference"), other.visibleText())
	}
	text := other.body
	if strings.Contains(text, "412345678000") || strings.Contains(text, `name="st"`) || strings.Contains(text, "st=") || other.header.Get("Set-Cookie") != "" {
		t.Error("the status page shows the transaction ID, carries a state or sets a cookie")
	}
	if other.doc.Find(`a[href*="/pay/"], form`).Length() != 0 {
		t.Error("the status page offers a way to pay")
	}

	if err := e.sb.Credit(ref); err != nil {
		t.Fatal(err)
	}
	if kind := e.get(link).mustStatus(http.StatusOK).id("outcome").AttrOr("data-kind", ""); kind != "credited" {
		t.Errorf("after Paykassma credits it: %q", kind)
	}

	e.clock.Advance(31 * 24 * time.Hour)
	if expired := e.get(link).mustStatus(http.StatusGone); !strings.Contains(expired.visibleText(), "30 days") {
		t.Errorf("an expired link: %s", expired.visibleText())
	}
}

func TestCheckLink_ATamperedLinkShowsNothing(t *testing.T) {
	e := newEnv(t, options{})
	e.start("u42", "INR")
	out := e.follow(e.submit(e.get("/pay/paytm"), map[string]string{"key1": "20512345678"})).mustStatus(http.StatusOK)
	link := keepLink(t, out)
	i := strings.LastIndex(link, "/check/") + len("/check/")
	tok := link[i:]
	flipped := []byte(tok)
	if flipped[2] == 'A' {
		flipped[2] = 'B'
	} else {
		flipped[2] = 'A'
	}
	for _, bad := range []string{string(flipped), tok + "x", "nonsense"} {
		p := e.get("/check/" + bad).mustStatus(http.StatusNotFound)
		if p.text("reference") != "" {
			t.Errorf("%s: a reference shown", bad)
		}
	}
}
