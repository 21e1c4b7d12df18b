package vectorstore

import (
	"unsafe"

	"golang.org/x/sys/cpu"
)

// The float16 kernels in assembly (f16_amd64.s) need F16C for the
// conversion and FMA; AVX2 is not required (only 256-bit float ops).
func init() {
	if cpu.X86.HasAVX && cpu.X86.HasF16C && cpu.X86.HasFMA {
		f16Kernels = append([]f16Impl{{name: "f16c", dot4: dot4F16Asm}}, f16Kernels...)
		f16Kernel = f16Kernels[0]
		f16Encode8 = encodeF16C
	}
}

//go:noescape
func encodeF16C(dst *uint16, src *float32, n int)

//go:noescape
func dot4F16FMA(q *float32, a, b, c, d *uint16, n int) (float32, float32, float32, float32)

func dot4F16Asm(q []float32, a, b, c, d []uint16) (float32, float32, float32, float32) {
	n := len(q)
	a, b, c, d = a[:n], b[:n], c[:n], d[:n]
	m := n &^ 7
	var r0, r1, r2, r3 float32
	if m > 0 {
		r0, r1, r2, r3 = dot4F16FMA(unsafe.SliceData(q), unsafe.SliceData(a), unsafe.SliceData(b),
			unsafe.SliceData(c), unsafe.SliceData(d), m)
	}
	t := f16Table
	for i := m; i < n; i++ {
		r0 += q[i] * t[a[i]]
		r1 += q[i] * t[b[i]]
		r2 += q[i] * t[c[i]]
		r3 += q[i] * t[d[i]]
	}
	return r0, r1, r2, r3
}
