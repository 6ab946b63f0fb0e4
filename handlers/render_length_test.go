package handlers_test

import (
	"strconv"
	"testing"
)

// Pages say their length up front (not chunked): a slow phone can show how
// much is left, and the server writes each page in one write fewer.
func TestRender_PagesSayTheirLength(t *testing.T) {
	e := newEnv(t, options{})
	choose := e.start("u42", "INR").mustStatus(200)
	pages := map[string]*page{
		"choose":       choose,
		"pay":          e.get("/pay/paytm").mustStatus(200),
		"a lost link":  e.get("/?label=u42&currency_code=rupees"),
		"no such page": e.get("/no/such/page"),
	}
	for name, p := range pages {
		if got, want := p.header.Get("Content-Length"), strconv.Itoa(len(p.body)); got != want || len(p.body) == 0 {
			t.Errorf("%s (%d): Content-Length %q, body %s bytes", name, p.status, got, want)
		}
	}
}
