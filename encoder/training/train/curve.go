package train

import (
	"bytes"
	"fmt"
)

// curveSVG draws training loss and validation MRR per epoch as a small
// self-contained SVG (no plotting dependency for two polylines).
func curveSVG(h []EpochStats) []byte {
	const w, ht, pad = 640.0, 320.0, 48.0
	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%.0f" height="%.0f" font-family="sans-serif" font-size="12">`+"\n", w, ht)
	fmt.Fprintf(&b, `<rect width="100%%" height="100%%" fill="white"/>`+"\n")
	fmt.Fprintf(&b, `<line x1="%.0f" y1="%.0f" x2="%.0f" y2="%.0f" stroke="black"/>`+"\n", pad, ht-pad, w-pad, ht-pad)
	fmt.Fprintf(&b, `<line x1="%.0f" y1="%.0f" x2="%.0f" y2="%.0f" stroke="black"/>`+"\n", pad, pad, pad, ht-pad)
	fmt.Fprintf(&b, `<text x="%.0f" y="%.0f" text-anchor="middle">epoch</text>`+"\n", w/2, ht-12)
	fmt.Fprintf(&b, `<text x="%.0f" y="24" fill="#c0392b">training loss (left scale, max %.3f)</text>`+"\n", pad, maxOf(h, func(e EpochStats) float64 { return e.Loss }))
	fmt.Fprintf(&b, `<text x="%.0f" y="24" fill="#2471a3" text-anchor="end">validation MRR (right scale, 0–%.2f)</text>`+"\n", w-pad, 0.5)
	n := len(h)
	x := func(i int) float64 {
		if n <= 1 {
			return pad
		}
		return pad + float64(i)*(w-2*pad)/float64(n-1)
	}
	line := func(color string, y func(EpochStats) float64, top float64) {
		if top <= 0 {
			top = 1
		}
		b.WriteString(`<polyline fill="none" stroke-width="2" stroke="` + color + `" points="`)
		for i, e := range h {
			fmt.Fprintf(&b, "%.1f,%.1f ", x(i), ht-pad-y(e)/top*(ht-2*pad))
		}
		b.WriteString("\"/>\n")
		for i, e := range h {
			fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="3" fill="%s"><title>epoch %d: %.4f</title></circle>`+"\n",
				x(i), ht-pad-y(e)/top*(ht-2*pad), color, e.Epoch, y(e))
		}
	}
	line("#c0392b", func(e EpochStats) float64 { return e.Loss }, maxOf(h, func(e EpochStats) float64 { return e.Loss }))
	line("#2471a3", func(e EpochStats) float64 { return e.ValMRR }, 0.5)
	for i, e := range h {
		fmt.Fprintf(&b, `<text x="%.1f" y="%.0f" text-anchor="middle">%d</text>`+"\n", x(i), ht-pad+16, e.Epoch)
	}
	b.WriteString("</svg>\n")
	return b.Bytes()
}

func maxOf(h []EpochStats, f func(EpochStats) float64) float64 {
	m := 0.0
	for _, e := range h {
		m = max(m, f(e))
	}
	return m
}
