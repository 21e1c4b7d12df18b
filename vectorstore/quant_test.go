package vectorstore

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"jobmatch/internal/half"
)

func TestF16KernelsMatchFloat64Reference(t *testing.T) {
	r := rand.New(rand.NewPCG(2, 3))
	q := make([]float32, 700)
	rows := make([][]uint16, 4)
	for i := range q {
		q[i] = float32(r.NormFloat64())
	}
	for i := range rows {
		rows[i] = make([]uint16, 700)
		for j := range rows[i] {
			rows[i][j] = half.FromFloat32(float32(r.NormFloat64()))
		}
	}
	ref := func(q []float32, v []uint16) float64 {
		var s float64
		for i := range q {
			s += float64(q[i]) * float64(half.ToFloat32(v[i]))
		}
		return s
	}
	for _, k := range f16Kernels {
		t.Run(k.name, func(t *testing.T) {
			for trial := range 2000 {
				n := r.IntN(600)
				if trial < 70 {
					n = trial
				}
				oq, o := r.IntN(17), r.IntN(17)
				qq := q[oq : oq+n]
				tol := 1e-5 * (1 + math.Sqrt(float64(n))*4)
				g := [4]float32{}
				g[0], g[1], g[2], g[3] = k.dot4(qq, rows[0][o:o+n], rows[1][o:o+n], rows[2][:n], rows[3][o:o+n])
				for i, v := range [][]uint16{rows[0][o : o+n], rows[1][o : o+n], rows[2][:n], rows[3][o : o+n]} {
					if want := ref(qq, v); math.Abs(float64(g[i])-want) > tol {
						t.Fatalf("dot4 row %d n=%d: got %v want %v", i, n, g[i], want)
					}
				}
			}
		})
	}
}

// TestIntKernelsMatchReference checks the int8-row kernels of every kernel
// set on this CPU exactly against plain integer arithmetic, on random
// lengths (multiples of 32, their contract), offsets and extreme values.
func TestIntKernelsMatchReference(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 5))
	const size = 800
	q := make([]int16, size)
	c := make([][]int8, 4)
	for i := range q {
		q[i] = int16(r.IntN(2*qMax+1) - qMax)
	}
	for i := range c {
		c[i] = make([]int8, size)
		for j := range c[i] {
			c[i][j] = int8(r.IntN(255) - 127) // quantizeRow's range
		}
	}
	q8 := make([]int8, size)
	for i := range q8 {
		q8[i] = int8(r.IntN(255) - 127)
	}
	// Extremes: the largest products must not overflow or saturate.
	for j := 0; j < 64; j++ {
		q[j], c[0][j], c[1][j] = -qMax, -127, -127
		q8[j] = -127
	}
	refQ := func(q []int16, c []int8) int32 {
		var s int64
		for i := range q {
			s += int64(q[i]) * int64(c[i])
		}
		return int32(s)
	}
	nib := make([][]uint8, 4)
	for i := range nib {
		nib[i] = make([]uint8, size)
		for j := range nib[i] {
			nib[i][j] = uint8(r.IntN(256))
		}
		for j := 0; j < 32; j++ {
			nib[i][j] = 0xff
		}
	}
	// refN reads the nibble layout element by element: element e of a
	// 32-element block b is in byte 16b+e%16, low nibble when e%32 < 16.
	// The int8 nibble query holds element e at nibbleQueryPos(e).
	refN := func(q []int8, c []uint8) int32 {
		var s int64
		for e := range len(q) {
			by := c[e/32*16+e%16]
			v := by & 15
			if e%32 >= 16 {
				v = by >> 4
			}
			s += int64(q[nibbleQueryPos(e, len(q))]) * int64(v)
		}
		return int32(s)
	}
	refB := func(a, b []int8) int32 {
		var s int64
		for i := range a {
			s += int64(a[i]) * int64(b[i])
		}
		return int32(s)
	}
	for _, k := range kernels {
		t.Run(k.name, func(t *testing.T) {
			for trial := range 2000 {
				n := 32 * r.IntN(22)
				if trial < 5 {
					n = 32 * trial
				}
				oq, o := r.IntN(17), r.IntN(33)
				if trial < 20 {
					oq, o = 0, 0
				}
				qq := q[oq : oq+n]
				rows := [4][]int8{c[0][o : o+n], c[1][o : o+n], c[2][:n], c[3][o : o+n]}
				if got, want := k.dotQ(qq, rows[0]), refQ(qq, rows[0]); got != want {
					t.Fatalf("dotQ n=%d: got %d want %d", n, got, want)
				}
				g0, g1, g2, g3 := k.dotQ4(qq, rows[0], rows[1], rows[2], rows[3])
				for i, g := range []int32{g0, g1, g2, g3} {
					if want := refQ(qq, rows[i]); g != want {
						t.Fatalf("dotQ4 row %d n=%d: got %d want %d", i, n, g, want)
					}
				}
				if got, want := k.dotB(rows[0], rows[1]), refB(rows[0], rows[1]); got != want {
					t.Fatalf("dotB n=%d: got %d want %d", n, got, want)
				}
				nr := [4][]uint8{nib[0][o : o+n/2], nib[1][o : o+n/2], nib[2][:n/2], nib[3][o : o+n/2]}
				q8 := q8[oq : oq+n]
				if got, want := k.dotN(q8, nr[0]), refN(q8, nr[0]); got != want {
					t.Fatalf("dotN n=%d: got %d want %d", n, got, want)
				}
				n0, n1, n2, n3 := k.dotN4(q8, nr[0], nr[1], nr[2], nr[3])
				for i, g := range []int32{n0, n1, n2, n3} {
					if want := refN(q8, nr[i]); g != want {
						t.Fatalf("dotN4 row %d n=%d: got %d want %d", i, n, g, want)
					}
				}
			}
		})
	}
}

