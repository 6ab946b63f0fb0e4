package browser_test

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// After a submit inside the merchant's frame, the frame's top comes into
// view: the outcome's heading is not left above the screen.
func TestFrame_AfterASubmitTheFramesTopIsInView(t *testing.T) {
	shop := openTab(t, newApp(t))
	shop.open("/demo")
	frame := shop.frameOf(shop.app.checkout() + "/")
	frame.waitFor(tid("methods"))
	frame.follow(`[data-type="paytm"] ` + tid("method-link"))
	frame.waitFor(tid("identifier"))
	frame.typeInto("#key1", "20512345678")
	// The person scrolled down the shop's page to the form: the frame's top
	// is far above the screen (room below so the page cannot clamp it back).
	eval[any](shop, `(() => { const s = document.createElement("div"); s.style.height = "4000px"; document.body.append(s);
		const f = document.querySelector("#checkout iframe"); window.scrollTo(0, window.scrollY + f.getBoundingClientRect().top + 700); })()`)
	if top := eval[float64](shop, `document.querySelector("#checkout iframe").getBoundingClientRect().top`); top > -600 {
		t.Fatalf("the frame's top is at %.0f: the test did not scroll past it", top)
	}
	frame.send()
	frame.wantOutcome("credited", "The money is in your account")
	var top float64
	for range 20 { // the parent scrolls when the frame's message arrives
		if top = eval[float64](shop, `document.querySelector("#checkout iframe").getBoundingClientRect().top`); top > -2 {
			break
		}
		shop.do("wait", chromedp.Sleep(100*time.Millisecond))
	}
	if top < -2 || top > 400 {
		t.Errorf("after the submit the frame's top is at %.0f px: the outcome's heading is out of view", top)
	}
}
