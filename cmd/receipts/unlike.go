package main

import (
	"context"
	"flag"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/paykassma/checkout/ocr"
)

// twins are the letters drawn like each digit, for the table of how
// unlike a letter is to the page's drawing of its digit.
var twins = map[byte]string{'0': "OQDUC", '1': "IJLT", '2': "Z", '3': "B", '4': "A", '5': "S", '6': "GB", '7': "TZ", '8': "BS", '9': "SG"}

// unlike prints how unlike (ocr.Unlike) each glyph of the tuning half's
// letters-and-digits IDs is to the nearest of the page's own drawing of
// each digit (the numbers of the first reading at about the ID's height),
// by the glyph's true character: the figures deposit's alikeMax and
// unlikeMin are set from. The ID is found by its truth, not by the rules.
func unlike(args []string) error {
	fs := flag.NewFlagSet("unlike", flag.ExitOnError)
	dir := fs.String("dir", filepath.Join(os.TempDir(), "receipts"), "the corpus")
	height := fs.Int("height", 40, "the height words are cut at")
	fs.Parse(args)
	all, pool, err := corpus(*dir, ocr.Config{Workers: 1, Queue: 1})
	if err != nil {
		return err
	}
	nearest := map[string][]float64{} // "same 0", "O~0", by the glyph's truth
	flags := map[byte][]string{}      // 1, I, J: the top's reach left/right of the stem (ocr.Shape)
	for _, rc := range all {
		if rc.Variant != "a" || rc.Family != "bkash" && rc.Family != "nagad" {
			continue
		}
		data, err := os.ReadFile(filepath.Join(*dir, rc.File))
		if err != nil {
			return err
		}
		img, err := ocr.Prepare(data)
		if err != nil {
			return err
		}
		res, err := pool.Read(context.Background(), img)
		if err != nil {
			return err
		}
		boxes, digits := []image.Rectangle{{}}, []string{rc.ID}
		for _, w := range res.Words {
			t := strings.ToUpper(strings.Trim(w.Text, ".,;:'\""))
			if len(t) == len(rc.ID) && differ(t, rc.ID) <= 4 {
				boxes[0] = w.Box
			} else if d, ok := ocr.NumberDigits(w.Text); ok && w.Conf >= 90 {
				boxes, digits = append(boxes, w.Box), append(digits, d)
			}
		}
		if boxes[0].Empty() {
			continue
		}
		for i := len(boxes) - 1; i > 0; i-- {
			if h := float64(boxes[i].Dy()) / float64(boxes[0].Dy()); h < 0.8 || h > 1.25 {
				boxes, digits = slices.Delete(boxes, i, i+1), slices.Delete(digits, i, i+1)
			}
		}
		ns := make([]int, len(digits))
		for i, d := range digits {
			ns[i] = len(d)
		}
		cuts, err := ocr.CutWords(img, boxes, *height, ns)
		if err != nil {
			return err
		}
		if len(cuts[0].Inks) != len(rc.ID) {
			continue
		}
		for j, c := range []byte(rc.ID) {
			if c == '1' || c == 'I' || c == 'J' {
				sh := ocr.ShapeOf(cuts[0].Crop, cuts[0].Inks[j])
				flags[c] = append(flags[c], fmt.Sprintf("%.2f/%.2f", sh.TopLeft, sh.TopRight))
			}
		}
		best := map[[2]byte]float64{}
		for i, c := range cuts[1:] {
			if len(c.Inks) != ns[i+1] {
				continue
			}
			for j := range rc.ID {
				for k := range digits[i+1] {
					key := [2]byte{rc.ID[j], digits[i+1][k]}
					u := ocr.Unlike(cuts[0].Crop, cuts[0].Inks[j], c.Crop, c.Inks[k])
					if v, ok := best[key]; !ok || u < v {
						best[key] = u
					}
				}
			}
		}
		for k, u := range best {
			switch {
			case k[0] == k[1]:
				nearest["same "+string(k[1])] = append(nearest["same "+string(k[1])], u)
			case strings.IndexByte(twins[k[1]], k[0]) >= 0:
				nearest[string(k[0])+"~"+string(k[1])] = append(nearest[string(k[0])+"~"+string(k[1])], u)
			}
		}
	}
	names := slices.Sorted(func(yield func(string) bool) {
		for n := range nearest {
			if !yield(n) {
				return
			}
		}
	})
	fmt.Println("| glyph ~ page's digit | n | min | median | max |\n|---|---:|---:|---:|---:|")
	for _, n := range names {
		v := slices.Sorted(slices.Values(nearest[n]))
		fmt.Printf("| %s | %d | %.3f | %.3f | %.3f |\n", n, len(v), v[0], v[len(v)/2], v[len(v)-1])
	}
	for _, c := range []byte("1IJ") {
		fmt.Printf("%c's top (left/right of the stem, in stem widths): %s\n", c, strings.Join(flags[c], " "))
	}
	return nil
}

// differ is how many places a and b (as long) differ in.
func differ(a, b string) int {
	n := 0
	for i := range a {
		if a[i] != b[i] {
			n++
		}
	}
	return n
}
