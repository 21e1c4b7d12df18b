package vectorstore

import "jobmatch/internal/vecmath"

// The dot-product kernels. Every similarity in the index is a dot product of
// L2-normalised vectors, so this is the innermost loop of both the graph
// search and the exact scan. The float32 kernels are internal/vecmath's; the
// integer kernels of the quantised rows are here. The implementation is
// picked once at start from the CPU's features: AVX-512 or AVX2 when the
// binary was built with GOEXPERIMENT=simd (see dot_simd_amd64.go), otherwise
// the portable Go code, which is what plain `go build` produces on every
// platform.

// kernel is one implementation of the integer dot-product primitives.
type kernel struct {
	name string
	// dotQ, dotQ4 and dotB are the integer kernels of the int8 rows
	// (quant.go): an int16 query against int8 codes, four rows at a time,
	// and int8 codes against int8 codes. Lengths are multiples of 32; dotB's
	// codes are in [-127, 127], as quantizeRow writes them.
	dotQ  func(q []int16, c []int8) int32
	dotQ4 func(q []int16, a, b, c, d []int8) (int32, int32, int32, int32)
	dotB  func(a, b []int8) int32
	// dotN and dotN4 score an int8 query (in the rows' byte order, see
	// nibble.go) against 4-bit nibble rows; len(q) is a multiple of 32 and
	// rows are len(q)/2 bytes.
	dotN  func(q []int8, c []uint8) int32
	dotN4 func(q []int8, a, b, c, d []uint8) (int32, int32, int32, int32)
}

// genericKernel is the portable fallback.
var genericKernel = kernel{name: "generic",
	dotQ: dotQGeneric, dotQ4: dotQ4Generic, dotB: dotBGeneric, dotN: dotNGeneric, dotN4: dotN4Generic}

// kernels lists every implementation usable on this CPU, fastest first; the
// SIMD file prepends to it in init. Tests run all of them.
var kernels = []kernel{genericKernel}

// active is the kernel used by the index; chosen once in init and never
// changed afterwards, so reads need no synchronisation.
var active = genericKernel

func init() { active = kernels[0] }

// KernelName reports which dot-product implementation is in use
// ("avx512", "avx2" or "generic"), for benchmark reports and logs.
func KernelName() string { return active.name }

// Dot returns the dot product of a and b, which must have the same length.
// For L2-normalised vectors this is their cosine similarity.
func Dot(a, b []float32) float32 {
	if len(a) != len(b) {
		panic("vectorstore: Dot of vectors with different lengths")
	}
	return vecmath.Dot(a, b)
}

// DotBatch writes the dot product of q with each of rows into out, which must
// be at least len(rows) long. It exists for exact scans: scoring rows four at
// a time lets the SIMD kernels load q once per four rows.
func DotBatch(q []float32, rows [][]float32, out []float32) {
	out = out[:len(rows)]
	for _, r := range rows {
		if len(r) != len(q) {
			panic("vectorstore: DotBatch row length differs from query length")
		}
	}
	i := 0
	for ; i+4 <= len(rows); i += 4 {
		out[i], out[i+1], out[i+2], out[i+3] = vecmath.Dot4(q, rows[i], rows[i+1], rows[i+2], rows[i+3])
	}
	for ; i < len(rows); i++ {
		out[i] = vecmath.Dot(q, rows[i])
	}
}