// softmaxGroups imitates the encoder's output: groups of softmax
// probabilities (non-negative, peaky), concatenated and L2-normalised.
func softmaxGroups(r *rand.Rand, dim, groups int, centre []float32) []float32 {
	v := make([]float32, dim)
	g := dim / groups
	for k := range groups {
		var sum float64
		for j := k * g; j < (k+1)*g; j++ {
			logit := r.NormFloat64() * 0.5
			if centre != nil {
				logit += float64(centre[j])
			}
			e := math.Exp(logit)
			v[j] = float32(e)
			sum += e
		}
		for j := k * g; j < (k+1)*g; j++ {
			v[j] = float32(float64(v[j]) / sum)
		}
	}
	normalize(v)
	return v
}

// TestQuantizedRankingQuality checks the int8 and 4-bit rows where it
// matters: the approximate scores must rank like the exact ones, on Gaussian clustered
// vectors and on softmax-group vectors like the encoder's, both for a
// float32 query (search) and between stored vectors (building).
func TestQuantizedRankingQuality(t *testing.T) {
	const dim, n, nq = 512, 2000, 30
	r := rand.New(rand.NewPCG(6, 6))
	centres := make([][]float32, 30)
	for i := range centres {
		centres[i] = make([]float32, dim)
		for j := range centres[i] {
			if r.IntN(16) == 0 {
				centres[i][j] = 4
			}
		}
	}
	sets := map[string]func() []float32{
		"gaussian": func() []float32 {
			c := centres[r.IntN(len(centres))]
			v := make([]float32, dim)
			for j := range v {
				v[j] = c[j]/8 + float32(r.NormFloat64())*0.05
			}
			normalize(v)
			return v
		},
		"softmax-groups": func() []float32 { return softmaxGroups(r, dim, 4, centres[r.IntN(len(centres))]) },
	}
	for name, gen := range sets {
		t.Run(name, func(t *testing.T) {
			ix := New(Config{Dim: dim, M: 4, EfConstruction: 8}) // only the rows matter
			vecs := make([][]float32, n)
			for i := range vecs {
				vecs[i] = gen()
				must(t, ix.Upsert(uint64(i), vecs[i], Payload{}))
			}
			slots := make([]uint32, n)
			for i := range slots {
				slots[i] = ix.byID[uint64(i)]
			}
			var qq qquery
			var maxErr, maxErrN float64
			var hits10, hitsRerank, hits10N, hitsRerankN int
			for range nq {
				q := gen()
				qq.prepare(q, ix.qdim)
				exact := ix.scoreExact(q, slots, nil)
				approx := ix.scoreApprox(&qq, slots, nil)
				for i := range exact {
					maxErr = max(maxErr, math.Abs(float64(exact[i]-approx[i])))
				}
				top := func(s []float32, k int) []int {
					idx := make([]int, len(s))
					for i := range idx {
						idx[i] = i
					}
					slices.SortFunc(idx, func(a, b int) int {
						if s[a] > s[b] {
							return -1
						}
						if s[a] < s[b] {
							return 1
						}
						return a - b
					})
					return idx[:k]
				}
				want := top(exact, 10)
				got, beam := top(approx, 10), top(approx, 40)
				nib := ix.scoreNibbles(&qq, slots, nil)
				for i := range exact {
					maxErrN = max(maxErrN, math.Abs(float64(exact[i]-nib[i])))
				}
				gotN, beamN := top(nib, 10), top(nib, 40)
				for _, w := range want {
					if slices.Contains(got, w) {
						hits10++
					}
					if slices.Contains(beam, w) {
						hitsRerank++
					}
					if slices.Contains(gotN, w) {
						hits10N++
					}
					if slices.Contains(beamN, w) {
						hitsRerankN++
					}
				}
			}
			rec10 := float64(hits10) / (10 * nq)
			recBeam := float64(hitsRerank) / (10 * nq)
			t.Logf("int8: max |approx-exact| %.4f, recall@10 %.3f, true top 10 within top 40 %.3f", maxErr, rec10, recBeam)
			if maxErr > 0.02 || rec10 < 0.9 || recBeam < 0.999 {
				t.Fatalf("int8 ranking too coarse")
			}
			rec10N := float64(hits10N) / (10 * nq)
			recBeamN := float64(hitsRerankN) / (10 * nq)
			t.Logf("4-bit: max |approx-exact| %.4f, recall@10 %.3f, true top 10 within top 40 %.3f", maxErrN, rec10N, recBeamN)
			if maxErrN > 0.05 || rec10N < 0.5 || recBeamN < 0.98 {
				t.Fatalf("4-bit ranking too coarse")
			}
			// Stored against stored, as the neighbour selection uses it.
			var maxErrB float64
			for i := range 300 {
				a, b := slots[i], slots[(i*7+1)%n]
				exact := dotRef(stored(vecs[i]), stored(vecs[(i*7+1)%n]))
				maxErrB = max(maxErrB, math.Abs(float64(ix.simRows(ix.row(a), ix.row(b)))-exact))
			}
			if maxErrB > 0.02 {
				t.Fatalf("stored-vs-stored error %.4f", maxErrB)
			}
		})
	}
}

