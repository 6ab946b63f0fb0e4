package main

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
	"math/rand/v2"

	"github.com/paykassma/checkout/ocr"
)

// degrade does to a rendered screen what phones and people do before it
// reaches us: a crop, a rotation of a degree or two (a photo of a screen or
// a tilted edit), a scale of 50–100 %, JPEG at quality 40–90; then what the
// pay page's script does: shrink to ocr.LongSide and JPEG at 0.85.
func degrade(r *rand.Rand, rc *receipt, pngData []byte) ([]byte, error) {
	img, err := png.Decode(bytes.NewReader(pngData))
	if err != nil {
		return nil, err
	}
	b := img.Bounds()
	// Crop: some of the top (the status bar) or the bottom (the buttons).
	top, bottom := r.IntN(b.Dy()/20+1), r.IntN(b.Dy()/8+1)
	rc.CropTop = top
	img = crop(img, image.Rect(0, top, b.Dx(), b.Dy()-bottom))
	if r.IntN(3) == 0 {
		rc.Rotate = (r.Float64()*2 - 1) * 2
		img = rotate(img, rc.Rotate)
	}
	rc.Scale = 0.5 + r.Float64()*0.5
	nb := img.Bounds()
	img = ocr.Resize(img, int(float64(nb.Dx())*rc.Scale), int(float64(nb.Dy())*rc.Scale))
	rc.Quality = 40 + r.IntN(51)
	phone, err := ocr.EncodeJPEG(img, rc.Quality)
	if err != nil {
		return nil, err
	}
	// The browser decodes the phone's file and sends it shrunk.
	dec, _, err := image.Decode(bytes.NewReader(phone))
	if err != nil {
		return nil, err
	}
	return ocr.EncodeJPEG(ocr.Shrink(dec, ocr.LongSide), 85)
}

func crop(img image.Image, r image.Rectangle) image.Image {
	if s, ok := img.(interface {
		SubImage(image.Rectangle) image.Image
	}); ok {
		return s.SubImage(r)
	}
	return img
}

// rotate turns img by deg degrees about its centre, bilinear, the corners
// filled with the top-left pixel's colour (the screen's background).
func rotate(img image.Image, deg float64) image.Image {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	fill := color.RGBAModel.Convert(img.At(b.Min.X, b.Min.Y)).(color.RGBA)
	sin, cos := math.Sincos(deg * math.Pi / 180)
	cx, cy := float64(w)/2, float64(h)/2
	at := func(x, y int) color.RGBA {
		if x < 0 || y < 0 || x >= w || y >= h {
			return fill
		}
		return color.RGBAModel.Convert(img.At(b.Min.X+x, b.Min.Y+y)).(color.RGBA)
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			dx, dy := float64(x)-cx, float64(y)-cy
			sx, sy := cos*dx+sin*dy+cx, -sin*dx+cos*dy+cy
			x0, y0 := int(math.Floor(sx)), int(math.Floor(sy))
			fx, fy := sx-float64(x0), sy-float64(y0)
			c00, c10, c01, c11 := at(x0, y0), at(x0+1, y0), at(x0, y0+1), at(x0+1, y0+1)
			mix := func(a, b, c, d uint8) uint8 {
				top := float64(a)*(1-fx) + float64(b)*fx
				bot := float64(c)*(1-fx) + float64(d)*fx
				return uint8(top*(1-fy) + bot*fy + 0.5)
			}
			dst.SetRGBA(x, y, color.RGBA{mix(c00.R, c10.R, c01.R, c11.R), mix(c00.G, c10.G, c01.G, c11.G), mix(c00.B, c10.B, c01.B, c11.B), 255})
		}
	}
	return dst
}
