package server_test

import (
	"net"
	"runtime"
	"testing"
	"time"

	"github.com/paykassma/checkout/server"
)

// TestQuiesce_WaitsForTheQueuedConnectionToBeAccepted: with a connection
// the kernel completed but nobody accepted, Quiesce waits; once it is
// accepted, Quiesce returns, and the port can close resetting nothing.
func TestQuiesce_WaitsForTheQueuedConnectionToBeAccepted(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the accept queue's length is Linux's TCP_INFO")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	queued, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer queued.Close()

	done := make(chan struct{})
	go func() {
		server.Quiesce(ln, time.Minute)
		close(done)
	}()
	select {
	case <-done:
		t.Fatal("Quiesce returned with a connection still queued")
	case <-time.After(200 * time.Millisecond): // it waits: the pace of the test, not a bound on it
	}
	conn, err := ln.Accept()
	if err != nil {
		t.Fatal(err)
	}
	conn.Close()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("Quiesce did not return once the queue was empty")
	}
}
