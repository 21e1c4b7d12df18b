package vectorstore

// andNotWords clears in dst every bit set in src (dst &^= src).
func andNotWords(dst, src []uint64) {
	src = src[:len(dst)]
	for i := range dst {
		dst[i] &^= src[i]
	}
}
