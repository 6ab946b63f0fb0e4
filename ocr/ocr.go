// Package ocr reads the text of a payment screenshot with Tesseract: a
// bounded pool of `tesseract` processes, each given the image on stdin and
// answering on stdout, one thread each, under a memory limit and a timeout.
// No cgo; no image touches the disk. Without the binary the pool is off and
// says so once, and the pay page works as before.
package ocr

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"log/slog"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Config is the pool's settings ([ocr] in config.ini).
type Config struct {
	Command string        // the tesseract binary, a name on PATH or a path; "" = off
	Workers int           // processes at once; 0 = off
	Queue   int           // readings that may wait for a worker; beyond, ErrBusy at once
	Timeout time.Duration // how long one reading may wait and run
	Memory  int64         // RLIMIT_AS of each process, in bytes; 0 = none
	// Args are tesseract's arguments after the input and output ("- -");
	// nil: DefaultArgs.
	Args []string
	// RereadLang is the -l of Reread's closer look; "": eng.
	RereadLang string
	// Second is the model of the second opinion on an unsure ID (Second),
	// one tesseract has installed; "": none.
	Second string
}

// DefaultArgs read English with Tesseract's LSTM engine, the page taken as
// a single column of text of varying sizes (psm 4), which keeps a
// receipt's label and value on one line; the answer is TSV, each word with
// its confidence.
var DefaultArgs = []string{"-l", "eng", "--psm", "4", "tsv"}

// Errors a reading ends with, besides the process's own.
var (
	ErrOff     = errors.New("ocr: off")
	ErrBusy    = errors.New("ocr: every worker busy and the queue full")
	ErrTimeout = errors.New("ocr: timed out")
)

// Result is one reading.
type Result struct {
	Text     string // the lines read, words separated by spaces
	Words    []Word
	Duration time.Duration // waiting and running
	PeakRSS  int64         // the process's peak resident memory, bytes (0 if unknown)
	CPU      time.Duration // the process's user and system time: its time on an idle core
}

// Word is one word read, with Tesseract's confidence in it (0–100) and
// where it stands on the page it was read from.
type Word struct {
	Text string
	Conf float64
	Box  image.Rectangle
}

// Confidence is the highest confidence of a word read as s (after
// trimming punctuation and in capitals), or -1 when none was.
func (r Result) Confidence(s string) float64 {
	best := -1.0
	for _, w := range r.Words {
		if strings.ToUpper(strings.Trim(w.Text, ".,:;'\"`")) == strings.ToUpper(s) {
			best = max(best, w.Conf)
		}
	}
	return best
}

// parseTSV reads tesseract's TSV: level 5 rows are words, in lines that
// block, paragraph and line numbers name. Anything else is taken as plain
// text (a command configured without "tsv").
func parseTSV(out string) (string, []Word) {
	rows := strings.Split(out, "\n")
	if len(rows) == 0 || !strings.HasPrefix(rows[0], "level\t") {
		return out, nil
	}
	var (
		b     strings.Builder
		words []Word
		line  string
	)
	for _, row := range rows[1:] {
		f := strings.Split(row, "\t")
		if len(f) < 12 || f[0] != "5" {
			continue
		}
		text := strings.TrimSpace(f[11])
		if text == "" {
			continue
		}
		conf, _ := strconv.ParseFloat(f[10], 64)
		n := func(i int) int { v, _ := strconv.Atoi(f[i]); return v }
		words = append(words, Word{Text: text, Conf: conf, Box: image.Rect(n(6), n(7), n(6)+n(8), n(7)+n(9))})
		if id := f[2] + "." + f[3] + "." + f[4]; id != line {
			if line != "" {
				b.WriteByte('\n')
			}
			line = id
		} else {
			b.WriteByte(' ')
		}
		b.WriteString(text)
	}
	return b.String(), words
}

// Pool runs readings. A nil *Pool is off.
type Pool struct {
	cfg     Config
	path    string
	prlimit string        // prlimit's path when a memory limit applies
	admit   chan struct{} // workers + queue: a reading beyond is refused
	run     chan struct{} // workers: processes at once
	second  string        // the folder of Config.Second's model without its word list; "": none
}

