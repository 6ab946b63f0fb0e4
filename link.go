package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"time"

	"github.com/paykassma/checkout/entrylink"
)

// runLink is `checkout link -label u42 -currency INR`: it prints a signed
// entry link, as the merchant's server would make one, with the
// [merchant] signing_key of the config (or MERCHANT_SIGNING_KEY).
func runLink(args []string, getenv func(string) string, stdout io.Writer) error {
	flags := flag.NewFlagSet(args[0], flag.ContinueOnError)
	flags.SetOutput(stdout)
	path := flags.String("config", defaultConfig, "the INI `file` to read")
	base := flags.String("base", "", "the checkout's `URL`; default [server] public_url, else http://localhost and the port of [server] addr")
	ttl := flags.Duration("ttl", 15*time.Minute, "how long the link stays valid (the checkout refuses more than 7 days)")
	params := map[string]*string{}
	for _, p := range []struct{ flag, name, usage string }{
		{"label", "label", "the depositor's id in the shop (required)"},
		{"currency", "currency_code", "the currency code, e.g. INR (required)"},
		{"lang", "lang", "the page's language, e.g. en"},
		{"wallet", "wallet_type", "open this payment system directly, e.g. paytm"},
		{"amount", "fixed_amount", "the amount to pay, e.g. 500"},
		{"id", "custom_transaction_id", "the order id: attempts are ID-1, ID-2, ..."},
		{"success", "success_url", "where the person returns after a payment"},
		{"fail", "fail_url", "where the person returns after a failure or a cancel"},
		{"pending", "pending_url", "where the person returns while the payment is checked"},
		{"origin", "origin", "the origin of the page framing the checkout, which receives its events"},
	} {
		params[p.name] = flags.String(p.flag, "", p.usage)
	}
	if err := flags.Parse(args[1:]); err != nil {
		return err
	}
	cfg, err := loadConfig(*path, getenv)
	if err != nil {
		return err
	}
	if cfg.Merchant.SigningKey == "" {
		return errors.New("link: no signing key: set MERCHANT_SIGNING_KEY (or [merchant] signing_key); the checkout then accepts only signed links")
	}
	if *base == "" {
		*base = cfg.Server.PublicURL
	}
	if *base == "" {
		_, port, _ := net.SplitHostPort(cfg.Server.Addr) // valid: config checked it
		*base = "http://" + net.JoinHostPort("localhost", port)
	}
	q := url.Values{}
	for name, v := range params {
		if *v != "" {
			q.Set(name, *v)
		}
	}
	if q.Get("label") == "" || q.Get("currency_code") == "" {
		return errors.New("link: -label and -currency are required")
	}
	link, err := entrylink.URL(*base, cfg.Merchant.SigningKey, q, time.Now().Add(*ttl))
	if err != nil {
		return err
	}
	// Check it as the checkout will, so a link that would be refused is
	// refused here, with the reason.
	u, _ := url.Parse(link)
	l, err := entrylink.Verify(cfg.Merchant.SigningKey, u.Query(), time.Now())
	if err == nil {
		err = l.CheckOrigins(cfg.Merchant.ReturnOrigins, cfg.Merchant.AllowedOrigins)
	}
	if err != nil {
		return fmt.Errorf("link: %w", err)
	}
	_, err = fmt.Fprintln(stdout, link)
	return err
}
