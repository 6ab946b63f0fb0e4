package ocr

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
)

// LongSide is the long side, in pixels, a screenshot is read at: what the
// pay page's script shrinks an upload to before sending it, and what the
// server shrinks a larger one to (a phone's 1080 × 2400 screenshot without
// JavaScript), so Tesseract's time per image stays bounded.
const LongSide = 1280

// MaxPixels is the most pixels an upload may declare before it is decoded:
// 40 megapixels, above any phone's screenshot or photo, below what would
// let a small file (a decompression bomb) fill the memory.
const MaxPixels = 40_000_000

// ErrTooLarge is an image whose declared size is over MaxPixels.
var ErrTooLarge = errors.New("ocr: image too large")

// ErrNotImage is data that is not a JPEG or PNG picture.
var ErrNotImage = errors.New("ocr: not a JPEG or PNG image")

// Prepare checks data's declared size before decoding it and returns what
// Tesseract is given: the picture shrunk to LongSide (as the browser does;
// a no-JavaScript upload arrives as the phone made it), its text made dark
// on white (Normalize), as a grey PNG.
func Prepare(data []byte) ([]byte, error) {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, ErrNotImage
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > MaxPixels {
		return nil, ErrTooLarge
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, ErrNotImage
	}
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, Normalize(Shrink(img, LongSide))); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Normalize makes every text dark on white, whatever the app's colours:
// white on a brand-coloured header, light on a dark theme. Receipts are
// bands of background across the screen, so each row's median brightness
// is its background; a pixel is as dark as it is far from it. Tesseract's
// own global threshold loses text in a coloured band otherwise.
func Normalize(img image.Image) *image.Gray {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	src := toRGBA(img)
	out := image.NewGray(image.Rect(0, 0, w, h))
	lum := make([]uint8, w)
	for y := 0; y < h; y++ {
		var hist [256]int
		off := y * src.Stride
		for x := 0; x < w; x++ {
			p := src.Pix[off+x*4 : off+x*4+3]
			l := uint8((299*int(p[0]) + 587*int(p[1]) + 114*int(p[2])) / 1000)
			lum[x] = l
			hist[l]++
		}
		median, seen := 0, 0
		for v, n := range hist {
			if seen += n; seen*2 >= w {
				median = v
				break
			}
		}
		row := out.Pix[y*out.Stride:]
		for x, l := range lum {
			d := int(l) - median
			if d < 0 {
				d = -d
			}
			row[x] = uint8(max(0, 255-d*255/contrast))
		}
	}
	return out
}

// contrast is the difference from the background that is fully dark:
// muted grey labels count as text, JPEG's ringing around it does not.
const contrast = 96

// EncodeJPEG encodes img at quality q.
func EncodeJPEG(img image.Image, q int) ([]byte, error) {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: q}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Shrink scales img down so its long side is at most long, averaging the
// source pixels each target pixel covers (as a browser's canvas does when
// it draws an image smaller); a smaller image is returned as it is.
func Shrink(img image.Image, long int) image.Image {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if max(w, h) <= long {
		return img
	}
	var nw, nh int
	if w >= h {
		nw, nh = long, max(1, h*long/w)
	} else {
		nw, nh = max(1, w*long/h), long
	}
	return Resize(img, nw, nh)
}

// Resize scales img to nw × nh by box averaging (down) or nearest source
// pixel (up): enough for screenshots, with no dependency.
func Resize(img image.Image, nw, nh int) *image.RGBA {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	src := toRGBA(img)
	dst := image.NewRGBA(image.Rect(0, 0, nw, nh))
	for y := 0; y < nh; y++ {
		y0 := y * h / nh
		y1 := max(y0+1, (y+1)*h/nh)
		for x := 0; x < nw; x++ {
			x0 := x * w / nw
			x1 := max(x0+1, (x+1)*w/nw)
			var r, g, bl, a, n uint32
			for sy := y0; sy < y1; sy++ {
				off := sy*src.Stride + x0*4
				for sx := x0; sx < x1; sx++ {
					r += uint32(src.Pix[off])
					g += uint32(src.Pix[off+1])
					bl += uint32(src.Pix[off+2])
					a += uint32(src.Pix[off+3])
					off += 4
					n++
				}
			}
			dst.SetRGBA(x, y, color.RGBA{uint8(r / n), uint8(g / n), uint8(bl / n), uint8(a / n)})
		}
	}
	return dst
}

// toRGBA is img as an *image.RGBA whose bounds start at 0,0.
func toRGBA(img image.Image) *image.RGBA {
	if r, ok := img.(*image.RGBA); ok && r.Bounds().Min == (image.Point{}) {
		return r
	}
	b := img.Bounds()
	dst := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			dst.Set(x, y, img.At(b.Min.X+x, b.Min.Y+y))
		}
	}
	return dst
}

// ShrinkJPEG is data as the pay page's script sends it: at most LongSide
// on its long side, as JPEG; data itself when already within LongSide.
func ShrinkJPEG(data []byte) ([]byte, error) {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, ErrNotImage
	}
	if int64(cfg.Width)*int64(cfg.Height) > MaxPixels {
		return nil, ErrTooLarge
	}
	if max(cfg.Width, cfg.Height) <= LongSide {
		return data, nil
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, ErrNotImage
	}
	return EncodeJPEG(Shrink(img, LongSide), 85)
}
