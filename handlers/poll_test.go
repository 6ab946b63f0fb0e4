package handlers_test

import (
	"encoding/json"
	"io"
	"net/http"
	"sync"
	"testing"
	"time"
)

// pollCredited reads the status poll's answer as status.js does.
func pollCredited(t *testing.T, e *env, ref string) bool {
	t.Helper()
	p := e.get("/status/" + ref + ".json").mustStatus(http.StatusOK)
	var s struct{ Credited bool }
	if err := json.Unmarshal([]byte(p.body), &s); err != nil {
		t.Fatalf("%v: %s", err, p.body)
	}
	return s.Credited
}

// However many tabs poll one attempt (status.js every 5 s or faster, page
// reloads, several at once), Paykassma is asked about it at most once per
// 10 s, and "credited" shows at most 10 s after Paykassma says so.
func TestPoll_ManyTabsAskPaykassmaAtMostOncePer10s(t *testing.T) {
	api := &upstreamCounter{}
	e := newEnv(t, options{api: countUpstream(api)})
	form := e.clickMethod(e.start("u42", "INR"), "upi_l").mustStatus(http.StatusOK)
	sent := e.submit(form, map[string]string{"key1": "412345678000", "amount": "500"}) // possible: followed
	ref := statusRef(t, sent)
	e.follow(sent).mustStatus(http.StatusOK)

	before := api.statuses.Load()
	const tabs = 5
	for range 60 { // a minute, every tab polling every second
		for range tabs {
			if pollCredited(t, e, ref) {
				t.Fatal("credited before the sandbox credited it")
			}
		}
		e.get("/status/" + ref + "?n=1").mustStatus(http.StatusOK) // and a tab without JavaScript reloading
		e.clock.Advance(time.Second)
	}
	if n := api.statuses.Load() - before; n > 6 {
		t.Errorf("%d tabs polling for a minute asked Paykassma %d times, want at most 6 (one per 10 s)", tabs+1, n)
	}

	// Concurrent polls share one call.
	e.clock.Advance(10 * time.Second)
	before = api.statuses.Load()
	var wg sync.WaitGroup
	statuses := make(chan int, 20)
	for range 20 {
		wg.Go(func() {
			resp, err := e.browser.Get(e.srv.URL + "/status/" + ref + ".json")
			if err != nil {
				statuses <- 0
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			statuses <- resp.StatusCode
		})
	}
	wg.Wait()
	close(statuses)
	for s := range statuses {
		if s != http.StatusOK {
			t.Fatalf("a concurrent poll answered %d", s)
		}
	}
	if n := api.statuses.Load() - before; n != 1 {
		t.Errorf("20 polls at once asked Paykassma %d times, want 1", n)
	}

	// Credited: shown within 10 s, on the poll and on the page.
	if err := e.sb.Credit(ref); err != nil {
		t.Fatal(err)
	}
	e.clock.Advance(pollEvery)
	if !pollCredited(t, e, ref) {
		t.Error("10 s after the credit the poll does not say credited")
	}
	if kind := e.get("/status/"+ref).mustStatus(http.StatusOK).id("outcome").AttrOr("data-kind", ""); kind != "credited" {
		t.Errorf("after the credit the outcome page says %q", kind)
	}
	// Credited is final: no more calls for it.
	before = api.statuses.Load()
	for range 30 {
		e.clock.Advance(10 * time.Second)
		pollCredited(t, e, ref)
	}
	if n := api.statuses.Load() - before; n != 0 {
		t.Errorf("polls of a credited attempt asked Paykassma %d times", n)
	}
}

// Two depositors' polls never share an answer: each asks about its own
// attempt, and another's reference is not found.
func TestPoll_TwoDepositorsApart(t *testing.T) {
	a := newEnv(t, options{})
	sent := a.submit(a.clickMethod(a.start("u1", "INR"), "upi_l").mustStatus(http.StatusOK), map[string]string{"key1": "412345678000", "amount": "500"})
	ref := statusRef(t, sent)
	if err := a.sb.Credit(ref); err != nil {
		t.Fatal(err)
	}
	if !pollCredited(t, a, ref) {
		t.Fatal("the payer's poll does not say credited")
	}
	// Another browser, another depositor, on the same checkout.
	b := &env{t: t, sb: a.sb, cfg: a.cfg, clock: a.clock, srv: a.srv, browser: newBrowser(true), logs: a.logs}
	b.start("u2", "INR")
	if p := b.get("/status/" + ref + ".json"); p.status != http.StatusNotFound {
		t.Errorf("another depositor polling the payer's reference: %d %s", p.status, p.body)
	}
}

// pollEvery is the checkout's: handlers.pollEvery.
const pollEvery = 10 * time.Second
