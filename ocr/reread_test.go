package ocr

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// hocrOut is tesseract 5.3's hOCR (lstm_choice_mode=2, hocr_char_boxes=1)
// of two stacked crops, cut to two glyphs: "6500" read as "65", "ZG" (a
// line Tesseract took for a heading).
const hocrOut = `<div class='ocr_page' id='page_1' title='image "-"; bbox 0 0 300 200'>
 <span class='ocr_line' id='line_1_1' title="bbox 16 16 200 60; baseline 0 0; x_size 44">
  <span class='ocrx_word' id='word_1_1' title='bbox 16 16 200 60; x_wconf 91'>
   <span class='ocrx_cinfo' title='x_bboxes 16 16 52 60; x_conf 96.1'>6</span>
    <span class='ocrx_cinfo' id='lstm_choices_1_1_1'>
     <span class='ocrx_cinfo' id='choice_1_1_1' title='x_confs 93.2'>6</span>
     <span class='ocrx_cinfo' id='choice_1_1_2' title='x_confs 54.6'>%</span>
     <span class='ocrx_cinfo' id='choice_1_1_3' title='x_confs 0'>&amp;</span>
    </span>
   <span class='ocrx_cinfo' title='x_bboxes 52 16 76 60; x_conf 99.5'>5</span>
    <span class='ocrx_cinfo' id='lstm_choices_1_1_2'>
     <span class='ocrx_cinfo' id='choice_1_1_4' title='x_confs 94.0'>5</span>
    </span>
  </span>
 </span>
 <span class='ocr_header' id='line_1_2' title="bbox 16 170 120 214; baseline 0 0; x_size 44">
  <span class='ocrx_word' id='word_1_2' title='bbox 16 170 60 214; x_wconf 90'>
   <span class='ocrx_cinfo' title='x_bboxes 16 170 40 214; x_conf 99'>Z</span>
  </span>
  <span class='ocrx_word' id='word_1_3' title='bbox 70 170 120 214; x_wconf 90'>
   <span class='ocrx_cinfo' title='x_bboxes 70 170 94 214; x_conf 98'>G</span>
    <span class='ocrx_cinfo' id='lstm_choices_1_3_1'>
     <span class='ocrx_cinfo' id='choice_1_3_1' title='x_confs 90'>G</span>
     <span class='ocrx_cinfo' id='choice_1_3_2' title='x_confs 12.5'>6</span>
    </span>
  </span>
 </span>
</div>`

func TestParseHOCR_LinesWordsAndEachGlyphsChoices(t *testing.T) {
	lines := parseHOCR(hocrOut)
	if len(lines) != 2 || lines[0].text != "65" || lines[1].text != "Z G" {
		t.Fatalf("lines %+v, want \"65\" and \"Z G\"", lines)
	}
	g := lines[0].glyphs[0]
	if g.Width != 36 || len(g.Choices) != 3 || g.Choices[0] != (Choice{"6", 96.1}) || g.Choices[1] != (Choice{"%", 54.6}) || g.Choices[2].Text != "&" {
		t.Errorf("first glyph %+v, want 6 (96.1) 36 px wide, then %% (54.6) and &", g)
	}
	if c := lines[1].glyphs[1].Choices; len(c) != 2 || c[1] != (Choice{"6", 12.5}) {
		t.Errorf("G's choices %+v, want G then 6 (12.5)", c)
	}
}

// fakeHOCR is a stand-in tesseract that saves its arguments and its stdin
// where the test can see them and answers hocrOut.
func fakeHOCR(t *testing.T) (cmd, dir string) {
	t.Helper()
	dir = t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "out.hocr"), []byte(hocrOut), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd = filepath.Join(dir, "fake-tesseract")
	script := "#!/bin/sh\necho \"$OMP_THREAD_LIMIT $*\" > " + dir + "/args\ncat > " + dir + "/stdin\ncat " + dir + "/out.hocr\n"
	if err := os.WriteFile(cmd, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return cmd, dir
}

