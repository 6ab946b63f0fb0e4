package handlers_test

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// Times are written in the depositor's zone (India for rupees, Bangladesh
// for taka), with the date, the zone and the page's month names and digits:
// 18:29 UTC on 1 December is already 2 December in India.
func TestTimes_InTheDepositorsZoneAndLanguage(t *testing.T) {
	cases := []struct {
		lang, cur, ps, validity, when string
	}{
		{"en", "INR", "upi_l", "2 Dec 00:29 (India time)", "1 Dec 23:59 (India time)"},
		{"hi", "INR", "upi_l", "2 दिसंबर 00:29 (भारतीय समय)", "1 दिसंबर 23:59 (भारतीय समय)"},
		{"bn", "BDT", "bkash", "২ ডিসেম্বর ০০:৫৯ (বাংলাদেশ সময়)", "২ ডিসেম্বর ০০:২৯ (বাংলাদেশ সময়)"},
	}
	for _, tc := range cases {
		t.Run(tc.lang, func(t *testing.T) {
			e := newEnv(t, options{})
			e.clock.t = time.Date(2026, 12, 1, 18, 29, 0, 0, time.UTC)
			e.get("/?label=u42&currency_code=" + tc.cur + "&lang=" + tc.lang).mustStatus(200)
			pay := e.get("/pay/" + tc.ps).mustStatus(200)
			if got := pay.text("valid-until"); got != tc.validity {
				t.Errorf("valid until %q, want %q", got, tc.validity)
			}
			values := map[string]string{"key1": "412345678000"}
			if tc.cur == "INR" {
				values["amount"] = "500"
			} else {
				values["key1"] = "9GH4K2L000"
			}
			e.submit(pay, values).mustStatus(http.StatusSeeOther)
			choose := e.get("/")
			if got := choose.doc.Find(`[data-testid="attempts"] time`).First().Text(); got != tc.when {
				t.Errorf("attempt at %q, want %q", got, tc.when)
			}
			again := e.submit(e.get("/pay/"+tc.ps), values).mustStatus(http.StatusUnprocessableEntity)
			if msg := again.text("error-key1"); !strings.Contains(msg, tc.when) {
				t.Errorf("the reused ID's error %q should say when: %q", msg, tc.when)
			}
		})
	}
}
