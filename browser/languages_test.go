package browser_test

import (
	"strings"
	"testing"
)

// Hindi and Bengali, as a person in India or Bangladesh reads them: the
// merchant's link names the language, the footer's switcher changes it.
// The screenshots show the script renders (fonts-noto-core), not boxes.
func TestLanguages_HindiAndBengaliScreens(t *testing.T) {
	tb := openTab(t, newApp(t))
	tb.open(tb.app.merchantLink("u42", "INR") + "&lang=hi")
	tb.waitFor(tid("methods"))
	if lang := eval[string](tb, `document.documentElement.lang`); lang != "hi" {
		t.Fatalf("<html lang=%q>, want hi", lang)
	}
	tb.screen("choose-hi")
	tb.follow(`[data-type="paytm"] ` + tid("method-link"))
	tb.waitFor(tid("identifier"))
	tb.screen("pay-paytm-hi")

	tb.follow(tid("lang-bn"))
	tb.waitFor(tid("identifier"))
	if lang := eval[string](tb, `document.documentElement.lang`); lang != "bn" {
		t.Fatalf("after choosing বাংলা: <html lang=%q>", lang)
	}
	tb.typeInto("#key1", "20512345150")
	tb.send()
	tb.wantOutcome("saved", "")
	if text := tb.mainText(); !strings.ContainsAny(text, "অআইঈউএকখগ") {
		t.Errorf("the outcome is not in Bengali: %s", text)
	}
	tb.screen("outcome-saved-bn")
}
