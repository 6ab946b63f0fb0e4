package main

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// Every app's receipt asks for the apps' kind of face, a sans-serif:
// a style sheet that lost its font (html/template's ZgotmplZ) is drawn in
// Chromium's default serif, which no payment app uses, and the corpus then
// measures the reading on the wrong letters.
func TestReceipt_StyleSheetNamesASansSerifFace(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	for _, a := range apps {
		for _, variant := range []string{"a", "b"} {
			html := newReceipt(r, a, variant, "Noto Sans").html
			if strings.Contains(html, "ZgotmplZ") {
				t.Fatalf("%s %s: the template refused a value:\n%.600s", a.Name, variant, html)
			}
			if !strings.Contains(html, "font-family:'Noto Sans',") || !strings.Contains(html, "sans-serif;") {
				t.Fatalf("%s %s: no sans-serif face in the style sheet:\n%.600s", a.Name, variant, html)
			}
		}
	}
}

// -face draws the Latin text in another installed face, and nothing the
// flag carries can end the style sheet's rule.
func TestReceipt_FaceIsTheOneAskedFor(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	html := newReceipt(r, apps[0], "a", "Liberation Sans").html
	if !strings.Contains(html, "font-family:'Liberation Sans','Noto Sans Devanagari'") {
		t.Errorf("no Liberation Sans in the style sheet:\n%.600s", html)
	}
	html = newReceipt(r, apps[0], "a", "X';}body{color:red").html
	if strings.Contains(html, "body{color:red") {
		t.Errorf("the face escaped its rule:\n%.600s", html)
	}
}
