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
	"sync/atomic"
	"syscall"
	"time"

	"github.com/paykassma/checkout/config"
	"github.com/paykassma/checkout/logwriter"
	"github.com/paykassma/checkout/metrics"
	"github.com/paykassma/checkout/server"
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

// loadConfig reads the INI file at path; a missing config.ini (the default
// path only) means the built-in defaults and the environment.
func loadConfig(path string, getenv func(string) string) (*config.Config, error) {
	cfg, err := config.Load(path, getenv)
	if errors.Is(err, fs.ErrNotExist) && path == defaultConfig {
		return config.Load("", getenv)
	}
	return cfg, err
}

// demoPath is the demo depositor's list of payment systems, in sandbox mode.
const demoPath = "/?label=demo-user&currency_code=INR"

// run serves the checkout until ctx is cancelled, then shuts down gracefully.
// It prints "listening on http://ADDR" to stdout once the port is open, and
// in sandbox demo mode the URL of a page that works.
func run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	if len(args) > 1 && args[1] == "link" {
		return runLink(args[1:], getenv, stdout) // prints a signed entry link (link.go)
	}
	if len(args) > 1 && args[1] == "sandbox" {
		return runSandbox(ctx, args[1:], getenv, stdout) // the sandbox on its own (sandboxcmd.go)
	}
	flags := flag.NewFlagSet(args[0], flag.ContinueOnError)
	flags.SetOutput(stdout)
	path := flags.String("config", defaultConfig, "the INI `file` to read")
	flags.Usage = func() {
		fmt.Fprintf(stdout, "Usage:\n  %[1]s [-config FILE]   serve the checkout\n  %[1]s link -label ID -currency CODE [...]\n        print a signed entry link (%[1]s link -h lists its flags)\n  %[1]s sandbox [-addr HOST:PORT]\n        serve the fake Paykassma on its own, for several instances to share (%[1]s sandbox -h)\n\nFlags:\n", args[0])
		flags.PrintDefaults()
		fmt.Fprintln(stdout, "\nEvery config key can be set from the environment as SECTION_KEY, e.g. SERVER_ADDR=:8081.")
	}
	if err := flags.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil // -h asked for the usage, which is printed
		}
		return err
	}
	cfg, err := loadConfig(*path, getenv)
	if err != nil {
		return err
	}
	// Log lines wait up to log_flush to be written together (warnings and
	// errors at once); whatever waits is written when run returns.
	logs := logwriter.New(stdout, cfg.Server.LogFlush)
	defer logs.Close()
	log := newLogger(logs, cfg.Server.LogFormat)
	log.Info("garbage collector", "pace", server.TuneMemory(cfg.Server.MemoryLimit, getenv))
	m := metrics.New()

	var draining atomic.Bool // set on SIGTERM: /readyz says 503 while we still serve
	e, err := server.New(cfg, server.Options{Logger: log, Metrics: m, Now: time.Now, Draining: draining.Load})
	if err != nil {
		return err
	}

	ln, err := net.Listen("tcp", cfg.Server.Addr)
	if err != nil {
		return fmt.Errorf("listen: %w (is the port taken? choose another with SERVER_ADDR, e.g. SERVER_ADDR=:8081)", err)
	}
	tcpLn := ln // for Quiesce, below the wrapper
	// One client cannot hold every socket: its connections beyond
	// limits.conns_per_ip are closed as they come (trusted proxies exempt).
	ln = server.LimitConnsPerIP(ln, cfg.Limits.ConnsPerIP, cfg.Limits.TrustedProxies)
	srv := &http.Server{
		Handler:           e,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute, // a backstop: each body's own cap on time is its route's (handlers/body.go)
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	var unread server.Unread // connections whose request is not read yet, for the shutdown
	srv.ConnState = unread.ConnState
	// Whichever way run returns, neither server outlives it: when one fails
	// the other must not keep its port and goroutines. After a graceful
	// Shutdown, Close has nothing left to do.
	defer srv.Close()
	served := make(chan error, 2)
	// The admin server (/metrics) listens apart from the public one, on an
	// address that is never exposed; "" or "off" turns it off.
	var admin *http.Server
	if cfg.Admin.Addr != "" {
		aln, err := net.Listen("tcp", cfg.Admin.Addr)
		if err != nil {
			ln.Close()
			return fmt.Errorf("listen admin: %w", err)
		}
		mux := http.NewServeMux()
		mux.Handle("GET /metrics", m.Handler())
		admin = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second,
			ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
		defer admin.Close() // scrapes need no grace
		log.Info("admin listening", "addr", listenAddr(aln))
		logs.Flush()
		fmt.Fprintf(stdout, "admin on http://%s\n", listenAddr(aln))
		go func() { served <- admin.Serve(aln) }()
	}
	addr := listenAddr(ln)
	log.Info("listening", "addr", addr)
	logs.Flush() // the log's lines before the line that says we listen
	fmt.Fprintf(stdout, "listening on http://%s\n", addr)
	if cfg.UsesSandbox() && cfg.Merchant.SigningKey == "" {
		// The bare address answers 400 (no depositor): name a page that works.
		fmt.Fprintf(stdout, "open http://%s%s (the demo depositor, on the sandbox)\n", addr, demoPath)
	}

	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	// Draining: /readyz answers 503 at once, while every other request is
	// still served for server.drain, so a balancer that probes takes us out
	// before the port closes; keep-alive ends with each answer, so clients
	// holding a connection open a new one, where the balancer now sends them.
	// A second SIGTERM or Ctrl-C ends the drain at once (an operator who
	// cannot wait, or a supervisor's second word); requests in flight still
	// finish below. Heard before /readyz turns, so a signal sent once it
	// says 503 is never the default's kill.
	again := make(chan os.Signal, 1)
	signal.Notify(again, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(again)
	draining.Store(true)
	srv.SetKeepAlivesEnabled(false)
	if cfg.Server.Drain > 0 {
		log.Info("draining", "for", cfg.Server.Drain.String())
		logs.Flush()
		select {
		case <-time.After(cfg.Server.Drain):
		case <-again:
			log.Info("drain cut short by a second signal")
		}
	}
	log.Info("shutting down")
	// The port closes at a moment when no connection waits to be accepted,
	// so the close resets none with a request on it (server.Quiesce); from
	// then on a new connection is refused, which a proxy such as nginx
	// retries on another instance, POSTs included: the request was never
	// sent. Shutdown waits until the connections accepted have had their
	// request read, or it would close them unanswered (server.Unread).
	server.Quiesce(tcpLn, 2*time.Second)
	ln.Close()
	unread.Wait(5 * time.Second)
	// Shutdown then waits for the requests in flight.
	shutdown, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, net.ErrClosed) { // closed above
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}

// shutdownGrace is how long the requests in flight get to finish once the
// port is closed: longer than any page takes, shorter than systemd's
// TimeoutStopSec (deploy/checkout.service) less server.drain.
const shutdownGrace = 10 * time.Second

// listenAddr is an address to reach a listener at: on every interface, one
// that works (localhost).
func listenAddr(ln net.Listener) string {
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok && tcp.IP.IsUnspecified() {
		return net.JoinHostPort("localhost", fmt.Sprint(tcp.Port))
	}
	return ln.Addr().String()
}

// newLogger is JSON for production (one object a line, for collectors) or
// text for people reading a terminal; warnings and errors are written at once.
func newLogger(w *logwriter.Writer, format string) *slog.Logger {
	var h slog.Handler = slog.NewTextHandler(w, nil)
	if format == "json" {
		h = slog.NewJSONHandler(w, nil)
	}
	return slog.New(logwriter.Urgent(h, w, slog.LevelWarn))
}