func TestReread_OneProcessForEveryCropEachWordItsLine(t *testing.T) {
	cmd, dir := fakeHOCR(t)
	p := New(Config{Command: cmd, Workers: 1, Timeout: 5 * time.Second}, quiet())
	var page bytes.Buffer
	png.Encode(&page, image.NewGray(image.Rect(0, 0, 400, 300)))
	first := Result{Words: []Word{
		{Text: "6500", Box: image.Rect(100, 20, 150, 42)}, // 22 px high: 44 once enlarged
		{Text: "ZG", Box: image.Rect(10, 200, 40, 222)},
		{Text: "other", Box: image.Rect(10, 250, 60, 272)},
	}}
	lines, _, err := p.Reread(context.Background(), page.Bytes(), first, []Ask{{Word: "6500", Left: 1}, {Word: "ZG"}, {Word: "absent"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 2 || lines[0].Word != "6500" || lines[0].Text != "65" || lines[1].Word != "ZG" || lines[1].Text != "Z G" {
		t.Fatalf("lines %+v, want 6500 → 65 and ZG → Z G", lines)
	}
	args, _ := os.ReadFile(filepath.Join(dir, "args"))
	for _, want := range []string{"1 - - -l eng --psm 6", "lstm_choice_mode=2", "hocr_char_boxes=1", "hocr"} {
		if !strings.Contains(string(args), want) {
			t.Errorf("args %q, want %q", args, want)
		}
	}
	in, _ := os.ReadFile(filepath.Join(dir, "stdin"))
	strip, err := png.Decode(bytes.NewReader(in))
	if err != nil {
		t.Fatalf("stdin is not a PNG: %v", err)
	}
	// Two crops, each 22 px box and its margins enlarged twice (72 px), one
	// under the other a line apart.
	if b := strip.Bounds(); b.Dy() < 2*72 || b.Dy() > 400 {
		t.Errorf("strip %v, want two enlarged crops stacked", b)
	}
}

func TestReread_OffPoolAndNothingAsked(t *testing.T) {
	var p *Pool
	if _, _, err := p.Reread(context.Background(), nil, Result{}, []Ask{{Word: "x"}}); err != ErrOff {
		t.Errorf("off pool: %v, want ErrOff", err)
	}
	p = New(Config{Command: fake(t, "0"), Workers: 1}, quiet())
	lines, _, err := p.Reread(context.Background(), nil, Result{Words: []Word{{Text: "a"}}}, []Ask{{Word: "b"}})
	if err != nil || lines != nil {
		t.Errorf("no word found: %v %v, want nothing run", lines, err)
	}
}

func TestReread_WithinWhatIsLeftOfTheTimeout(t *testing.T) {
	p := New(Config{Command: fake(t, "5"), Workers: 1, Timeout: 1500 * time.Millisecond}, quiet())
	var page bytes.Buffer
	png.Encode(&page, image.NewGray(image.Rect(0, 0, 100, 100)))
	first := Result{Duration: 1200 * time.Millisecond, Words: []Word{{Text: "a", Box: image.Rect(10, 10, 30, 30)}}}
	start := time.Now()
	_, _, err := p.Reread(context.Background(), page.Bytes(), first, []Ask{{Word: "a"}})
	// 300ms left, then the process's kill (Read's WaitDelay): well under
	// the 5s it would sleep.
	if !errors.Is(err, ErrTimeout) || time.Since(start) > 2*time.Second {
		t.Errorf("%v after %v, want ErrTimeout soon after the 300ms left", err, time.Since(start))
	}
	first.Duration = 2 * time.Second
	if _, _, err := p.Reread(context.Background(), page.Bytes(), first, []Ask{{Word: "a"}}); !errors.Is(err, ErrTimeout) {
		t.Errorf("no time left: %v, want ErrTimeout at once", err)
	}
}

func TestReread_BusyAtOnceLikeRead(t *testing.T) {
	p := New(Config{Command: fake(t, "1"), Workers: 1, Queue: 0, Timeout: 5 * time.Second}, quiet())
	done := make(chan struct{})
	go func() { p.Read(context.Background(), []byte("x")); close(done) }()
	time.Sleep(200 * time.Millisecond)
	var page bytes.Buffer
	png.Encode(&page, image.NewGray(image.Rect(0, 0, 100, 100)))
	first := Result{Words: []Word{{Text: "a", Box: image.Rect(10, 10, 30, 30)}}}
	start := time.Now()
	if _, _, err := p.Reread(context.Background(), page.Bytes(), first, []Ask{{Word: "a"}}); !errors.Is(err, ErrBusy) || time.Since(start) > 100*time.Millisecond {
		t.Errorf("%v after %v, want ErrBusy at once while the one worker reads", err, time.Since(start))
	}
	<-done
}
