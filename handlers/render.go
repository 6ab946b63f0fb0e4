package handlers

import (
	"fmt"
	"strconv"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"github.com/paykassma/checkout/i18n"
	"github.com/paykassma/checkout/views"
)

// render writes a page: into a buffer first, so a template error becomes
// the 500 page rather than half a page.
func (h *handler) render(c echo.Context, status int, lang string, page templ.Component) error {
	buf := templ.GetBuffer()
	defer templ.ReleaseBuffer(buf)
	ctx := i18n.WithLang(c.Request().Context(), lang)
	ctx = views.WithLangLinks(ctx, h.langLinks(c, lang))
	// The nonce the CSP header names (secureHeaders), and, once the visit is
	// saved, its embedding: the frame's script and the cancel link.
	if nonce, ok := c.Get(nonceKey).(string); ok {
		ctx = templ.WithNonce(ctx, nonce)
	}
	if v, ok := c.Get(savedVisit).(*visit); ok {
		ctx = views.WithEmbed(ctx, v.embed())
	}
	if err := page.Render(ctx, buf); err != nil {
		return fmt.Errorf("render: %w", err)
	}
	// Pages carry the depositor's state token: never cache them.
	c.Response().Header().Set("Cache-Control", "no-store")
	// The length up front: without it net/http sends a page over its 2 KB
	// buffer chunked, one write more per page, and a slow phone cannot
	// tell how much is left.
	c.Response().Header().Set(echo.HeaderContentLength, strconv.Itoa(buf.Len()))
	return c.HTMLBlob(status, buf.Bytes())
}

// page is what every page's layout gets.
func (h *handler) page(lang, title string) views.Page {
	name := h.cfg.Merchant.Name
	if name == "" {
		name = i18n.T(lang, "site.name")
	}
	return views.Page{
		Lang: lang, Title: title, SiteName: name,
		LogoURL: h.cfg.Merchant.LogoURL, Accent: h.cfg.Merchant.Accent, Sandbox: h.cfg.UsesSandbox(),
	}
}
