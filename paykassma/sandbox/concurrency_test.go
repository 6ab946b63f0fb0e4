package sandbox_test

import (
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"testing"
)

// parallel runs n calls at once and gives each one's answer.
func parallel(n int, call func(i int) answer) []answer {
	out := make([]answer, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = call(i)
		}()
	}
	wg.Wait()
	return out
}

func TestConcurrency_DistinctIDsEachAcceptedOnce(t *testing.T) {
	forEach(t, func(t *testing.T, tg target) {
		answers := parallel(100, func(i int) answer {
			return tg.api(t, "/api/v1/transaction/activate", nil, activateBody("paytm", fmt.Sprintf("TX%08d1", i), fmt.Sprintf("order-%d", i)))
		})
		for i, a := range answers {
			if str(t, a.body, "status") != "ok" {
				t.Errorf("order-%d: %s", i, a.body)
			}
			if n := tg.s.Activations(fmt.Sprintf("order-%d", i)); n != 1 {
				t.Errorf("Activations(order-%d) = %d, want 1", i, n)
			}
		}
	})
}

func TestConcurrency_SameCustomIDAcceptedOnce(t *testing.T) {
	forEach(t, func(t *testing.T, tg target) {
		answers := parallel(20, func(i int) answer {
			return tg.api(t, "/api/v1/transaction/activate", nil, activateBody("paytm", fmt.Sprintf("TX%08d1", i), "same-order"))
		})
		accepted := 0
		for _, a := range answers {
			switch {
			case str(t, a.body, "status") == "ok":
				accepted++
			case a.code != http.StatusOK || str(t, a.body, "status") != "fail":
				t.Errorf("unexpected answer %d %s", a.code, a.body)
			}
		}
		if accepted != 1 || tg.s.Activations("same-order") != 1 {
			t.Errorf("accepted %d times, Activations = %d; want 1 and 1", accepted, tg.s.Activations("same-order"))
		}
	})
}

func TestConcurrency_SameKey1AcceptedOnce(t *testing.T) {
	forEach(t, func(t *testing.T, tg target) {
		answers := parallel(20, func(i int) answer {
			return tg.api(t, "/api/v1/transaction/activate", nil, activateBody("paytm", "TX12345678", fmt.Sprintf("o-%d", i)))
		})
		accepted := 0
		for _, a := range answers {
			if str(t, a.body, "status") == "ok" {
				accepted++
			}
		}
		if accepted != 1 {
			t.Errorf("one transaction ID accepted %d times", accepted)
		}
	})
}

func TestConcurrency_WalletPagePaidOnce(t *testing.T) {
	forEach(t, func(t *testing.T, tg target) {
		page := createWallet(t, tg, "bkash", "race")
		answers := parallel(20, func(int) answer { return tg.form(t, page, url.Values{"action": {"pay"}}) })
		redirected := 0
		for _, a := range answers {
			if a.code == http.StatusSeeOther {
				redirected++
			}
		}
		if redirected != 1 || tg.s.Activations("race") != 1 {
			t.Errorf("paid %d times, Activations = %d; want 1 and 1", redirected, tg.s.Activations("race"))
		}
	})
}
