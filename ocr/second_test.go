package ocr

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// traineddata is a file in Tesseract's format with these entries (nil:
// absent).
func traineddata(entries ...[]byte) []byte {
	out := binary.LittleEndian.AppendUint32(nil, uint32(len(entries)))
	at := int64(4 + 8*len(entries))
	var body []byte
	for _, e := range entries {
		off := int64(-1)
		if e != nil {
			off = at
			at += int64(len(e))
			body = append(body, e...)
		}
		out = binary.LittleEndian.AppendUint64(out, uint64(off))
	}
	return append(out, body...)
}

func TestWithoutEntry_LeavesOneEntryOutKeepsTheRest(t *testing.T) {
	entries := make([][]byte, 24)
	entries[17] = []byte("the network")
	entries[19] = bytes.Repeat([]byte("words"), 100)
	entries[21] = []byte("unicharset")
	entries[23] = []byte("4.00")
	in := traineddata(entries...)
	var got bytes.Buffer
	if err := withoutEntry(bytes.NewReader(in), int64(len(in)), wordDawg, &got); err != nil {
		t.Fatal(err)
	}
	entries[19] = nil
	if want := traineddata(entries...); !bytes.Equal(got.Bytes(), want) {
		t.Errorf("got %q,\nwant %q", got.Bytes(), want)
	}
	if err := withoutEntry(bytes.NewReader([]byte("PNG")), 3, wordDawg, &got); err == nil {
		t.Error("not a traineddata file: no error")
	}
}

func TestSecond_ReadsWithTheOtherModelWithoutItsWordList(t *testing.T) {
	var p *Pool
	if _, _, err := p.Second(context.Background(), nil, Result{}, nil); err != ErrOff {
		t.Errorf("off pool: %v, want ErrOff", err)
	}
	cmd, dir := fakeHOCR(t)
	models := t.TempDir()
	entries := make([][]byte, 24)
	entries[17], entries[19] = []byte("net"), []byte("a big word list")
	if err := os.WriteFile(filepath.Join(models, "Latin.traineddata"), traineddata(entries...), 0o644); err != nil {
		t.Fatal(err)
	}
	// The stand-in answers --list-langs as tesseract does.
	script, _ := os.ReadFile(cmd)
	list := "if [ \"$1\" = --list-langs ]; then printf 'List of available languages in \"" + models + "/\" (2):\\neng\\nLatin\\n'; exit 0; fi\n"
	os.WriteFile(cmd, []byte(strings.Replace(string(script), "#!/bin/sh\n", "#!/bin/sh\n"+list, 1)), 0o755)
	t.Setenv("XDG_CACHE_HOME", t.TempDir())

	if p := New(Config{Command: cmd, Workers: 1, Second: "Klingon"}, quiet()); p.second != "" {
		t.Errorf("a model not installed: second opinion from %q", p.second)
	}
	p = New(Config{Command: cmd, Workers: 1, Timeout: 5 * time.Second, Second: "Latin"}, quiet())
	slim, err := os.ReadFile(filepath.Join(p.second, "Latin.traineddata"))
	if entries[19] = nil; err != nil || !bytes.Equal(slim, traineddata(entries...)) {
		t.Fatalf("the model's copy: %q %v, want it without its word list", slim, err)
	}
	var page bytes.Buffer
	png.Encode(&page, image.NewGray(image.Rect(0, 0, 400, 300)))
	first := Result{Words: []Word{{Text: "ZG", Box: image.Rect(10, 200, 40, 222)}}}
	lines, _, err := p.Second(context.Background(), page.Bytes(), first, []Ask{{Word: "ZG"}})
	if err != nil || len(lines) != 1 {
		t.Fatalf("lines %+v, %v: want the one asked", lines, err)
	}
	args, _ := os.ReadFile(filepath.Join(dir, "args"))
	if want := "--tessdata-dir " + p.second + " -l Latin --psm 6"; !strings.Contains(string(args), want) {
		t.Errorf("args %q, want %q", args, want)
	}
}

// A service without a home gets the copy in a folder of its own, made anew:
// a folder of the cache's name already in the shared temp folder, which
// anyone could have made, is not read.
func TestSecondModel_WithoutAHomeIsNotTakenFromASharedFolder(t *testing.T) {
	models := t.TempDir()
	entries := make([][]byte, 24)
	entries[17], entries[19] = []byte("net"), []byte("a big word list")
	src := filepath.Join(models, "Latin.traineddata")
	if err := os.WriteFile(src, traineddata(entries...), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := filepath.Join(t.TempDir(), "tesseract")
	os.WriteFile(cmd, []byte("#!/bin/sh\nprintf 'List of available languages in \""+models+"/\" (1):\\nLatin\\n'\n"), 0o755)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	t.Setenv("XDG_CACHE_HOME", "")
	t.Setenv("HOME", "")
	info, _ := os.Stat(src)
	planted := filepath.Join(tmp, fmt.Sprintf("checkout-tessdata-Latin-%d-%d", info.Size(), info.ModTime().Unix()))
	os.MkdirAll(planted, 0o777)
	os.WriteFile(filepath.Join(planted, "Latin.traineddata"), []byte("someone else's model"), 0o666)

	dir, err := secondModel(cmd, "Latin")
	if err != nil {
		t.Fatal(err)
	}
	if dir == planted || !strings.HasPrefix(dir, tmp) {
		t.Errorf("the copy is in %q (planted %q, temp folder %q)", dir, planted, tmp)
	}
	if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("the copy's folder: %v %v, want 0700", fi.Mode(), err)
	}
	slim, err := os.ReadFile(filepath.Join(dir, "Latin.traineddata"))
	if entries[19] = nil; err != nil || !bytes.Equal(slim, traineddata(entries...)) {
		t.Errorf("the model's copy: %q %v", slim, err)
	}
}
