package vectorstore

import "jobmatch/internal/half"

// Full vectors are stored as IEEE 754 half precision (float16): 2 bytes per
// element instead of 4, so a 512-d vector takes 1 KB. The graph walk does
// not read them (it scores the int8 copy, quant.go); they give the exact
// scores: the re-ranking of a walk's final beam, exact scans, RankAll and
// Get. Stored vectors are unit vectors with elements in [-1, 1], where
// float16 keeps a relative precision of 2^-11 (and subnormals down to 6e-8),
// so a stored dot product differs from the float32 one by ~1e-4 at most for
// 512-d unit vectors.
//
// On amd64 with F16C and FMA the dot product of a float32 query with a
// float16 row is an assembly kernel (f16_amd64.s: VCVTPH2PS + VFMADD231PS);
// everywhere else the portable code below.

// f16Kernel is the active float32 x float16 dot product; chosen in init.
var f16Kernel = f16Impl{name: "generic", dot4: dot4F16Generic}

// f16Impl is one implementation of the float16 kernel. There is only a
// four-row form: every exact score goes through it (a lone row repeated),
// so a point's score is the same bits wherever it falls in a batch, and
// ties between equal titles rank the same after a restart as after a
// rebuild. A separate one-row kernel rounded differently.
type f16Impl struct {
	name string
	dot4 func(q []float32, a, b, c, d []uint16) (float32, float32, float32, float32)
}

// f16Kernels lists every float16 implementation usable here, fastest first;
// tests run all of them.
var f16Kernels = []f16Impl{f16Kernel}

// f16Table maps every float16 bit pattern to its float32 value: bulk
// conversions (loading old snapshots, Get, quantisation) use it.
var f16Table = func() []float32 {
	t := make([]float32, 1<<16)
	for i := range t {
		t[i] = half.ToFloat32(uint16(i))
	}
	return t
}()

// encodeF16 rounds src into dst (same length), to nearest even. On amd64
// with F16C, VCVTPS2PH converts eight elements at a time (f16_amd64.s),
// with the same result for every finite value, at a tenth of the cost.
func encodeF16(dst []uint16, src []float32) {
	dst = dst[:len(src)]
	n := 0
	if f16Encode8 != nil {
		if n = len(src) &^ 7; n > 0 {
			f16Encode8(&dst[0], &src[0], n)
		}
	}
	for i := n; i < len(src); i++ {
		dst[i] = half.FromFloat32(src[i])
	}
}

// f16Encode8 converts n float32 (a positive multiple of 8) to float16;
// nil where no instruction does it.
var f16Encode8 func(dst *uint16, src *float32, n int)

// decodeF16 converts src into dst (same length).
func decodeF16(dst []float32, src []uint16) {
	dst = dst[:len(src)]
	t := f16Table
	for i, h := range src {
		dst[i] = t[h]
	}
}

func dotF16Generic(q []float32, v []uint16) float32 {
	v = v[:len(q)]
	t := f16Table
	var s0, s1, s2, s3 float32
	i := 0
	for ; i+4 <= len(q); i += 4 {
		s0 += q[i] * t[v[i]]
		s1 += q[i+1] * t[v[i+1]]
		s2 += q[i+2] * t[v[i+2]]
		s3 += q[i+3] * t[v[i+3]]
	}
	for ; i < len(q); i++ {
		s0 += q[i] * t[v[i]]
	}
	return (s0 + s1) + (s2 + s3)
}

func dot4F16Generic(q []float32, a, b, c, d []uint16) (float32, float32, float32, float32) {
	return dotF16Generic(q, a), dotF16Generic(q, b), dotF16Generic(q, c), dotF16Generic(q, d)
}
