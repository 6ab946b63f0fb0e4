package handlers_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestQuery_APageRefusesAQueryOver8KB: the pages copy their query into the
// language links; a state token is under 4 KB and an entry link far
// shorter, so a longer query is refused with the friendly 414 page.
func TestQuery_APageRefusesAQueryOver8KB(t *testing.T) {
	e := newEnv(t, options{})
	e.start("u42", "INR")
	long := strings.Repeat("x", 9<<10)
	for _, path := range []string{"/?label=u42&currency_code=INR&pad=", "/pay/paytm?pad=", "/status/X?pad=", "/lang/en?back=/&pad="} {
		p := e.get(path + long)
		if p.status != http.StatusRequestURITooLong || p.text("error-title") == "" || strings.Contains(p.body, long) {
			t.Errorf("%s…: %d, want 414 on the friendly page without the query: %.300s", path, p.status, p.visibleText())
		}
	}
	// What a page may carry still works.
	e.get("/?label=u42&currency_code=INR&pad=" + strings.Repeat("x", 6<<10)).mustStatus(http.StatusOK)
}
