package handlers

import (
	"strings"
	"testing"

	"github.com/paykassma/checkout/depositor"
	"github.com/paykassma/checkout/i18n"
)

// The catalog's own test finds only keys passed to i18n.T literally; the
// outcome texts are keys in a table, so they are checked here, with whether
// each message takes the PS's name as the table says, and that no outcome
// goes without text.
func TestOutcomeTexts_EveryKeyHasEnglishText(t *testing.T) {
	for _, o := range []depositor.Outcome{
		depositor.Pending, depositor.Redirected, depositor.Done, depositor.Possible, depositor.Suspicious,
		depositor.Failed, depositor.Submitted, depositor.Paid, depositor.WalletFail, depositor.Cancelled,
	} {
		if _, ok := outcomeTexts[o]; !ok {
			t.Errorf("%s: no text for this outcome", o)
		}
	}
	for outcome, text := range outcomeTexts {
		keys := []struct {
			key   string
			named bool
		}{{text.title, text.titleNamed}, {text.body, text.bodyNamed}, {text.next, false}}
		for i, k := range keys {
			if k.key == "" {
				if i < 2 {
					t.Errorf("%s: no title or body", outcome)
				}
				continue
			}
			if !i18n.Has(k.key) {
				t.Errorf("%s: %q has no English text", outcome, k.key)
				continue
			}
			if takesName := strings.Contains(i18n.T(i18n.Default, k.key), "%s"); takesName != k.named {
				t.Errorf("%s: %q takes the PS's name: %v; the table says %v", outcome, k.key, takesName, k.named)
			}
		}
	}
}
