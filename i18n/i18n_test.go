package i18n

import (
	"fmt"
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// keyUse finds a literal key passed to the translation functions:
// i18n.T(lang, "k"), i18n.Ctx(ctx, "k"), t(ctx, "k") in views, and
// fe.add(lang, field, "k") in handlers.
// Keys built at run time ("attempt."+kind) are left to the handlers' tests,
// which fail on any key a page asked for without text (Missing).
var keyUse = regexp.MustCompile(`(?:\bT|\bCtx|\bt)\(\s*[\w.()]+\s*,\s*"([a-z0-9_.]+)"\s*[,)]|\.add\(\s*\w+\s*,\s*"\w+"\s*,\s*"([a-z0-9_.]+)"\s*[,)]`)

func TestCatalog_EveryKeyUsedHasEnglishText(t *testing.T) {
	root := ".."
	used := map[string]string{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		generated := strings.HasSuffix(path, "_templ.go")
		if d.IsDir() || generated || !(strings.HasSuffix(path, ".go") || strings.HasSuffix(path, ".templ")) || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range keyUse.FindAllStringSubmatch(string(b), -1) {
			key := m[1] + m[2]
			used[key] = path
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(used) < 100 {
		t.Fatalf("found only %d keys in use: is the scan still matching the calls?", len(used))
	}
	for key, path := range used {
		if !Has(key) {
			t.Errorf("%s uses %q, which has no English text", path, key)
		}
	}
}

func TestT_FormatsArgumentsAndShowsAGap(t *testing.T) {
	if got := T("en", "choose.minimum", "₹300"); got != "Minimum deposit ₹300" {
		t.Errorf("formatted: %q", got)
	}
	if got := T("xx", "choose.heading"); got != english["choose.heading"] {
		t.Errorf("an unknown language should fall back to English, got %q", got)
	}
	if got := T("en", "no.such.key"); got != "[no.such.key]" {
		t.Errorf("a missing key should show as [key], got %q", got)
	}
}

func TestCatalog_ArgumentsMatchVerbs(t *testing.T) {
	verb := regexp.MustCompile(`%[sdv]`)
	for key, msg := range english {
		if strings.Contains(msg, "%") && !verb.MatchString(msg) {
			t.Errorf("%s: a %% that is not %%s/%%d/%%v: %q", key, msg)
		}
	}
}

// T's own substitution must say what fmt.Sprintf says, for every message of
// every language, with the right number of strings, too few, too many, or
// arguments that are not strings; and it must take the usual message.
func TestT_SubstitutionIsSprintf(t *testing.T) {
	argLists := [][]any{
		{"₹300"}, {"PayTM", "₹1,00,000.50"}, {"a", "b", "c"}, {"%s", "100%"}, {""},
		{7}, {"x", 7}, {3.5},
	}
	msgs := []string{"%", "100%", "%d%%", "%s%", "%%s", "%v", "%s %s %s %s", "no verb"}
	for _, cat := range catalogs {
		for _, m := range cat {
			msgs = append(msgs, m)
		}
	}
	taken := 0
	for _, m := range msgs {
		for _, args := range argLists {
			got, ok := substitute(m, args)
			if !ok {
				continue
			}
			taken++
			if want := fmt.Sprintf(m, args...); got != want {
				t.Fatalf("substitute(%q, %q) = %q, Sprintf says %q", m, args, got, want)
			}
		}
	}
	if got, ok := substitute(english["choose.minimum"], []any{"₹300"}); !ok || got != "Minimum deposit ₹300" {
		t.Errorf("the usual message was left to Sprintf: %q %v", got, ok)
	}
	if taken < 50 {
		t.Errorf("substitute took only %d of the catalogs' messages", taken)
	}
}

func BenchmarkT(b *testing.B) {
	for b.Loop() {
		T("hi", "choose.minimum", "₹300")
	}
}

// Pages write the escaped catalog as it is: it must be what escaping T's
// text gives, in every language, for every key (a language's gap falls
// back to English as T does).
func TestEscaped_IsTsTextEscaped(t *testing.T) {
	for _, l := range Languages {
		for key := range english {
			if got, want := Escaped(l.Code, key), html.EscapeString(T(l.Code, key)); got != want {
				t.Errorf("%s %s: %q, want %q", l.Code, key, got, want)
			}
		}
	}
	if got := Escaped("xx", "pay.copy"); got != html.EscapeString(T(Default, "pay.copy")) {
		t.Errorf("an unknown language gives %q, not the default's", got)
	}
	if got := Escaped("en", "no.such.key"); got != "[no.such.key]" {
		t.Errorf("a missing key gives %q", got)
	}
}
