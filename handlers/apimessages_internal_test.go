package handlers

import (
	"strings"
	"testing"
	"unicode"
)

// documented are the messages paykassma-api.md lists, as it writes them.
var documented = []string{
	"Not found",
	"Transaction field has wrong length",
	"Transaction not found. Possible transaction created",
	"Check of deposit status started. The operation may take longer than expected. Once checked the funds will credit to your account",
	"Transaction not found",
	"Successful",
	"Insufficient balance",
	"Wrong secret",
	"Data validation error",
	"Postback not found",
}

// Every message the API document lists has our own words in every
// language, in that language's script; any other message has none.
func TestAPIMessages_EveryDocumentedMessageHasOurWords(t *testing.T) {
	scripts := map[string]*unicode.RangeTable{"hi": unicode.Devanagari, "bn": unicode.Bengali}
	for _, msg := range documented {
		for _, lang := range []string{"en", "hi", "bn"} {
			said := apiSaid(lang, msg)
			if said == "" || strings.Contains(said, msg) {
				t.Errorf("%s: %q says %q", lang, msg, said)
				continue
			}
			if s := scripts[lang]; s != nil && !strings.ContainsFunc(said, func(r rune) bool { return unicode.Is(s, r) }) {
				t.Errorf("%s: %q in our words is not in the language's script: %q", lang, msg, said)
			}
		}
	}
	if got := apiSaid("hi", "  transaction NOT found. "); got != apiSaid("hi", "Transaction not found") {
		t.Errorf("a message differing only in case, spaces or a final full stop is not recognised: %q", got)
	}
	if got := apiSaid("hi", "Something else entirely"); got != "" {
		t.Errorf("an unknown message has words: %q", got)
	}
}
