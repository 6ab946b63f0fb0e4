package ocr

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// fake writes a stand-in for tesseract: a shell script that echoes its
// stdin's length after sleeping, so the pool's limits show without OCR.
func fake(t *testing.T, sleep string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "fake-tesseract")
	script := "#!/bin/sh\nsleep " + sleep + "\necho \"threads=$OMP_THREAD_LIMIT args=$*\"\nwc -c\n"
	if err := os.WriteFile(p, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func TestNew_OffWithOneLogLineWhenTheBinaryIsAbsent(t *testing.T) {
	var buf bytes.Buffer
	p := New(Config{Command: "no-such-tesseract-here", Workers: 2}, slog.New(slog.NewTextHandler(&buf, nil)))
	if p.On() {
		t.Fatal("pool on without its binary")
	}
	if n := strings.Count(buf.String(), "\n"); n != 1 || !strings.Contains(buf.String(), "ocr: off") {
		t.Errorf("log = %q, want one line saying ocr is off", buf.String())
	}
	if _, err := p.Read(context.Background(), []byte("x")); !errors.Is(err, ErrOff) {
		t.Errorf("Read on an off pool: %v, want ErrOff", err)
	}
}

func TestRead_ImageOnStdinTextOnStdoutOneThread(t *testing.T) {
	p := New(Config{Command: fake(t, "0"), Workers: 1, Timeout: 5 * time.Second}, quiet())
	res, err := p.Read(context.Background(), []byte("12345"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.Text, "threads=1") || !strings.Contains(res.Text, "args=- - -l eng") || !strings.Contains(res.Text, "5") {
		t.Errorf("text = %q", res.Text)
	}
}

func TestRead_BeyondTheQueueBusyAtOnce(t *testing.T) {
	p := New(Config{Command: fake(t, "1"), Workers: 1, Queue: 1, Timeout: 5 * time.Second}, quiet())
	var wg sync.WaitGroup
	for range 2 { // one running, one waiting
		wg.Go(func() { p.Read(context.Background(), []byte("x")) })
	}
	time.Sleep(200 * time.Millisecond)
	start := time.Now()
	_, err := p.Read(context.Background(), []byte("x"))
	if !errors.Is(err, ErrBusy) || time.Since(start) > 100*time.Millisecond {
		t.Errorf("third reading: %v after %v, want ErrBusy at once", err, time.Since(start))
	}
	wg.Wait()
}

func TestRead_TimesOut(t *testing.T) {
	p := New(Config{Command: fake(t, "5"), Workers: 1, Timeout: 300 * time.Millisecond}, quiet())
	start := time.Now()
	_, err := p.Read(context.Background(), []byte("x"))
	if !errors.Is(err, ErrTimeout) || time.Since(start) > 2*time.Second {
		t.Errorf("%v after %v, want ErrTimeout soon after 300ms", err, time.Since(start))
	}
}

func TestPrepare_RefusesAHugeDeclaredSizeBeforeDecoding(t *testing.T) {
	// A PNG header declaring 20000 × 20000 with almost no data.
	var buf bytes.Buffer
	png.Encode(&buf, image.NewGray(image.Rect(0, 0, 1, 1)))
	b := buf.Bytes()
	copy(b[16:24], []byte{0, 0, 0x4e, 0x20, 0, 0, 0x4e, 0x20})
	binary.BigEndian.PutUint32(b[29:33], crc32.ChecksumIEEE(b[12:29])) // IHDR's checksum
	if _, err := Prepare(b); !errors.Is(err, ErrTooLarge) {
		t.Errorf("Prepare = %v, want ErrTooLarge", err)
	}
	if _, err := Prepare([]byte("%PDF-1.4")); !errors.Is(err, ErrNotImage) {
		t.Errorf("Prepare(pdf) = %v, want ErrNotImage", err)
	}
}

func TestPrepare_ShrinksToTheLongSideAndMakesTextDarkOnWhite(t *testing.T) {
	// A dark-theme screenshot: light text (a bar) on near-black.
	img := image.NewRGBA(image.Rect(0, 0, 1080, 2400))
	for y := range 2400 {
		for x := range 1080 {
			c := color.RGBA{18, 18, 18, 255}
			if y > 1000 && y < 1040 && x > 100 && x < 300 {
				c = color.RGBA{238, 238, 238, 255}
			}
			img.SetRGBA(x, y, c)
		}
	}
	var buf bytes.Buffer
	png.Encode(&buf, img)
	out, err := Prepare(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	got, err := png.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if b := got.Bounds(); b.Dy() != LongSide || b.Dx() != 576 {
		t.Errorf("size %v, want 576×%d", b, LongSide)
	}
	bg := color.GrayModel.Convert(got.At(10, 10)).(color.Gray).Y
	text := color.GrayModel.Convert(got.At(100, 544)).(color.Gray).Y
	if bg < 240 || text > 15 {
		t.Errorf("background %d, text %d: want white and black", bg, text)
	}
}
