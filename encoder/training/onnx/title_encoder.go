package onnx

import (
	"encoding/binary"
	"fmt"
	"math"

	"jobmatch/encoder"
	"jobmatch/encoder/training/nn"
	"jobmatch/internal/half"
)

// Opset is the ONNX operator set the encoder graph uses: ScatterND with
// reduction "add" needs 16; 17 keeps ReduceMax/ReduceMean's axes an
// attribute (it became an input in 18).
const Opset = 17

// EncoderModel builds the ONNX graph of p. The layout is an embedding bag with
// offsets: flat ids and their title index, the rows weighted by their pooling
// weight and summed per title with ScatterND(reduction=add), then divided by
// the summed weights, which is faster than padding every title to the
// longest one. The embedding table is stored as float16 and widened after the
// Gather, so only the rows used are converted.
func EncoderModel(p *nn.Params) *Model {
	d := int64(p.EmbedDim)
	rows := int64(p.Rows())
	weight := make([]float32, rows)
	known := make([]float32, rows)
	words := make([]float32, rows)
	unseenWords := make([]float32, rows)
	for r := range weight {
		if r >= p.Vocab && r < p.Vocab+p.WordFallback() {
			unseenWords[r] = 1
		}
		weight[r] = p.Weight(int32(r))
		if r < p.Vocab {
			known[r] = weight[r]
		}
		if r < len(p.WordRow) && p.WordRow[r] {
			words[r] = 1
		}
	}
	g := Graph{Name: "jobmatch_title_encoder"}
	g.Initializers = append(g.Initializers,
		Float16Tensor("embed", []int64{rows, d}, p.Embed),
		FloatTensor("weight", []int64{rows, 1}, weight),
		FloatTensor("known_weight", []int64{rows, 1}, known),
		FloatTensor("word_row", []int64{rows, 1}, words),
		FloatTensor("unseen_word_row", []int64{rows, 1}, unseenWords),
		FloatTensor("one", []int64{1}, []float32{1}),
		Int64Tensor("vocab_rows", []int64{1}, []int64{int64(p.Vocab)}),
		FloatTensor("zero_row", []int64{1, d}, make([]float32, d)),
		FloatTensor("zero_one", []int64{1, 1}, []float32{0}),
		FloatTensor("known_eps", []int64{1}, []float32{nn.KnownEps}),
		FloatTensor("conf_w", []int64{nn.ConfFeatures, 1}, p.Conf[:nn.ConfFeatures]),
		FloatTensor("conf_b", []int64{1}, p.Conf[nn.ConfFeatures:]),
		Int64Tensor("shape_batch", []int64{1}, []int64{-1}),
		Int64Tensor("shape_groups", []int64{3}, []int64{-1, int64(p.Groups), int64(p.GroupSize)}),
		Int64Tensor("shape_flat", []int64{2}, []int64{-1, int64(p.Dim())}),
	)
	node := func(op string, in []string, out string, attrs ...Attr) {
		g.Nodes = append(g.Nodes, Node{Op: op, Name: out, Inputs: in, Outputs: []string{out}, Attrs: attrs})
	}
	node("Gather", []string{"embed", encoder.InputIDs}, "rows16")
	node("Cast", []string{"rows16"}, "rows", IntAttr("to", int64(Float)))
	node("Gather", []string{"weight", encoder.InputIDs}, "w")        // [N, 1]
	node("Gather", []string{"known_weight", encoder.InputIDs}, "kw") // [N, 1]
	node("Gather", []string{"word_row", encoder.InputIDs}, "wd")     // [N, 1]
	node("Gather", []string{"unseen_word_row", encoder.InputIDs}, "uwd")
	node("Mul", []string{"rows", "w"}, "wrows")
	node("Mul", []string{encoder.InputBatch, "zero_row"}, "zeros") // [B, D] zeros, B from the input
	node("Mul", []string{encoder.InputBatch, "zero_one"}, "zeros1")
	node("ScatterND", []string{"zeros", encoder.InputSegments, "wrows"}, "sums", StrAttr("reduction", "add"))
	node("ScatterND", []string{"zeros1", encoder.InputSegments, "w"}, "mass", StrAttr("reduction", "add"))
	node("ScatterND", []string{"zeros1", encoder.InputSegments, "kw"}, "known", StrAttr("reduction", "add"))
	node("ScatterND", []string{"zeros1", encoder.InputSegments, "wd"}, "words", StrAttr("reduction", "add"))
	node("ScatterND", []string{"zeros1", encoder.InputSegments, "uwd"}, "unseen_words", StrAttr("reduction", "add"))
	node("Mul", []string{"wd", "zero_one"}, "wd0")
	node("Add", []string{"wd0", "one"}, "ones_n") // [N, 1] ones
	node("ScatterND", []string{"zeros1", encoder.InputSegments, "ones_n"}, "count", StrAttr("reduction", "add"))
	node("Div", []string{"sums", "mass"}, "h0")
	h := "h0"
	for l := range p.W {
		in, out := p.LayerShape(l)
		w, b := fmt.Sprintf("W%d", l), fmt.Sprintf("B%d", l)
		g.Initializers = append(g.Initializers,
			FloatTensor(w, []int64{int64(in), int64(out)}, p.W[l]),
			FloatTensor(b, []int64{int64(out)}, p.B[l]))
		node("MatMul", []string{h, w}, fmt.Sprintf("mm%d", l))
		node("Add", []string{fmt.Sprintf("mm%d", l), b}, fmt.Sprintf("z%d", l))
		h = fmt.Sprintf("z%d", l)
		if l+1 < len(p.W) {
			node("Relu", []string{h}, fmt.Sprintf("h%d", l+1))
			h = fmt.Sprintf("h%d", l+1)
		}
	}
	out := "probs"
	if p.Linear {
		// A linear head has no groups: the vector is the normalised logits
		// and the peakedness input of the confidence head is zero.
		g.Initializers = append(g.Initializers, Int64Tensor("head_linear", []int64{1}, []int64{1}))
		out = h
		node("Mul", []string{"zeros1", "one"}, "peak")
	} else {
		node("Reshape", []string{h, "shape_groups"}, "logits3")
		node("Softmax", []string{"logits3"}, "probs3", IntAttr("axis", -1))
		node("ReduceMax", []string{"probs3"}, "group_max", IntsAttr("axes", -1), IntAttr("keepdims", 0))
		node("ReduceMean", []string{"group_max"}, "peak", IntsAttr("axes", -1), IntAttr("keepdims", 1))
		node("Reshape", []string{"probs3", "shape_flat"}, "probs")
	}
	node("Div", []string{"known", "mass"}, "share")
	node("Div", []string{"known", "count"}, "known_per_feature")
	node("Add", []string{"known_per_feature", "known_eps"}, "known_eps_sum")
	node("Log", []string{"known_eps_sum"}, "log_known")
	node("Add", []string{"words", "unseen_words"}, "all_words")
	node("Max", []string{"all_words", "one"}, "all_words1")
	node("Div", []string{"words", "all_words1"}, "word_share")
	g.Nodes = append(g.Nodes, Node{Op: "Concat", Name: "conf_in", Inputs: []string{"share", "log_known", "peak", "word_share"},
		Outputs: []string{"conf_in"}, Attrs: []Attr{IntAttr("axis", 1)}})
	node("MatMul", []string{"conf_in", "conf_w"}, "conf_mm")
	node("Add", []string{"conf_mm", "conf_b"}, "conf_z")
	node("Sigmoid", []string{"conf_z"}, "conf2")
	node("Reshape", []string{"conf2", "shape_batch"}, encoder.OutputConfidence)
	node("LpNormalization", []string{out}, encoder.OutputEmbedding, IntAttr("axis", -1), IntAttr("p", 2))

	g.Inputs = []ValueInfo{
		{Name: encoder.InputIDs, Type: Int64, Dims: []int64{-1}, DimNames: []string{"n"}},
		{Name: encoder.InputSegments, Type: Int64, Dims: []int64{-1, 1}, DimNames: []string{"n", ""}},
		{Name: encoder.InputBatch, Type: Float, Dims: []int64{-1, 1}, DimNames: []string{"batch", ""}},
	}
	g.Outputs = []ValueInfo{
		{Name: encoder.OutputEmbedding, Type: Float, Dims: []int64{-1, int64(p.Dim())}, DimNames: []string{"batch", ""}},
		{Name: encoder.OutputConfidence, Type: Float, Dims: []int64{-1}, DimNames: []string{"batch"}},
	}
	return &Model{IRVersion: 8, Opset: Opset, Producer: "jobmatch", Graph: g}
}