// New builds the pool, or returns nil (off) with one log line saying why
// when the command is not found or no worker is configured.
func New(cfg Config, log *slog.Logger) *Pool {
	if cfg.Command == "" || cfg.Workers <= 0 {
		log.Info("ocr: off (no [ocr] command or workers): screenshots are not read")
		return nil
	}
	path, err := exec.LookPath(cfg.Command)
	if err != nil {
		log.Info("ocr: off: "+cfg.Command+" not found (apt-get install tesseract-ocr tesseract-ocr-eng): screenshots are not read", "command", cfg.Command)
		return nil
	}
	if cfg.Args == nil {
		cfg.Args = DefaultArgs
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 5 * time.Second
	}
	p := &Pool{cfg: cfg, path: path,
		admit: make(chan struct{}, cfg.Workers+max(0, cfg.Queue)),
		run:   make(chan struct{}, cfg.Workers)}
	if cfg.Second != "" {
		if p.second, err = secondModel(path, cfg.Second); err != nil {
			log.Warn("ocr: no second opinion on unsure IDs (apt-get install tesseract-ocr-script-latn): "+err.Error(), "model", cfg.Second)
		}
	}
	if cfg.Memory > 0 {
		if p.prlimit, err = exec.LookPath("prlimit"); err != nil {
			log.Warn("ocr: prlimit not found (util-linux): tesseract runs without a memory limit")
		}
	}
	return p
}

// On reports whether screenshots are read.
func (p *Pool) On() bool { return p != nil }

// Read returns the text of the image img (JPEG or PNG bytes, already
// checked and shrunk by Prepare). It fails at once with ErrBusy when the
// queue is full, with ErrTimeout after Config.Timeout.
func (p *Pool) Read(ctx context.Context, img []byte) (Result, error) {
	if p == nil {
		return Result{}, ErrOff
	}
	start := time.Now()
	select {
	case p.admit <- struct{}{}:
		defer func() { <-p.admit }()
	default:
		return Result{}, ErrBusy
	}
	out, res, err := p.runOne(ctx, start, img, p.cfg.Args)
	res.Text, res.Words = parseTSV(out)
	return res, err
}

// runOne waits for a worker and runs one process with args, within the
// pool's timeout; the caller has been admitted.
func (p *Pool) runOne(ctx context.Context, start time.Time, img []byte, args []string) (string, Result, error) {
	ctx, cancel := context.WithTimeout(ctx, p.cfg.Timeout)
	defer cancel()
	select {
	case p.run <- struct{}{}:
		defer func() { <-p.run }()
	case <-ctx.Done():
		return "", Result{Duration: time.Since(start)}, timeoutOr(ctx)
	}
	out, rss, cpu, err := p.exec(ctx, img, args)
	res := Result{Duration: time.Since(start), PeakRSS: rss, CPU: cpu}
	if ctx.Err() != nil {
		return out, res, timeoutOr(ctx)
	}
	return out, res, err
}

func timeoutOr(ctx context.Context) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return ErrTimeout
	}
	return ctx.Err()
}

// exec runs one tesseract process over img.
func (p *Pool) exec(ctx context.Context, img []byte, tessArgs []string) (string, int64, time.Duration, error) {
	args := append([]string{"-", "-"}, tessArgs...)
	name := p.path
	if p.prlimit != "" {
		args = append([]string{"--as=" + strconv.FormatInt(p.cfg.Memory, 10), "--", p.path}, args...)
		name = p.prlimit
	}
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	cmd.Stdin = bytes.NewReader(img)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &limited{buf: &errOut, n: 4096}
	cmd.WaitDelay = time.Second
	err := cmd.Run()
	var (
		rss int64
		cpu time.Duration
	)
	if ps := cmd.ProcessState; ps != nil {
		cpu = ps.UserTime() + ps.SystemTime()
		if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
			rss = ru.Maxrss * 1024 // kilobytes on Linux
		}
	}
	if err != nil {
		// stderr is tesseract's own words about the image's format, never
		// the image's text; kept short.
		return "", rss, cpu, fmt.Errorf("ocr: tesseract: %w: %s", err, bytes.TrimSpace(errOut.Bytes()))
	}
	return out.String(), rss, cpu, nil
}

// limited keeps the first n bytes written to it.
type limited struct {
	buf *bytes.Buffer
	n   int
}

func (l *limited) Write(b []byte) (int, error) {
	if room := l.n - l.buf.Len(); room > 0 {
		l.buf.Write(b[:min(room, len(b))])
	}
	return len(b), nil
}
