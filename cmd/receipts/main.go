// Command receipts makes and measures the corpus the screenshot reader is
// judged on: payment receipts in the layouts of the apps depositors use,
// rendered in Chromium at phone sizes, degraded as phones do, with their true
// transaction ID and amount.
//
//	go run ./cmd/receipts generate -n 336 -out /tmp/receipts
//	go run ./cmd/receipts measure -dir /tmp/receipts -variant b
//	go run ./cmd/receipts unlike -dir /tmp/receipts
//
// Variant "a" of each app is the one the extraction rules were tuned on;
// variant "b" (other label wordings, labels above values, rows in another
// order) was frozen and is the measure. The images are not committed: the
// same seed makes the same corpus.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"

	"github.com/chromedp/chromedp"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: receipts generate|measure|unlike [flags]")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "generate":
		err = generate(os.Args[2:])
	case "measure":
		err = measure(os.Args[2:])
	case "unlike":
		err = unlike(os.Args[2:])
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "receipts:", err)
		os.Exit(1)
	}
}

// phones are CSS viewport sizes and pixel ratios of common Android phones.
var phones = []struct {
	w, h int
	dpr  float64
}{{360, 800, 3}, {360, 780, 2}, {393, 873, 2.75}, {412, 915, 2.625}, {384, 854, 2}, {412, 892, 2.5}}

func generate(args []string) error {
	fs := flag.NewFlagSet("generate", flag.ExitOnError)
	n := fs.Int("n", 336, "receipts to make (half variant a, half b)")
	out := fs.String("out", filepath.Join(os.TempDir(), "receipts"), "directory to write into")
	seed := fs.Uint64("seed", 18, "random seed: the same seed, the same corpus")
	chrome := fs.String("chrome", "/usr/bin/chromium", "Chromium binary")
	face := fs.String("face", "Noto Sans", "the typeface the receipts' Latin text is drawn in (one installed)")
	fs.Parse(args)
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	r := rand.New(rand.NewPCG(*seed, 1))
	profile, err := os.MkdirTemp("", "receipts-chromium-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(profile)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(*chrome), chromedp.NoSandbox,
		chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.UserDataDir(profile))
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(allocCtx)
	defer cancel()
	var all []receipt
	for i := range *n {
		a := apps[i%len(apps)]
		variant := "a"
		if (i/len(apps))%2 == 1 {
			variant = "b"
		}
		rc := newReceipt(r, a, variant, *face)
		ph := phones[r.IntN(len(phones))]
		rc.Width, rc.Height, rc.DPR = ph.w, ph.h, ph.dpr
		dir, err := os.MkdirTemp("", "receipt-")
		if err != nil {
			return err
		}
		page := filepath.Join(dir, "r.html")
		if err := os.WriteFile(page, []byte(rc.html), 0o644); err != nil {
			return err
		}
		err = chromedp.Do(ctx,
			chromedp.EmulateViewport(int64(ph.w), int64(ph.h), chromedp.EmulateScale(ph.dpr), chromedp.EmulatePortrait),
			chromedp.Navigate("file://"+page),
			chromedp.WaitReady(chromedp.CSS("body")))
		var png []byte
		if err == nil {
			png, err = chromedp.Run(ctx, chromedp.CaptureScreenshot())
		}
		os.RemoveAll(dir)
		if err != nil {
			return fmt.Errorf("render %d: %w", i, err)
		}
		img, err := degrade(r, &rc, png)
		if err != nil {
			return fmt.Errorf("degrade %d: %w", i, err)
		}
		rc.File = fmt.Sprintf("%03d-%s-%s-%s.jpg", i, rc.App, rc.Variant, rc.Lang)
		if err := os.WriteFile(filepath.Join(*out, rc.File), img, 0o644); err != nil {
			return err
		}
		all = append(all, rc)
	}
	j, err := json.MarshalIndent(all, "", " ")
	if err != nil {
		return err
	}
	fmt.Printf("%d receipts in %s\n", len(all), *out)
	return os.WriteFile(filepath.Join(*out, "truth.json"), j, 0o644)
}
