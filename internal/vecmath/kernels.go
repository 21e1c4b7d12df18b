package vecmath

// The portable kernels are unrolled by four with independent accumulators,
// which hides the latency of the float additions (the compiler does not
// vectorise), and re-slice so the bounds checks leave the loop.

func dotGeneric(a, b []float32) float32 {
	b = b[:len(a)]
	var s0, s1, s2, s3 float32
	i := 0
	for ; i+4 <= len(a); i += 4 {
		s0 += a[i] * b[i]
		s1 += a[i+1] * b[i+1]
		s2 += a[i+2] * b[i+2]
		s3 += a[i+3] * b[i+3]
	}
	for ; i < len(a); i++ {
		s0 += a[i] * b[i]
	}
	return (s0 + s1) + (s2 + s3)
}

// dot4Generic is four dotGeneric calls, so each result equals Dot's on a
// machine without SIMD kernels.
func dot4Generic(q, a, b, c, d []float32) (float32, float32, float32, float32) {
	return dotGeneric(q, a), dotGeneric(q, b), dotGeneric(q, c), dotGeneric(q, d)
}

func axpyGeneric(y []float32, a float32, x []float32) {
	x = x[:len(y)]
	i := 0
	for ; i+4 <= len(y); i += 4 {
		y[i] += a * x[i]
		y[i+1] += a * x[i+1]
		y[i+2] += a * x[i+2]
		y[i+3] += a * x[i+3]
	}
	for ; i < len(y); i++ {
		y[i] += a * x[i]
	}
}

func axpy4Generic(y []float32, a0, a1, a2, a3 float32, x0, x1, x2, x3 []float32) {
	n := len(y)
	x0, x1, x2, x3 = x0[:n], x1[:n], x2[:n], x3[:n]
	for i, v := range y {
		v += a0 * x0[i]
		v += a1 * x1[i]
		v += a2 * x2[i]
		v += a3 * x3[i]
		y[i] = v
	}
}
