// Package i18n holds every sentence a person reads on the checkout, so a
// second language is a second catalog, not a hunt through templates.
package i18n

import (
	"context"
	"fmt"
	"html"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Default is the language used when none is asked for or known.
const Default = "en"

// catalogs maps a language to its messages. English is the fallback for
// any key another language lacks (a test fails on such a gap).
var catalogs = map[string]map[string]string{
	"en": english,
	"hi": hindi,
	"bn": bengali,
}

// Language is one the checkout speaks, as the switcher names it.
type Language struct {
	Code string // BCP 47, as in <html lang>
	Name string // in the language itself
}

// Languages are the supported languages, in the switcher's order.
var Languages = []Language{{"en", "English"}, {"hi", "हिन्दी"}, {"bn", "বাংলা"}}

// FromAcceptLanguage picks the supported language a browser prefers most
// (by q, then order), or "" when it asks for none of them. Regional tags
// count for their language: bn-BD is bn, hi-IN is hi.
func FromAcceptLanguage(header string) string {
	best, bestQ := "", 0.0
	for _, part := range strings.Split(header, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				continue
			}
			q = f
		}
		base, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
		if _, ok := catalogs[base]; ok && q > bestQ {
			best, bestQ = base, q
		}
	}
	return best
}

// T gives the message for key in lang, formatted with args (fmt verbs).
// A key with no text shows as "[key]" so a gap is visible, never blank.
func T(lang, key string, args ...any) string {
	msg, ok := catalogs[lang][key]
	if !ok {
		msg, ok = english[key]
	}
	if !ok {
		missing.Store(key, true)
		return "[" + key + "]"
	}
	if len(args) == 0 {
		return msg
	}
	if s, ok := substitute(msg, args); ok {
		return s
	}
	return fmt.Sprintf(msg, args...)
}

// substitute is fmt.Sprintf for the usual message: only %s verbs, one
// string for each. It is most of a page's translations (a PS's name, an
// amount), and Sprintf's boxing and state were a twentieth of rendering
// the choose page. Anything else reports false, for Sprintf to format.
func substitute(msg string, args []any) (string, bool) {
	n := len(msg)
	for _, a := range args {
		s, ok := a.(string)
		if !ok {
			return "", false
		}
		n += len(s)
	}
	var b strings.Builder
	b.Grow(n)
	next := 0
	for {
		i := strings.IndexByte(msg, '%')
		if i < 0 {
			break
		}
		if i+1 >= len(msg) || msg[i+1] != 's' || next == len(args) {
			return "", false
		}
		b.WriteString(msg[:i])
		b.WriteString(args[next].(string))
		next++
		msg = msg[i+2:]
	}
	if next != len(args) {
		return "", false
	}
	b.WriteString(msg)
	return b.String(), true
}

// Has reports whether key has English text.
func Has(key string) bool {
	_, ok := english[key]
	return ok
}

// Supported reports whether lang has a catalog.
func Supported(lang string) bool {
	_, ok := catalogs[lang]
	return ok
}

type ctxKey struct{}

// WithLang returns a context that carries the language templates render in.
func WithLang(ctx context.Context, lang string) context.Context {
	return context.WithValue(ctx, ctxKey{}, lang)
}

// Lang is the language carried by ctx, or Default.
func Lang(ctx context.Context) string {
	if l, ok := ctx.Value(ctxKey{}).(string); ok && l != "" {
		return l
	}
	return Default
}

// Ctx is T in the language carried by ctx; templates use it.
func Ctx(ctx context.Context, key string, args ...any) string {
	return T(Lang(ctx), key, args...)
}

var missing sync.Map

// Missing lists the keys asked for since the process started that have no
// English text, so tests that walk every page can fail on a gap.
func Missing() []string {
	var keys []string
	missing.Range(func(k, _ any) bool {
		keys = append(keys, k.(string))
		return true
	})
	slices.Sort(keys)
	return keys
}

// escaped holds every catalog's messages HTML-escaped (html.EscapeString,
// as templ escapes text), made once: the pages' fixed texts are written as
// they are, with no copy and no escaping per page.
var escaped = sync.OnceValue(func() map[string]map[string]string {
	out := make(map[string]map[string]string, len(catalogs))
	for lang := range catalogs {
		m := make(map[string]string, len(english))
		for key := range english { // every key has English text; T falls back to it
			m[key] = html.EscapeString(T(lang, key))
		}
		out[lang] = m
	}
	return out
})

// Escaped is T(lang, key) with no arguments, HTML-escaped, for text that a
// page writes as it is. An unknown language is the default's.
func Escaped(lang, key string) string {
	all := escaped()
	msgs, ok := all[lang]
	if !ok {
		msgs = all[Default]
	}
	if s, ok := msgs[key]; ok {
		return s
	}
	return html.EscapeString(T(lang, key)) // records the gap, as T does
}
