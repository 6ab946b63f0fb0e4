package paykassma

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// lowerHex writes the percent-escapes of s in lower case, as PHP's
// urlencode does not but many servers and proxies do.
func lowerHex(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			b.WriteString("%" + strings.ToLower(s[i+1:i+3]))
			i += 2
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// secretEncodings are the ways an upstream message could quote a value.
func secretEncodings(s string) map[string]string {
	jsonEsc, _ := json.Marshal(s) // escapes & as \u0026
	var everyByte, everyByteLower strings.Builder
	for i := 0; i < len(s); i++ {
		fmt.Fprintf(&everyByte, "%%%02X", s[i])
		fmt.Fprintf(&everyByteLower, "%%%02x", s[i])
	}
	var unicode strings.Builder
	for _, r := range s {
		fmt.Fprintf(&unicode, `\u%04x`, r)
	}
	return map[string]string{
		"raw":                        s,
		"query-escaped":              url.QueryEscape(s),
		"query-escaped, lower hex":   lowerHex(url.QueryEscape(s)),
		"path-escaped":               url.PathEscape(s),
		"path-escaped, lower hex":    lowerHex(url.PathEscape(s)),
		"space as %20":               strings.ReplaceAll(url.QueryEscape(s), "+", "%20"),
		"every byte escaped":         everyByte.String(),
		"every byte escaped, lower":  everyByteLower.String(),
		"JSON-escaped":               strings.Trim(string(jsonEsc), `"`),
		"JSON with PHP's \\/":        strings.ReplaceAll(strings.Trim(string(jsonEsc), `"`), "/", `\/`),
		"JSON, every rune \\u":       unicode.String(),
		"JSON, every rune \\u upper": strings.ToUpper(unicode.String()),
		"base64":                     base64.StdEncoding.EncodeToString([]byte(s)),
		"base64 URL, no padding":     base64.RawURLEncoding.EncodeToString([]byte(s)),
		"HTML-escaped":               html.EscapeString(s),
		"HTML, numeric":              strings.ReplaceAll(s, "&", "&#38;"),
	}
}

func TestRedact_EveryEncodingOfTheSecret(t *testing.T) {
	for name, form := range secretEncodings(testSecret) {
		t.Run(name, func(t *testing.T) {
			c := newClient(t, func(w http.ResponseWriter, r *http.Request) {
				msg, _ := json.Marshal("unknown secret <" + form + "> given")
				w.Header().Set("Content-Type", "application/json")
				fmt.Fprintf(w, `{"status":"fail","message":%s}`, msg)
			})
			_, err := c.AccountsBalance(t.Context())
			if err == nil {
				t.Fatal("no error")
			}
			if strings.Contains(err.Error(), form) {
				t.Errorf("the secret shows as %s: %v", name, err)
			}
			if !strings.Contains(err.Error(), "<"+redacted+">") {
				t.Errorf("not redacted as a whole: %v", err)
			}
		})
	}
	c := New("https://api.example", testSecret, WithPrivateKey(testKey))
	if got := c.redactString("key " + lowerHex(url.QueryEscape(testKey)) + "."); got != "key "+redacted+"." {
		t.Errorf("the private key: %q", got)
	}
	if got := c.redactString("nothing secret: %2f %2F \\u0026 aGVsbG8="); got != "nothing secret: %2f %2F \\u0026 aGVsbG8=" {
		t.Errorf("redacted what is not the secret: %q", got)
	}
}
