package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/paykassma/checkout/deposit"
	"github.com/paykassma/checkout/ocr"
	"github.com/paykassma/checkout/paykassma"
)

// tally counts one app's results.
type tally struct {
	n, idOK, idWrong, amtOK, amtWrong int
}

func (t *tally) add(o tally) {
	t.n += o.n
	t.idOK += o.idOK
	t.idWrong += o.idWrong
	t.amtOK += o.amtOK
	t.amtWrong += o.amtWrong
}

func pct(a, n int) string {
	if n == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f %%", 100*float64(a)/float64(n))
}

// measure reads every image of the corpus (one variant, or all) through the
// checkout's own pool and rules, as the server would, and prints the rates.
func measure(args []string) error {
	fs := flag.NewFlagSet("measure", flag.ExitOnError)
	dir := fs.String("dir", filepath.Join(os.TempDir(), "receipts"), "the corpus")
	variant := fs.String("variant", "b", `"a" (tuned on), "b" (frozen: the measure) or "" (all)`)
	workers := fs.Int("workers", 2, "tesseract processes at once")
	verbose := fs.Bool("v", false, "print each miss with the text read")
	closer := fs.Bool("closer", true, "take a closer look at unsure words (ocr.Pool.Reread)")
	lang := fs.String("reread-lang", "", "the closer look's -l (default: the pool's)")
	second := fs.String("second", "Latin", `the second opinion's model on an unsure TrxID ("": none)`)
	dumpDir := fs.String("dump", "", "write each bkash/nagad image's closer look (JSON, crops) into this folder: tuning half only")
	fs.Parse(args)
	all, pool, err := corpus(*dir, ocr.Config{Workers: *workers, Queue: 1 << 16, RereadLang: *lang, Second: *second})
	if err != nil {
		return err
	}
	var (
		mu      sync.Mutex
		byApp   = map[string]*tally{}
		times   []time.Duration
		cpus    []time.Duration
		peak    int64
		wg      sync.WaitGroup
		sem     = make(chan struct{}, *workers)
		started = time.Now()
	)
	for _, rc := range all {
		if *variant != "" && rc.Variant != *variant {
			continue
		}
		data, err := os.ReadFile(filepath.Join(*dir, rc.File))
		if err != nil {
			return err
		}
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			t0 := time.Now()
			img, err := ocr.Prepare(data)
			var (
				res ocr.Result
				got deposit.Reading
			)
			fam := deposit.Family(rc.Family)
			if err == nil {
				var rd deposit.Reader = pool
				if !*closer {
					rd = firstOnly{pool}
				}
				rec := &recorder{Reader: rd}
				got, res, err = deposit.ReadScreenshot(context.Background(), rec, fam, img)
				if err == nil && *dumpDir != "" && (fam == deposit.Bkash || fam == deposit.Nagad) {
					err = dump(*dumpDir, rc, got, rec)
				}
			}
			d := time.Since(t0)
			if err != nil {
				fmt.Fprintln(os.Stderr, rc.File, err)
				return
			}
			want := paykassma.MustAmount(rc.Amount)
			var t tally
			t.n = 1
			switch {
			case got.TxID == rc.ID:
				t.idOK = 1
			case got.TxID != "":
				t.idWrong = 1
			}
			switch {
			case got.HasAmount && got.Amount.Equal(want.Decimal):
				t.amtOK = 1
			case got.HasAmount:
				t.amtWrong = 1
			}
			mu.Lock()
			defer mu.Unlock()
			if byApp[rc.App] == nil {
				byApp[rc.App] = &tally{}
			}
			byApp[rc.App].add(t)
			times = append(times, d)
			cpus = append(cpus, res.CPU)
			peak = max(peak, res.PeakRSS)
			if *verbose && (t.idOK == 0 || t.amtOK == 0) {
				fmt.Printf("--- %s want %s %s got %q %v(%v) look=%s\n%s\n", rc.File, rc.ID, rc.Amount, got.TxID, got.Amount, got.HasAmount, got.Look, res.Text)
			}
		})
	}
	wg.Wait()
	wall := time.Since(started)
	slices.Sort(times)
	slices.Sort(cpus)
	var total tally
	fmt.Println("| app | images | ID exact | ID wrong | amount exact | amount wrong |")
	fmt.Println("|---|---:|---:|---:|---:|---:|")
	for _, a := range apps {
		t := byApp[a.Name]
		if t == nil {
			continue
		}
		total.add(*t)
		fmt.Printf("| %s | %d | %s | %s | %s | %s |\n", a.Name, t.n, pct(t.idOK, t.n), pct(t.idWrong, t.n), pct(t.amtOK, t.n), pct(t.amtWrong, t.n))
	}
	fmt.Printf("| **all** | %d | %s | %s | %s | %s |\n", total.n, pct(total.idOK, total.n), pct(total.idWrong, total.n), pct(total.amtOK, total.n), pct(total.amtWrong, total.n))
	if len(times) > 0 {
		q := func(p float64) time.Duration { return times[min(len(times)-1, int(p*float64(len(times))))] }
		fmt.Printf("\n%d images, %d workers: p50 %v, p95 %v, max %v per image (prepare + wait + tesseract); %.2f images/s; worker peak RSS %s; this process's peak RSS %s\n",
			len(times), *workers, q(.5).Round(time.Millisecond), q(.95).Round(time.Millisecond), times[len(times)-1].Round(time.Millisecond),
			float64(len(times))/wall.Seconds(), mb(peak), selfPeak())
		fmt.Printf("tesseract CPU time per image (its time on an idle core): p50 %v, p95 %v, max %v; machine load average at the end: %s\n",
			cpus[len(cpus)/2].Round(time.Millisecond), cpus[min(len(cpus)-1, len(cpus)*95/100)].Round(time.Millisecond), cpus[len(cpus)-1].Round(time.Millisecond), loadavg())
	}
	return nil
}

func mb(b int64) string { return fmt.Sprintf("%.0f MB", float64(b)/(1<<20)) }

// selfPeak is VmHWM from /proc/self/status.
func selfPeak() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "?"
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "?"
}

// loadavg is /proc/loadavg's first three fields: how busy the machine was.
func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Join(strings.Fields(string(b))[:3], " ")
}

// corpus is the receipts of dir's truth.json and a pool of tesseract
// processes to read them with, as cfg says besides the command, a minute's
// timeout and a gigabyte's memory.
func corpus(dir string, cfg ocr.Config) ([]receipt, *ocr.Pool, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "truth.json"))
	if err != nil {
		return nil, nil, err
	}
	var all []receipt
	if err := json.Unmarshal(raw, &all); err != nil {
		return nil, nil, err
	}
	cfg.Command, cfg.Timeout, cfg.Memory = "tesseract", time.Minute, 1<<30
	pool := ocr.New(cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if pool == nil {
		return nil, nil, fmt.Errorf("no tesseract on this machine")
	}
	return all, pool, nil
}

// firstOnly is the pool without its closer look (-closer=false): the
// first reading's rules alone, for comparison.
type firstOnly struct{ *ocr.Pool }

func (firstOnly) Reread(context.Context, []byte, ocr.Result, []ocr.Ask) ([]ocr.Line, ocr.Result, error) {
	return nil, ocr.Result{}, ocr.ErrOff
}

func (firstOnly) Second(context.Context, []byte, ocr.Result, []ocr.Ask) ([]ocr.Line, ocr.Result, error) {
	return nil, ocr.Result{}, ocr.ErrOff
}