func BenchmarkRowKernels512(b *testing.B) {
	r := rand.New(rand.NewPCG(5, 6))
	q := make([]int16, 512)
	rows := make([][]int8, 4)
	for i := range q {
		q[i] = int16(r.IntN(2*qMax+1) - qMax)
	}
	for i := range rows {
		rows[i] = make([]int8, 512)
		for j := range rows[i] {
			rows[i][j] = int8(r.IntN(255) - 127)
		}
	}
	var is int32
	for _, k := range kernels {
		b.Run(k.name+"-int8", func(b *testing.B) {
			for b.Loop() {
				is += k.dotQ(q, rows[0])
			}
		})
		b.Run(k.name+"-int8-rows", func(b *testing.B) {
			for b.Loop() {
				is += k.dotB(rows[0], rows[1])
			}
		})
		b.Run(k.name+"-int8-x4", func(b *testing.B) {
			for b.Loop() {
				s0, s1, s2, s3 := k.dotQ4(q, rows[0], rows[1], rows[2], rows[3])
				is += s0 + s1 + s2 + s3
			}
		})
	}
	nib := make([]uint8, 256)
	for i := range nib {
		nib[i] = uint8(r.IntN(256))
	}
	q8 := make([]int8, 512)
	for i := range q8 {
		q8[i] = int8(r.IntN(255) - 127)
	}
	for _, k := range kernels {
		b.Run(k.name+"-int4", func(b *testing.B) {
			for b.Loop() {
				is += k.dotN(q8, nib)
			}
		})
		b.Run(k.name+"-int4-x4", func(b *testing.B) {
			for b.Loop() {
				s0, s1, s2, s3 := k.dotN4(q8, nib, nib, nib, nib)
				is += s0 + s1 + s2 + s3
			}
		})
	}
	x := randVec(r, 512)
	h := make([]uint16, 512)
	encodeF16(h, randVec(r, 512))
	for _, k := range f16Kernels {
		b.Run(k.name+"-f16-x4", func(b *testing.B) {
			for b.Loop() {
				s0, s1, s2, s3 := k.dot4(x, h, h, h, h)
				sink += s0 + s1 + s2 + s3
			}
		})
	}
	sink += float32(is)
}

