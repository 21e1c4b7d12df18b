package encoder

import (
	"context"
	"errors"

	"jobmatch/matching"
)

// EncodeTitles is Encode for the matching engine: one TitleVector per title,
// stamped with the model version. Unreadable titles get a zero TitleVector
// instead of failing the batch, because a rebuild must not stop at one
// "!!!" in a million rows.
func (e *Encoder) EncodeTitles(ctx context.Context, titles []string) ([]matching.TitleVector, error) {
	out := make([]matching.TitleVector, len(titles))
	embs, err := e.Encode(ctx, titles)
	if err != nil {
		if !errors.Is(err, ErrUnreadableTitle) {
			return nil, err
		}
		// Encode the readable ones; the others stay zero.
		bad := map[int]bool{}
		for _, te := range titleErrors(err) {
			bad[te.Index] = true
		}
		var idx []int
		var ok []string
		for i, t := range titles {
			if !bad[i] {
				idx, ok = append(idx, i), append(ok, t)
			}
		}
		if len(ok) == 0 {
			return out, nil
		}
		part, err := e.Encode(ctx, ok)
		if err != nil {
			return nil, err
		}
		embs = make([]Embedding, len(titles))
		for j, i := range idx {
			embs[i] = part[j]
		}
	}
	for i, em := range embs {
		if em.Vector != nil {
			out[i] = matching.TitleVector{Vector: em.Vector, Confidence: em.Confidence, ModelVersion: e.Version()}
		}
	}
	return out, nil
}

// titleErrors unpacks the *TitleError values joined in err.
func titleErrors(err error) []*TitleError {
	var out []*TitleError
	var te *TitleError
	if errors.As(err, &te) {
		out = append(out, te)
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		out = out[:0]
		for _, e := range j.Unwrap() {
			if errors.As(e, &te) {
				out = append(out, te)
			}
		}
	}
	return out
}
