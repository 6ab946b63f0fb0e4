package handlers_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// latinNumber is a number in ASCII digits standing alone: "200", "৳200",
// "5 MB", "00:29"; not the digits inside a code such as 9GH4K2LM7P.
var latinNumber = regexp.MustCompile(`(^|[^A-Za-z0-9])[0-9][0-9,.:]*($|[^A-Za-z0-9])`)

// phonePrefix is how a wallet number starts ("01"), typed as the person
// types it: a code, no number (no number starts with 0).
var phonePrefix = regexp.MustCompile(`^[^0-9]?0[0-9]+[^0-9]?$`)

// numbersIn is every number of the page's main text in ASCII digits,
// leaving out the codes a person copies or types (identifiers, references,
// what they typed), which stay as the wallet apps write them.
func numbersIn(p *page) []string {
	main := p.doc.Find("main").Clone()
	main.Find("code, .mono, input, textarea, [data-testid=identifier], [data-testid=outcome-ref], [data-testid=outcome-detail]").Remove()
	var found []string
	main.Find("*").AddSelection(main).Contents().Each(func(_ int, s *goquery.Selection) {
		if goquery.NodeName(s) == "#text" {
			for _, m := range latinNumber.FindAllString(s.Text(), -1) {
				if m = strings.TrimSpace(m); !phonePrefix.MatchString(m) {
					found = append(found, m)
				}
			}
		}
	})
	return found
}

// A Bengali page counts in Bengali digits everywhere: the minimums, the
// amounts, the savings, the times, the sizes, as its sentences do.
func TestDigits_ABengaliPageUsesBengaliDigitsForEveryNumber(t *testing.T) {
	e := newEnv(t, options{})
	choose := e.get("/?label=u42&currency_code=BDT&lang=bn").mustStatus(200)
	pages := map[string]*page{"choose": choose}
	pay := e.clickMethod(choose, "bkash").mustStatus(200)
	pages["pay"] = pay
	pages["pay, an error"] = e.submit(pay, map[string]string{"key1": "12"}).mustStatus(http.StatusUnprocessableEntity)
	pages["outcome, saved"] = e.follow(e.submit(e.get("/pay/bkash"), map[string]string{"key1": "9GH4K2L150"}).mustStatus(http.StatusSeeOther))
	pages["choose, with attempts and savings"] = e.get("/").mustStatus(200)
	app := e.clickMethod(pages["choose, with attempts and savings"], "bkash_api").mustStatus(200)
	pages["redirect"] = app
	pages["redirect, under the minimum"] = e.submit(app, map[string]string{"account": "01712345678", "amount": "50"}).mustStatus(http.StatusUnprocessableEntity)
	for name, p := range pages {
		if got := numbersIn(p); len(got) > 0 {
			t.Errorf("%s: numbers in Latin digits %q on a Bengali page:\n%s", name, got, p.visibleText())
		}
	}
	if got := pages["pay"].text("minimum"); !strings.Contains(got, "৳২০০") {
		t.Errorf("minimum %q, want ৳২০০", got)
	}
}
