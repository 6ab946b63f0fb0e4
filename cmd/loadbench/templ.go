package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"net/http"
	"os"
	"regexp"
	"strconv"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"github.com/paykassma/checkout/i18n"
	"github.com/paykassma/checkout/views"
)

// The templ rung: Echo and the checkout's own templates rendering the same
// choose page per request from a view model held in memory, with nothing
// else of the checkout (no cookie, cache, nonce, CSP, log line or metrics).
// It measures what building this page with templ costs by itself, so the
// gap between bare bytes and the checkout can be split into the two.

var (
	pageTitle  = regexp.MustCompile(`<title>(.*?) · (.*?)</title>`)
	pageLead   = regexp.MustCompile(`<p class="lead">(.*?)</p>`)
	pageMethod = regexp.MustCompile(`<li class="method" data-testid="method" data-type="([^"]+)">` +
		`<a class="method-link" href="([^"]+)" data-testid="method-link">` +
		`(?:<img class="logo" src="([^"]+)"[^>]*> )?` +
		`<span class="method-name" data-testid="method-name">([^<]*)</span>` +
		`(?: <span class="method-hint" data-testid="method-hint">([^<]*)</span>)?` +
		`(?: <span class="method-min" data-testid="method-min">([^<]*)</span>)?` +
		` <span class="chevron" aria-hidden="true">›</span></a> (<details class="guide".*?</details>)</li>`)
	pageNonce = regexp.MustCompile(`nonce="[^"]*"`)
)

// chooseModel reads the choose page the checkout sent back into the view
// model that renders it. Only the shape the benchmark's depositor sees is
// understood (no savings, no attempts); templServer checks that the model
// renders the same bytes, so a page it misreads stops the run.
func chooseModel(page []byte) (views.ChooseView, error) {
	u := func(b []byte) string { return html.UnescapeString(string(b)) }
	t := pageTitle.FindSubmatch(page)
	lead := pageLead.FindSubmatch(page)
	if t == nil || lead == nil {
		return views.ChooseView{}, errors.New("choose page: no title or lead")
	}
	vm := views.ChooseView{
		Page: views.Page{Lang: "en", Title: u(t[1]), SiteName: u(t[2]),
			Sandbox: regexp.MustCompile(`data-testid="sandbox-badge"`).Match(page)},
		Intro: u(lead[1]),
	}
	for _, m := range pageMethod.FindAllSubmatch(page, -1) {
		vm.Methods = append(vm.Methods, views.Method{Type: u(m[1]), URL: u(m[2]), Logo: u(m[3]), Name: u(m[4]),
			Hint: u(m[5]), Minimum: u(m[6]), GuideHTML: string(m[7])}) // the guide as the checkout writes it: kept HTML
	}
	if len(vm.Methods) == 0 {
		return vm, errors.New("choose page: no methods")
	}
	return vm, nil
}

// serveTempl renders the choose page read from file per request.
func serveTempl(file string) error {
	page, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	render, err := templRenderer(page)
	if err != nil {
		return err
	}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.GET("/", func(c echo.Context) error {
		// As handlers.render does: into a pooled buffer, then sent with its length.
		buf := templ.GetBuffer()
		defer templ.ReleaseBuffer(buf)
		if err := render(c.Request().Context(), buf); err != nil {
			return err
		}
		c.Response().Header().Set(echo.HeaderContentLength, strconv.Itoa(buf.Len()))
		return c.HTMLBlob(http.StatusOK, buf.Bytes())
	})
	return serve(e, nil, nil)
}

// templRenderer returns what renders page again with views.Choose, after
// checking that it gives the same bytes (the CSP nonce aside).
func templRenderer(page []byte) (func(context.Context, io.Writer) error, error) {
	vm, err := chooseModel(page)
	if err != nil {
		return nil, err
	}
	var links []views.LangLink
	for _, l := range i18n.Languages {
		links = append(links, views.LangLink{Code: l.Code, Name: l.Name, Current: l.Code == vm.Lang,
			URL: "/lang/" + l.Code + "?back=%2F"})
	}
	render := func(ctx context.Context, w io.Writer) error {
		ctx = views.WithLangLinks(i18n.WithLang(ctx, vm.Lang), links)
		return views.Choose(vm).Render(templ.WithNonce(ctx, "bench-nonce-0123456789ab"), w)
	}
	var check bytes.Buffer
	if err := render(context.Background(), &check); err != nil {
		return nil, err
	}
	if a, b := pageNonce.ReplaceAll(check.Bytes(), nil), pageNonce.ReplaceAll(page, nil); !bytes.Equal(a, b) {
		return nil, fmt.Errorf("the templ rung renders %d bytes that differ from the checkout's %d", len(a), len(b))
	}
	return render, nil
}
