package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image/png"
	"os"
	"path/filepath"

	"github.com/paykassma/checkout/deposit"
	"github.com/paykassma/checkout/ocr"
)

// recorder is a reader that keeps what the closer look read, for -dump.
type recorder struct {
	deposit.Reader
	first  ocr.Result
	lines  []ocr.Line
	second []ocr.Line
}

func (r *recorder) Read(ctx context.Context, img []byte) (ocr.Result, error) {
	res, err := r.Reader.Read(ctx, img)
	r.first = res
	return res, err
}

func (r *recorder) Second(ctx context.Context, page []byte, first ocr.Result, asks []ocr.Ask) ([]ocr.Line, ocr.Result, error) {
	lines, res, err := r.Reader.Second(ctx, page, first, asks)
	r.second = lines
	return lines, res, err
}

func (r *recorder) Reread(ctx context.Context, page []byte, first ocr.Result, asks []ocr.Ask) ([]ocr.Line, ocr.Result, error) {
	lines, res, err := r.Reader.Reread(ctx, page, first, asks)
	r.lines = lines
	return lines, res, err
}

// dumped is one image's closer look as -dump writes it: what the rules
// for a letters-and-digits ID are tuned on (the tuning half only).
type dumped struct {
	File, App, Family, Want, Got, First string
	Words                               []ocr.Word
	Lines                               []ocr.Line
}

// dump writes rc's closer look into dir: a JSON file and each line's crop.
func dump(dir string, rc receipt, got deposit.Reading, rec *recorder) error {
	d := dumped{File: rc.File, App: rc.App, Family: rc.Family, Want: rc.ID, Got: got.TxID, First: rec.first.Text, Words: rec.first.Words, Lines: rec.lines}
	for i, l := range rec.lines {
		if l.Crop == nil {
			continue
		}
		var b bytes.Buffer
		if err := png.Encode(&b, l.Crop); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s.%d.png", rc.File, i)), b.Bytes(), 0o644); err != nil {
			return err
		}
		d.Lines[i].Crop = nil
	}
	b, err := json.MarshalIndent(d, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, rc.File+".json"), b, 0o644)
}