// LoadParams rebuilds the network from a model written by EncoderModel, with
// the embedding widened from float16: exactly the weights ONNX Runtime uses.
func LoadParams(model []byte) (*nn.Params, error) {
	inits, err := ReadInitializers(model)
	if err != nil {
		return nil, err
	}
	emb, ok := inits["embed"]
	shape, ok2 := inits["shape_groups"]
	vocab, ok3 := inits["vocab_rows"]
	weight, ok4 := inits["weight"]
	if !ok || !ok2 || !ok3 || !ok4 || len(emb.Dims) != 2 || len(shape.Raw) != 24 || len(vocab.Raw) != 8 {
		return nil, fmt.Errorf("onnx: not a title encoder model (embed, weight, vocab_rows or shape_groups missing)")
	}
	v := int(int64(binary.LittleEndian.Uint64(vocab.Raw)))
	cfg := encoder.Network{
		Vocab:     v,
		EmbedDim:  int(emb.Dims[1]),
		Groups:    int(int64(binary.LittleEndian.Uint64(shape.Raw[8:]))),
		GroupSize: int(int64(binary.LittleEndian.Uint64(shape.Raw[16:]))),
		Fallback:  int(emb.Dims[0]) - v,
	}
	_, cfg.Linear = inits["head_linear"]
	p := &nn.Params{Network: cfg}
	if p.Embed, err = floats(emb); err != nil {
		return nil, err
	}
	wf, err := floats(weight)
	if err != nil {
		return nil, err
	}
	if len(wf) != cfg.Rows() {
		return nil, fmt.Errorf("onnx: %d pooling weights for %d rows", len(wf), cfg.Rows())
	}
	p.Logit = make([]float32, v+1)
	for i := range p.Logit {
		if i < len(wf) {
			p.Logit[i] = float32(math.Log(float64(wf[i])))
		}
	}
	if wr, ok := inits["word_row"]; ok {
		wf, err := floats(wr)
		if err != nil {
			return nil, err
		}
		p.WordRow = make([]bool, v)
		for i := range p.WordRow {
			p.WordRow[i] = wf[i] != 0
		}
	}
	cw, cb := inits["conf_w"], inits["conf_b"]
	cwf, err := floats(cw)
	if err != nil {
		return nil, err
	}
	cbf, err := floats(cb)
	if err != nil || len(cwf) != nn.ConfFeatures || len(cbf) != 1 {
		return nil, fmt.Errorf("onnx: confidence head missing or misshapen")
	}
	copy(p.Conf[:], append(cwf, cbf...))
	for l := 0; ; l++ {
		w, ok := inits[fmt.Sprintf("W%d", l)]
		if !ok {
			break
		}
		b := inits[fmt.Sprintf("B%d", l)]
		wf, err := floats(w)
		if err != nil {
			return nil, err
		}
		bf, err := floats(b)
		if err != nil {
			return nil, err
		}
		p.W, p.B = append(p.W, wf), append(p.B, bf)
		if l > 0 || len(w.Dims) == 2 {
			cfg.Hidden = append(cfg.Hidden, int(w.Dims[1]))
		}
	}
	if len(p.W) == 0 {
		return nil, fmt.Errorf("onnx: model has no dense layers")
	}
	cfg.Hidden = cfg.Hidden[:len(cfg.Hidden)-1] // the last layer is the output
	p.Network = cfg
	return p, p.Validate()
}

func floats(t Tensor) ([]float32, error) {
	switch t.Type {
	case Float:
		out := make([]float32, len(t.Raw)/4)
		for i := range out {
			out[i] = math.Float32frombits(binary.LittleEndian.Uint32(t.Raw[4*i:]))
		}
		return out, nil
	case Float16:
		out := make([]float32, len(t.Raw)/2)
		for i := range out {
			out[i] = half.ToFloat32(binary.LittleEndian.Uint16(t.Raw[2*i:]))
		}
		return out, nil
	}
	return nil, fmt.Errorf("onnx: tensor %s has type %d, want float or float16", t.Name, t.Type)
}