func TestRoundNonNegMatchesMathRound(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	edges := []float32{0, 0.5, 1.5, 2.5, 254.5, 255, 15.5, math.Nextafter32(0.5, 0), math.Nextafter32(0.5, 1), math.Nextafter32(14.5, 0)}
	for i := range 1000000 {
		x := r.Float32() * 256
		if i < len(edges) {
			x = edges[i]
		}
		if got, want := roundNonNeg(x), int(math.Round(float64(x))); got != want {
			t.Fatalf("roundNonNeg(%v) = %d, math.Round gives %d", x, got, want)
		}
	}
}

func TestRoundSmallMatchesMathRound(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	edges := []float32{0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 1023.5, -1023.5, 127, -127,
		math.Nextafter32(0.5, 0), math.Nextafter32(-0.5, 0), math.Nextafter32(0.5, 1), math.Nextafter32(-0.5, -1),
		float32(math.Copysign(0, -1))}
	for i := range 1000000 {
		x := (r.Float32()*2 - 1) * 1100
		if i < len(edges) {
			x = edges[i]
		}
		if got, want := roundSmall(x), int(math.Round(float64(x))); got != want {
			t.Fatalf("roundSmall(%v) = %d, math.Round gives %d", x, got, want)
		}
	}
}

// TestEncodeF16MatchesScalar checks the bulk conversion (VCVTPS2PH where the
// CPU has F16C) against the scalar rounding for every finite magnitude:
// float16 subnormals, normals, ties, overflow to infinity, signed zeros.
func TestEncodeF16MatchesScalar(t *testing.T) {
	if f16Encode8 == nil {
		t.Log("no bulk float16 conversion on this CPU: only the scalar path runs")
	}
	r := rand.New(rand.NewPCG(7, 8))
	for trial := range 2000 {
		n := r.IntN(70)
		src := make([]float32, n)
		for i := range src {
			switch r.IntN(4) {
			case 0: // any finite float32 bit pattern near the float16 range
				src[i] = float32(math.Ldexp(r.Float64()*2-1, r.IntN(50)-30))
			case 1: // exactly halfway between two float16 values
				h := half.FromFloat32(r.Float32())
				src[i] = (half.ToFloat32(h) + half.ToFloat32(h+1)) / 2
			case 2:
				src[i] = float32(math.Copysign(0, float64(r.IntN(2)*2-1)))
			default: // unit-vector elements
				src[i] = float32(r.NormFloat64() / 22)
			}
		}
		got := make([]uint16, n)
		encodeF16(got, src)
		for i, x := range src {
			if want := half.FromFloat32(x); got[i] != want {
				t.Fatalf("trial %d: encodeF16(%g) = %#04x, scalar rounding gives %#04x", trial, x, got[i], want)
			}
		}
	}
}

// TestQuantizeRowRange: int8 rows use codes -127..127 only (dotBAVX2
// relies on it), both ends for a vector that is not constant, and every
// element is reconstructed within half a step.
func TestQuantizeRowRange(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	const dim, qdim = 100, 128
	row := make([]int8, roundUp(qdim+16, 64))
	for trial := range 500 {
		x := make([]float32, dim)
		for i := range x {
			x[i] = float32(r.NormFloat64())
			if trial%2 == 1 {
				x[i] = float32(math.Abs(float64(x[i]))) // softmax-like: all >= 0
			}
		}
		quantizeRow(row, x, qdim)
		h := rowHeader(row)
		scale, off := h[0], h[1]
		lo, hi := int8(127), int8(-127)
		for i, v := range x {
			c := row[i]
			if c == -128 {
				t.Fatalf("trial %d: code -128 at %d", trial, i)
			}
			lo, hi = min(lo, c), max(hi, c)
			if d := math.Abs(float64(off + scale*float32(c) - v)); d > float64(scale)*0.5001 {
				t.Fatalf("trial %d: element %d off by %g, step %g", trial, i, d, scale)
			}
		}
		if lo != -127 || hi != 127 {
			t.Fatalf("trial %d: codes span [%d, %d], want [-127, 127]", trial, lo, hi)
		}
		for i := dim; i < qdim; i++ {
			if row[i] != 0 {
				t.Fatalf("trial %d: padding code %d at %d", trial, row[i], i)
			}
		}
	}
}
