package i18n

import (
	"regexp"
	"slices"
	"testing"
)

// TestCatalogs_EveryEnglishKeyIsTranslatedInEveryLanguage fails when a
// string has no translation, or a translation's fmt verbs differ from the
// English ones (a missing %s would drop an amount from the sentence).
func TestCatalogs_EveryEnglishKeyIsTranslatedInEveryLanguage(t *testing.T) {
	verbs := regexp.MustCompile(`%[sdv]`)
	for _, l := range Languages {
		cat, ok := catalogs[l.Code]
		if !ok {
			t.Errorf("%s is offered in the switcher but has no catalog", l.Code)
			continue
		}
		for key, en := range english {
			msg, ok := cat[key]
			if !ok || msg == "" {
				t.Errorf("%s: %q has no translation (English: %q)", l.Code, key, en)
				continue
			}
			if got, want := verbs.FindAllString(msg, -1), verbs.FindAllString(en, -1); !slices.Equal(got, want) {
				t.Errorf("%s: %q has verbs %v, English has %v", l.Code, key, got, want)
			}
		}
		for key := range cat {
			if _, ok := english[key]; !ok {
				t.Errorf("%s: %q is not an English key (renamed or removed?)", l.Code, key)
			}
		}
	}
}

func TestT_SpeaksTheLanguageAskedFor(t *testing.T) {
	tests := []struct{ lang, want string }{
		{"en", "Minimum deposit ₹300"},
		{"hi", "न्यूनतम जमा ₹300"},
		{"bn", "সর্বনিম্ন জমা ₹300"},
	}
	for _, tc := range tests {
		if got := T(tc.lang, "choose.minimum", "₹300"); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.lang, got, tc.want)
		}
	}
}

func TestFromAcceptLanguage_PicksTheMostPreferredSupportedLanguage(t *testing.T) {
	tests := []struct{ header, want string }{
		{"", ""},
		{"fr-FR, de;q=0.8", ""},
		{"hi-IN,hi;q=0.9,en-US;q=0.8,en;q=0.7", "hi"},
		{"bn-BD", "bn"},
		{"en;q=0.5, bn;q=0.9", "bn"},
		{"fr, en-GB;q=0.7, hi;q=0.3", "en"},
		{"HI", "hi"},
		{"hi;q=bogus, bn;q=0.1", "bn"},
	}
	for _, tc := range tests {
		if got := FromAcceptLanguage(tc.header); got != tc.want {
			t.Errorf("%q: %q, want %q", tc.header, got, tc.want)
		}
	}
}
