// Package logwriter batches log lines into few writes: one write per
// request line is a system call for the line, and another for the
// collector reading it, on the same CPUs as the pages (BENCHMARKS.md says
// what that cost). Lines wait at most one interval (as nginx's
// access_log buffer= flush= does); a record at warning level or above goes
// out at once, with every line before it, so the lines that explain a
// problem are never the ones waiting.
package logwriter

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"time"
)

// limit is the most a Writer holds before it writes without waiting.
const limit = 64 << 10

// Writer is an io.Writer for a log handler. Its zero value is not usable;
// make one with New and Close it when the program ends.
type Writer struct {
	out   io.Writer
	every time.Duration

	mu     sync.Mutex
	buf    []byte
	timer  *time.Timer // flushes what waits; armed by the first line after a flush
	closed bool
	err    error // the first write error, for Flush and Close to report
}

// New returns a Writer that writes to out at most every interval; an
// interval of 0 or less writes each line as it comes.
func New(out io.Writer, every time.Duration) *Writer {
	w := &Writer{out: out, every: every}
	w.timer = time.AfterFunc(time.Hour, func() { w.Flush() })
	w.timer.Stop()
	return w
}

// Write keeps p (one log line, as slog handlers write them) for the next
// flush. It never fails: a write error is reported by Flush and Close.
func (w *Writer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed || w.every <= 0 {
		return w.out.Write(p)
	}
	if len(w.buf) == 0 {
		w.timer.Reset(w.every)
	}
	w.buf = append(w.buf, p...)
	if len(w.buf) >= limit {
		w.flush()
	}
	return len(p), nil
}

// Flush writes what waits.
func (w *Writer) Flush() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.flush()
	err := w.err
	w.err = nil
	return err
}

// Close writes what waits; later lines are written as they come.
func (w *Writer) Close() error {
	w.mu.Lock()
	w.closed = true
	w.mu.Unlock()
	w.timer.Stop()
	return w.Flush()
}

func (w *Writer) flush() {
	if len(w.buf) == 0 {
		return
	}
	w.timer.Stop()
	if _, err := w.out.Write(w.buf); err != nil && w.err == nil {
		w.err = err
	}
	w.buf = w.buf[:0]
	if cap(w.buf) > 2*limit {
		w.buf = nil // one huge line must not hold its memory for good
	}
}

// Urgent wraps h, a handler writing to w, so that a record at level or above
// is written through at once with the lines before it.
func Urgent(h slog.Handler, w *Writer, level slog.Leveler) slog.Handler {
	return urgent{Handler: h, w: w, level: level}
}

type urgent struct {
	slog.Handler
	w     *Writer
	level slog.Leveler
}

func (u urgent) Handle(ctx context.Context, r slog.Record) error {
	err := u.Handler.Handle(ctx, r)
	if r.Level >= u.level.Level() {
		u.w.Flush()
	}
	return err
}

func (u urgent) WithAttrs(as []slog.Attr) slog.Handler {
	return urgent{Handler: u.Handler.WithAttrs(as), w: u.w, level: u.level}
}

func (u urgent) WithGroup(name string) slog.Handler {
	return urgent{Handler: u.Handler.WithGroup(name), w: u.w, level: u.level}
}
