package handlers_test

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
)

// hostileURLs is a Paykassma whose logos and guides are scripts.
func hostileURLs(sb http.Handler) http.Handler {
	logo := regexp.MustCompile(`"logo":"[^"]*"`)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/wallet-type/images") {
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(`{"status":"ok","data":{"paytm":{"id":1,"url":"javascript:alert(1)//x.mp4"},` +
				`"upi":{"id":2,"url":"data:text/html,<script>alert(2)</script>"}}}`))
			return
		}
		rec := httptest.NewRecorder()
		sb.ServeHTTP(rec, r)
		body := logo.ReplaceAll(rec.Body.Bytes(), []byte(`"logo":"javascript:alert(3)//x.svg"`))
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.Header().Del("Content-Length")
		w.WriteHeader(rec.Code)
		w.Write(body)
	})
}

func TestAPIURLs_AScriptAsLogoOrGuideReachesNoPage(t *testing.T) {
	e := newSocketEnv(t, socketOptions{front: hostileURLs})
	choose := e.start("u42", "INR").mustStatus(http.StatusOK)
	pages := []*page{choose}
	for _, wt := range []string{"paytm", "upi_l"} {
		pages = append(pages, e.get("/pay/"+wt).mustStatus(http.StatusOK))
	}
	for _, p := range pages {
		for _, bad := range []string{"javascript:", "data:text/html", "alert("} {
			if strings.Contains(p.body, bad) {
				i := strings.Index(p.body, bad)
				t.Errorf("%s shows %q: …%s…", p.url, bad, p.body[max(0, i-80):min(len(p.body), i+60)])
			}
		}
	}
	if !strings.Contains(pages[1].visibleText(), "PayTM") {
		t.Errorf("the PS without its logo and guide is not there: %s", pages[1].visibleText())
	}
}
