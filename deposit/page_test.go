package deposit

import "testing"

func TestAgain_AZeroReadAsAnOIsSetRightByThePagesOwnZeros(t *testing.T) {
	// bKash "UOSGXXE0CL" in Noto Sans: every reading took the 0 for an O
	// (one look kept 0 as a rival at 48), and the ID has no digit 2–9 to
	// measure widths against. The account number's and the date's zeros
	// are drawn as that glyph and unlike the ID's real O.
	c := loadCloser(t, "bkash-0-read-O-page")
	if got := c.read(); got != c.Want {
		t.Fatalf("ID %q, want %q", got, c.Want)
	}
	c.page = nil
	if got := c.read(); got != "" {
		t.Errorf("no numbers on the page: ID %q filled", got)
	}
}

func TestAgain_AnEightIsToldFromBByThePagesOwnEights(t *testing.T) {
	// bKash "T8DEP7LIU0": its 8 read with S and B as rivals. Counters
	// leave 8 or B; the account number's 8s are drawn as it is.
	c := loadCloser(t, "bkash-8B-page")
	if got := c.read(); got != c.Want {
		t.Fatalf("ID %q, want %q", got, c.Want)
	}
	delete(c.page, '8')
	if got := c.read(); got != "" {
		t.Errorf("the page without its 8s: ID %q filled", got)
	}
}
