package server_test

import (
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/paykassma/checkout/server"
)

// TestUnread_CountsConnectionsUntilTheirRequestIsRead: a connection is
// unread from StateNew until it turns active (its request read) or closes;
// Wait returns at once when none is.
func TestUnread_CountsConnectionsUntilTheirRequestIsRead(t *testing.T) {
	var u server.Unread
	a, b := net.Pipe()
	c, d := net.Pipe()
	defer a.Close()
	defer b.Close()
	defer c.Close()
	defer d.Close()
	u.ConnState(a, http.StateNew)
	u.ConnState(c, http.StateNew)
	if n := u.Len(); n != 2 {
		t.Fatalf("two new connections: %d unread", n)
	}
	u.ConnState(a, http.StateActive)
	u.ConnState(c, http.StateClosed)
	if n := u.Len(); n != 0 {
		t.Fatalf("one read, one closed: %d unread", n)
	}
	done := make(chan struct{})
	go func() { u.Wait(time.Hour); close(done) }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("Wait waited with nothing unread")
	}
}
