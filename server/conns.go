package server

import (
	"io"
	"net"
	"sync"
)

// LimitConnsPerIP lets each client IP hold at most max open connections,
// idle ones included, and closes any beyond that as soon as it is accepted:
// one client cannot tie up the server's sockets and goroutines by opening
// thousands and sending nothing. Connections from exempt networks (the
// trusted proxies, through which every client comes) are not counted.
// max 0 is no limit.
func LimitConnsPerIP(ln net.Listener, max int, exempt []*net.IPNet) net.Listener {
	if max <= 0 {
		return ln
	}
	return &perIPListener{Listener: ln, max: max, exempt: exempt, open: map[string]int{}}
}

type perIPListener struct {
	net.Listener
	max    int
	exempt []*net.IPNet

	mu   sync.Mutex
	open map[string]int // open connections by client IP
}

// Accept returns the next connection its client may open; the others are
// closed, unanswered, in passing.
func (l *perIPListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		ip := remoteIP(c)
		if ip == nil || l.exempted(ip) {
			return c, nil
		}
		key := ip.String()
		l.mu.Lock()
		full := l.open[key] >= l.max
		if !full {
			l.open[key]++
		}
		l.mu.Unlock()
		if full {
			c.Close()
			continue
		}
		return &countedConn{Conn: c, release: func() { l.release(key) }}, nil
	}
}

func (l *perIPListener) release(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.open[key]--; l.open[key] <= 0 {
		delete(l.open, key)
	}
}

func (l *perIPListener) exempted(ip net.IP) bool {
	for _, n := range l.exempt {
		if n.Contains(ip) {
			return true
		}
	}
	return false
}

func remoteIP(c net.Conn) net.IP {
	if a, ok := c.RemoteAddr().(*net.TCPAddr); ok {
		return a.IP
	}
	return nil
}

// countedConn gives its client's place back when it closes.
type countedConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *countedConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.release)
	return err
}

// CloseWrite keeps net/http's graceful close (FIN, then a wait for the
// client to read the answer) on the TCP connection beneath.
func (c *countedConn) CloseWrite() error {
	if cw, ok := c.Conn.(interface{ CloseWrite() error }); ok {
		return cw.CloseWrite()
	}
	return nil
}

// ReadFrom keeps sendfile for static files on the TCP connection beneath.
func (c *countedConn) ReadFrom(r io.Reader) (int64, error) {
	if rf, ok := c.Conn.(io.ReaderFrom); ok {
		return rf.ReadFrom(r)
	}
	return io.Copy(c.Conn, r)
}
