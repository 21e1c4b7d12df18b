package vectorstore

// IDs returns the ids of all live points, in no particular order. Callers
// that must revisit every point (re-tagging after a rule change, say) use
// it with Get; it copies, so the index may change meanwhile.
func (ix *Index) IDs() []uint64 {
	ix.metaMu.RLock()
	defer ix.metaMu.RUnlock()
	out := make([]uint64, 0, len(ix.byID))
	for id := range ix.byID {
		out = append(out, id)
	}
	return out
}
