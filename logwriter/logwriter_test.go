package logwriter_test

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/paykassma/checkout/logwriter"
)

// out is a log destination that counts its writes.
type out struct {
	mu     sync.Mutex
	buf    bytes.Buffer
	writes int
	fail   error
}

func (o *out) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.writes++
	if o.fail != nil {
		return 0, o.fail
	}
	return o.buf.Write(p)
}

func (o *out) text() (string, int) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.buf.String(), o.writes
}

// eventually waits for cond, failing after a generous while.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !cond(); time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("never: %s", what)
		}
	}
}

func TestLinesWaitForTheIntervalThenGoOutInOneWrite(t *testing.T) {
	o := &out{}
	w := logwriter.New(o, 50*time.Millisecond)
	defer w.Close()
	log := slog.New(slog.NewTextHandler(w, nil))
	for i := range 10 {
		log.Info("request", "n", i)
	}
	if s, _ := o.text(); s != "" {
		t.Fatalf("written before the interval: %q", s)
	}
	eventually(t, "the lines written", func() bool { s, _ := o.text(); return strings.Count(s, "\n") == 10 })
	s, writes := o.text()
	if writes != 1 {
		t.Errorf("%d writes for 10 lines, want 1", writes)
	}
	for i := range 10 {
		if !strings.Contains(s, fmt.Sprintf("msg=request n=%d\n", i)) {
			t.Errorf("line %d missing or changed:\n%s", i, s)
		}
	}
}

func TestAWarningGoesOutAtOnceWithTheLinesBeforeIt(t *testing.T) {
	o := &out{}
	w := logwriter.New(o, time.Hour) // the timer cannot be what writes
	defer w.Close()
	log := slog.New(logwriter.Urgent(slog.NewTextHandler(w, nil), w, slog.LevelWarn))
	log.Info("before")
	log.With("path", "/pay").WithGroup("g").Info("grouped")
	if s, _ := o.text(); s != "" {
		t.Fatalf("info written at once: %q", s)
	}
	log.Error("upstream down", "err", "502")
	s, _ := o.text()
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) != 3 || !strings.Contains(lines[0], "msg=before") || !strings.Contains(lines[1], "path=/pay") ||
		!strings.Contains(lines[2], "level=ERROR") {
		t.Errorf("after the error, want the 3 lines in order, got:\n%s", s)
	}
	log.Warn("slow")
	if s, _ := o.text(); !strings.Contains(s, "msg=slow") {
		t.Errorf("a warning waited:\n%s", s)
	}
}

func TestCloseWritesWhatWaitsAndLaterLinesGoStraightOut(t *testing.T) {
	o := &out{}
	w := logwriter.New(o, time.Hour)
	fmt.Fprintln(w, "last request")
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if s, _ := o.text(); s != "last request\n" {
		t.Fatalf("after Close: %q", s)
	}
	fmt.Fprintln(w, "after close")
	if s, _ := o.text(); !strings.HasSuffix(s, "after close\n") {
		t.Errorf("a line after Close waited: %q", s)
	}
}

func TestNoIntervalWritesEachLine(t *testing.T) {
	o := &out{}
	w := logwriter.New(o, 0)
	fmt.Fprintln(w, "one")
	fmt.Fprintln(w, "two")
	if s, writes := o.text(); s != "one\ntwo\n" || writes != 2 {
		t.Errorf("got %q in %d writes", s, writes)
	}
}

func TestAFullBufferIsWrittenWithoutWaiting(t *testing.T) {
	o := &out{}
	w := logwriter.New(o, time.Hour)
	defer w.Close()
	line := strings.Repeat("x", 1023) + "\n"
	for range 100 { // 100 KB, over the 64 KB the writer holds
		w.Write([]byte(line))
	}
	s, writes := o.text()
	if writes != 1 || len(s) != 64*1024 {
		t.Errorf("after 100 KB: %d writes, %d bytes out; want the first 64 KB in one write", writes, len(s))
	}
}

func TestConcurrentLinesStayWholeAndNoneIsLost(t *testing.T) {
	o := &out{}
	w := logwriter.New(o, time.Millisecond)
	log := slog.New(slog.NewJSONHandler(w, nil))
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 500 {
				log.Info("request", "g", g, "i", i)
			}
		})
	}
	wg.Wait()
	w.Close()
	s, _ := o.text()
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	if len(lines) != 8*500 {
		t.Fatalf("%d lines, want %d", len(lines), 8*500)
	}
	seen := map[string]bool{}
	for _, l := range lines {
		if !strings.HasPrefix(l, `{"time":`) || !strings.HasSuffix(l, "}") {
			t.Fatalf("a line cut or mixed: %q", l)
		}
		seen[l[strings.Index(l, `"g":`):]] = true
	}
	if len(seen) != 8*500 {
		t.Errorf("%d distinct lines, want %d", len(seen), 8*500)
	}
}

func TestAWriteErrorIsReportedByFlush(t *testing.T) {
	o := &out{fail: errors.New("disk full")}
	w := logwriter.New(o, time.Hour)
	fmt.Fprintln(w, "a line")
	if err := w.Flush(); err == nil || err.Error() != "disk full" {
		t.Errorf("Flush: %v", err)
	}
	if err := w.Flush(); err != nil {
		t.Errorf("the error reported twice: %v", err)
	}
}
