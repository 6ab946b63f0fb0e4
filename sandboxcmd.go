package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/paykassma/checkout/paykassma/sandbox"
)

// runSandbox is `checkout sandbox -addr :9100`: the sandbox as a server of
// its own, standing in for Paykassma. Several checkout instances point
// [paykassma] base_url at it and share its state (orders, used references,
// savings), which an embedded sandbox per instance would not; it is also what
// a merchant's developers integrate against. GET /_sandbox/activations
// (with ?secret=) counts what it recorded under each reference.
func runSandbox(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	flags := flag.NewFlagSet(args[0], flag.ContinueOnError)
	flags.SetOutput(stdout)
	addr := flags.String("addr", "127.0.0.1:9100", "the `address` to listen on")
	public := flags.String("public", "", "the `URL` browsers reach it at, for its wallet pages and images; default http://ADDR")
	secret := flags.String("secret", "", "the API secret it accepts (the checkouts' PAYKASSMA_SECRET); default $SANDBOX_SECRET, else sandbox-secret")
	if err := flags.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if *secret == "" {
		*secret = getenv("SANDBOX_SECRET")
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("sandbox: listen: %w", err)
	}
	base := "http://" + listenAddr(ln)
	if *public == "" {
		*public = base
	}
	sb := sandbox.New(sandbox.Options{
		Secret:   *secret,
		PagesURL: strings.TrimRight(*public, "/"),
		// On a host of its own it stands in for Paykassma, whose wallet
		// pages send the person back to the merchant's checkout, anywhere.
		ReturnAnywhere: true,
	})
	srv := &http.Server{Handler: sb, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
	defer srv.Close()
	// The line tests and scripts wait for, as the checkout's own.
	fmt.Fprintf(stdout, "sandbox listening on %s (a fake Paykassma: no real money moves)\n", base)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return fmt.Errorf("sandbox: serve: %w", err)
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return srv.Shutdown(shutdown)
}
