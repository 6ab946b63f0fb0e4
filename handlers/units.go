// Times and sizes as the pages write them.

package handlers

import (
	"fmt"
	"strconv"
	"time"

	"github.com/paykassma/checkout/i18n"
)

// megabytes is a byte limit in words, in lang's digits: "5 MB".
func megabytes(lang string, n int64) string {
	if n%(1<<20) == 0 {
		return i18n.Digits(lang, fmt.Sprintf("%d MB", n>>20))
	}
	return i18n.Digits(lang, fmt.Sprintf("%d KB", n>>10))
}

// when is a time as a depositor reads it: in their zone (config [times]
// zones, by currency), with the date, since a time near midnight UTC is
// another day in India, and the zone named, all in the page's language
// and digits: "2 Dec 00:29 (India time)".
func when(lang string, t time.Time, zone *time.Location) string {
	t = t.In(zone)
	name := "time.zone." + zone.String()
	label := t.Format("MST")
	if i18n.Has(name) {
		label = i18n.T(lang, name)
	}
	s := strconv.Itoa(t.Day()) + " " + i18n.Month(lang, t.Month()) + " " + t.Format("15:04")
	return i18n.Digits(lang, s) + " (" + label + ")"
}

// isoTime is a time for a <time datetime> and for scripts.
func isoTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

// zone is where depositors paying in cur live, for the times they read.
func (h *handler) zone(cur string) *time.Location {
	if z, ok := h.zones[cur]; ok {
		return z
	}
	return time.UTC
}

// loadZones loads the zones of [times] zones, which config already checked.
func loadZones(names map[string]string) (map[string]*time.Location, error) {
	zones := make(map[string]*time.Location, len(names))
	for cur, name := range names {
		z, err := time.LoadLocation(name)
		if err != nil {
			return nil, fmt.Errorf("time zone of %s: %w", cur, err)
		}
		zones[cur] = z
	}
	return zones, nil
}
