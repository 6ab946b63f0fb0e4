package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// brandCSS is GET /static/brand.css: the merchant's accent colour (config,
// checked to be #rrggbb) as the stylesheet's brand colour. A stylesheet
// rather than an inline style: the CSP allows styles from 'self' only.
func (h *handler) brandCSS(c echo.Context) error {
	c.Response().Header().Set("Cache-Control", "public, max-age=300")
	css := "/* no accent configured */\n"
	if a := h.cfg.Merchant.Accent; a != "" {
		css = ":root { --brand: " + a + "; }\n"
	}
	return c.Blob(http.StatusOK, "text/css; charset=utf-8", []byte(css))
}
