// Command checkout serves the Paykassma deposit checkout. With an empty
// [paykassma] base_url it also serves the embedded sandbox, so `go run .`
// gives a working checkout with nothing else to set up.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/paykassma/checkout/config"
	"github.com/paykassma/checkout/handlers"
	"github.com/paykassma/checkout/paykassma"
	"github.com/paykassma/checkout/paykassma/sandbox"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args, os.Getenv, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// defaultConfig is read when present; without it the built-in defaults apply.
const defaultConfig = "config.ini"

// run serves the checkout until ctx is cancelled, then shuts down gracefully.
// It prints "listening on http://ADDR" to stdout once the port is open.
func run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	flags := flag.NewFlagSet(args[0], flag.ContinueOnError)
	flags.SetOutput(stdout)
	path := flags.String("config", defaultConfig, "the INI `file` to read")
	if err := flags.Parse(args[1:]); err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(stdout, nil))

	cfg, err := config.Load(*path, getenv)
	if errors.Is(err, fs.ErrNotExist) && *path == defaultConfig {
		cfg, err = config.Load("", getenv) // no config.ini: the defaults, and the environment
	}
	if err != nil {
		return err
	}

	deps := handlers.Deps{Config: cfg, Logger: log, Now: time.Now}
	if cfg.UsesSandbox() {
		// The sandbox's hosted wallet pages are reached through this server.
		sb := sandbox.New(sandbox.Options{PagesURL: cfg.Server.PublicURL + "/sandbox"})
		deps.Sandbox = sb
		deps.API = paykassma.New("http://sandbox.internal", "sandbox-secret", paykassma.WithHTTPClient(sb.Client()))
		log.Info("sandbox mode: payments go to the embedded sandbox at /sandbox/, no real money moves")
	} else {
		deps.API = paykassma.New(cfg.Paykassma.BaseURL, cfg.Paykassma.Secret,
			paykassma.WithHTTPClient(&http.Client{Timeout: cfg.Paykassma.Timeout}),
			paykassma.WithPrivateKey(cfg.Paykassma.PrivateKey))
	}
	e, err := handlers.New(deps)
	if err != nil {
		return err
	}

	ln, err := net.Listen("tcp", cfg.Server.Addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	srv := &http.Server{
		Handler:           e,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute, // slow phones uploading a screenshot
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	addr := ln.Addr().String()
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok && tcp.IP.IsUnspecified() {
		addr = net.JoinHostPort("localhost", fmt.Sprint(tcp.Port)) // every interface: name one that works
	}
	log.Info("listening", "addr", addr)
	fmt.Fprintf(stdout, "listening on http://%s\n", addr)

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}
