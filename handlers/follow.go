package handlers

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/paykassma/checkout/depositor"
	"github.com/paykassma/checkout/i18n"
	"github.com/paykassma/checkout/views"
)

// followed are the outcomes after which the money may still arrive: the
// outcome page follows the deposit until Paykassma says it is credited.
var followed = map[depositor.Outcome]bool{
	depositor.Paid: true, depositor.Possible: true, depositor.Suspicious: true,
	depositor.Done: true, depositor.Submitted: true,
}

// followDelays are the seconds between checks: soon at first, then every
// half minute. maxFollows stops the page after about half an hour.
var followDelays = []int{5, 10, 20, 30}

const maxFollows = 60

// follow is how the outcome page of an uncredited attempt keeps itself up
// to date: nil when there is nothing to wait for.
func (h *handler) follow(v *visit, a *depositor.Attempt, lang string, credited bool) *views.Follow {
	if credited || !followed[a.Outcome] {
		return nil
	}
	n, _ := strconv.Atoi(v.c.QueryParam("n"))
	if n < 0 || n >= maxFollows {
		return nil
	}
	secs := followDelays[min(n, len(followDelays)-1)]
	next := v.link(fmt.Sprintf("/status/%s?n=%d", a.Ref, n+1))
	return &views.Follow{
		Text:    i18n.T(lang, "status.following"),
		Refresh: fmt.Sprintf("%d; url=%s", secs, next),
		NowURL:  next,
		PollURL: v.link("/status/" + a.Ref + ".json"),
		Delays:  followDelays,
	}
}

// statusJSON answers the outcome page's script: whether the deposit is
// credited now and, if so, the words the page should show instead.
func (h *handler) statusJSON(v *visit, a *depositor.Attempt) error {
	lang := v.lang()
	if !i18n.Supported(lang) {
		lang = i18n.Default
	}
	out := struct {
		Ref      string `json:"ref"`
		Credited bool   `json:"credited"`
		Kind     string `json:"kind"`
		Heading  string `json:"heading,omitempty"`
		Body     string `json:"body,omitempty"`
	}{Ref: a.Ref, Kind: string(a.Outcome)}
	if h.isCredited(v, a) { // at most one call to Paykassma per attempt per 10 s, however many tabs poll

		out.Credited, out.Kind = true, "credited"
		out.Heading = i18n.T(lang, "outcome.credited.title")
		out.Body = i18n.T(lang, "outcome.credited.body")
	}
	v.c.Response().Header().Set("Cache-Control", "no-store")
	return v.c.JSON(http.StatusOK, out)
}
