package handlers_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/paykassma/checkout/paykassma"
)

// refusingAPI refuses every activation with a message.
type refusingAPI struct {
	paykassma.API
	msg string
}

func (r *refusingAPI) Activate(context.Context, paykassma.ActivateRequest) (paykassma.Activation, error) {
	return 0, &paykassma.APIError{Endpoint: "transaction/activate", HTTPStatus: http.StatusOK, Status: "fail", Message: r.msg}
}

// A refusal in Paykassma's English reaches a Hindi or Bengali page in that
// language's words; the English stays only as a folded detail.
func TestAPIMessages_ARefusalIsSaidInThePagesLanguage(t *testing.T) {
	cases := []struct{ msg, hi, bn string }{
		{"Transaction not found", "नहीं मिला", "পাওয়া যায়নি"},
		{"Data validation error", "स्वीकार नहीं", "গ্রহণ করা হয়নি"},
		{"Insufficient balance", "बैलेंस", "ব্যালান্স"},
		{"Postback not found", "पुष्टि", "নিশ্চিতকরণ"},
		{"Transaction field has wrong length", "लंबाई", "দৈর্ঘ্য"},
	}
	for _, tc := range cases {
		for lang, want := range map[string]string{"hi": tc.hi, "bn": tc.bn} {
			t.Run(lang+" "+tc.msg, func(t *testing.T) {
				r := &refusingAPI{msg: tc.msg}
				e := newEnv(t, options{api: func(real paykassma.API) paykassma.API { r.API = real; return r }})
				e.get("/?label=u42&currency_code=INR&lang=" + lang).mustStatus(200)
				out := e.follow(e.submit(e.get("/pay/paytm"), map[string]string{"key1": "20512345678"}).mustStatus(http.StatusSeeOther))
				if kind := out.id("outcome").AttrOr("data-kind", ""); kind != "failed" {
					t.Fatalf("outcome %q: %s", kind, out.visibleText())
				}
				if said := out.text("outcome-said"); !strings.Contains(said, want) {
					t.Errorf("Paykassma's answer in our words %q, want it to say %q", said, want)
				}
				main := out.doc.Find("main").Clone()
				main.Find("details").Remove()
				if text := main.Text(); strings.Contains(text, tc.msg) {
					t.Errorf("the English %q is shown outside the folded detail: %s", tc.msg, strings.Join(strings.Fields(text), " "))
				}
				if raw := out.doc.Find(`[data-testid="outcome-detail"] details [lang="en"]`).Text(); raw != tc.msg {
					t.Errorf("the folded detail %q, want Paykassma's words %q, marked English", raw, tc.msg)
				}
			})
		}
	}
}
