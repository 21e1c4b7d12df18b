package engine

import (
	"sync/atomic"

	"jobmatch/vectorstore"
)

// generation is everything that belongs to one title-encoder model: the
// encoder, the indexes of vectors it produced, the exclusion rules with
// anchors it encoded, and what is derived from its calibration. The engine
// holds the current generation behind an atomic pointer; each request loads
// it once and uses it throughout, so a promotion (promote.go) never mixes
// two models within one answer.
type generation struct {
	enc Encoder
	// goodSim is the cosine similarity at which results reach MinScore.
	goodSim float32

	vacancies  *vectorstore.Index
	candidates *vectorstore.Index
	rules      atomic.Pointer[ruleSet]

	queries queryVectors
	// occupations is Config.Occupations encoded, for the title map.
	occupations occupationIndex
}

// newGeneration makes a generation of enc without indexes or rules.
func newGeneration(enc Encoder) *generation {
	return &generation{enc: enc, goodSim: similarityFor(enc, MinScore), queries: queryVectors{max: queryVectorsMax}}
}

// newIndex makes an empty index for vectors of g's model.
func (e *Engine) newIndex(g *generation) *vectorstore.Index {
	return vectorstore.New(vectorstore.Config{Dim: g.enc.Dim(), M: e.cfg.M, EfConstruction: e.cfg.EfConstruction,
		EfSearch: e.cfg.EfSearch, Seed: 1})
}
