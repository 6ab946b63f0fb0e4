package ocr

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// A second opinion reads a closer look's crops again with another model
// (Config.Second: Tesseract's Latin-script model, tesseract-ocr-script-latn),
// trained on other texts than English's: where English keeps a TrxID's
// glyph unsure, the other often reads it plainly, and it is wrong in other
// places (cmd/receipts, BENCHMARKS.md). The model ships with an 88 MB word
// list that Tesseract loads whole for every process (2.9 s, 280 MB); an ID
// is no word, so the pool reads with a copy without it (0.6 MB, as quick
// as English), made once from the installed one into the user's cache
// folder (or, for a service without a home, the temp folder).

// wordDawg is the index of a traineddata's LSTM word list
// (TESSDATA_LSTM_SYSTEM_DAWG in Tesseract's tessdatamanager.h).
const wordDawg = 19

// languages is the line of `tesseract --list-langs` that names the folder.
var languages = regexp.MustCompile(`"([^"]+)"`)

// secondModel finds lang among the installed models of the tesseract at
// path and gives the folder of a copy of it without its word list.
func secondModel(path, lang string) (string, error) {
	out, err := exec.Command(path, "--list-langs").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("tesseract --list-langs: %w", err)
	}
	m := languages.FindSubmatch(out)
	if m == nil || !slicesContainsLine(string(out), lang) {
		return "", fmt.Errorf("no %s model installed", lang)
	}
	src := filepath.Join(string(m[1]), lang+".traineddata")
	info, err := os.Stat(src)
	if err != nil {
		return "", err
	}
	// One folder per installed model (a new package version gets its own),
	// kept in the user's cache. A service without a home gets a folder of
	// its own in the temp folder, made anew: a shared temp folder's names can
	// be taken first by anyone, and tesseract would read their file.
	var dir string
	if base, err := os.UserCacheDir(); err == nil && os.MkdirAll(base, 0o700) == nil {
		dir = filepath.Join(base, fmt.Sprintf("checkout-tessdata-%s-%d-%d", lang, info.Size(), info.ModTime().Unix()))
		if _, err := os.Stat(filepath.Join(dir, lang+".traineddata")); err == nil {
			return dir, nil
		}
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return "", err
		}
	} else if dir, err = os.MkdirTemp("", "checkout-tessdata-"); err != nil {
		return "", err
	}
	dst := filepath.Join(dir, lang+".traineddata")
	in, err := os.Open(src)
	if err != nil {
		return "", err
	}
	defer in.Close()
	tmp, err := os.CreateTemp(dir, "part-*")
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp.Name())
	if err := withoutEntry(in, info.Size(), wordDawg, tmp); err != nil {
		tmp.Close()
		return "", fmt.Errorf("%s: %w", src, err)
	}
	if err := tmp.Close(); err != nil {
		return "", err
	}
	return dir, os.Rename(tmp.Name(), dst) // whole or not at all, for a server started twice at once
}

func slicesContainsLine(out, line string) bool {
	return slices.ContainsFunc(strings.Split(out, "\n"), func(l string) bool { return strings.TrimSpace(l) == line })
}

// withoutEntry copies the traineddata file in (size bytes; Tesseract's
// TessdataManager format: the entry count, each entry's offset or -1, the
// entries in order) to w with entry n left out, reading only what it
// copies (the word list it leaves is most of the file).
func withoutEntry(in io.ReaderAt, size int64, n int, w io.Writer) error {
	var c [4]byte
	if _, err := in.ReadAt(c[:], 0); err != nil {
		return errors.New("not a traineddata file")
	}
	count := int(binary.LittleEndian.Uint32(c[:]))
	head := int64(4 + 8*count)
	if count <= n || count > 1000 || size < head {
		return errors.New("not a little-endian traineddata file")
	}
	table := make([]byte, 8*count)
	if _, err := in.ReadAt(table, 4); err != nil {
		return err
	}
	offsets := make([]int64, count)
	for i := range offsets {
		offsets[i] = int64(binary.LittleEndian.Uint64(table[8*i:]))
	}
	// An entry ends where the next present one starts.
	end := func(i int) int64 {
		for j := i + 1; j < count; j++ {
			if offsets[j] >= 0 {
				return offsets[j]
			}
		}
		return size
	}
	out := make([]byte, head)
	binary.LittleEndian.PutUint32(out, uint32(count))
	var parts []*io.SectionReader
	at := head
	for i, off := range offsets {
		next := int64(-1)
		if off >= 0 && i != n {
			e := end(i)
			if off < head || e < off || e > size {
				return errors.New("traineddata: an entry out of bounds")
			}
			next = at
			parts = append(parts, io.NewSectionReader(in, off, e-off))
			at += e - off
		}
		binary.LittleEndian.PutUint64(out[4+8*i:], uint64(next))
	}
	if _, err := w.Write(out); err != nil {
		return err
	}
	for _, p := range parts {
		if _, err := io.Copy(w, p); err != nil {
			return err
		}
	}
	return nil
}

// Second reads the crops of asks (as Reread does) with the second model:
// for a letters-and-digits ID that the closer look left unsure. ErrOff
// when no second model is set up; it shares Reread's pool and what is left
// of the timeout after first (which should hold both readings' time).
func (p *Pool) Second(ctx context.Context, page []byte, first Result, asks []Ask) ([]Line, Result, error) {
	if p == nil || p.second == "" {
		return nil, Result{}, ErrOff
	}
	return p.reread(ctx, page, first, asks, []string{"--tessdata-dir", p.second, "-l", p.cfg.Second})
}
