package browser_test

import (
	"fmt"
	"testing"
)

// After a form comes back with problems, the person sees what is wrong and
// where at once: the summary and the first field in error on the same
// screen of a 360 px phone, with or without scripts; with them, that field
// focused. (Without them the page's #step2 brings both into view, and the
// browser gives no autofocus to a page opened at a fragment.)
func TestAfterAnError_TheSummaryAndTheFirstFieldInErrorAreInView(t *testing.T) {
	cases := []struct {
		name, key1, amount, first string
	}{
		{"the transaction ID", "4123456", "500", "key1"},
		{"the amount after a good ID", "412345678901", "500,50", "amount"},
	}
	for _, js := range []bool{true, false} {
		for _, c := range cases {
			t.Run(fmt.Sprintf("%s, javascript %v", c.name, js), func(t *testing.T) {
				var opts []tabOption
				if !js {
					opts = append(opts, withoutJavaScript)
				}
				tb := openTab(t, newApp(t), opts...)
				tb.chooseMethod("INR", "upi_l")
				tb.typeInto("#key1", c.key1)
				tb.typeInto("#amount", c.amount)
				tb.send()
				tb.waitFor(tid("error-summary"))
				inView := fmt.Sprintf(`(() => {
					const s = document.getElementById("error-summary").getBoundingClientRect();
					const f = document.getElementById(%q).closest(".field").getBoundingClientRect();
					return s.top >= 0 && f.bottom <= innerHeight && (!%v || document.activeElement.id === %q);
				})()`, c.first, js, c.first)
				waitTrue(tb, "the summary and the field "+c.first+" in view (focused, with scripts)", inView)
				t.Logf("summary top %.0f px, field %s bottom %.0f px of %d",
					eval[float64](tb, `document.getElementById("error-summary").getBoundingClientRect().top`), c.first,
					eval[float64](tb, fmt.Sprintf(`document.getElementById(%q).closest(".field").getBoundingClientRect().bottom`, c.first)), phoneHeight)
				if js && c.first == "key1" {
					tb.screen("pay-upi-errors")
					tb.viewShot("pay-upi-errors-in-view") // the first screen, as the phone shows it
				}
			})
		}
	}
}
