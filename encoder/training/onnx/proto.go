// Package onnx writes and reads the small subset of the ONNX protobuf format
// the title encoder needs, with protowire instead of generated code: the
// generated ONNX types are not importable from the usual Go modules, and the
// alternatives pull in dozens of packages for a few hundred lines of work.
// Field numbers follow onnx/onnx.proto (IR version 8).
package onnx

import (
	"encoding/binary"
	"math"

	"jobmatch/internal/half"

	"google.golang.org/protobuf/encoding/protowire"
)

// Tensor element types (TensorProto.DataType).
const (
	Float   int32 = 1
	Int32   int32 = 6
	Int64   int32 = 7
	Float16 int32 = 10
)

// Model is an ONNX model: one graph and the default-domain opset it uses.
type Model struct {
	IRVersion int64
	Opset     int64
	Producer  string
	Graph     Graph
}

// Graph is a computation graph; nodes must be in topological order.
type Graph struct {
	Name         string
	Nodes        []Node
	Initializers []Tensor
	Inputs       []ValueInfo
	Outputs      []ValueInfo
}

// Node is one operator application.
type Node struct {
	Op      string
	Name    string
	Inputs  []string
	Outputs []string
	Attrs   []Attr
}

// Attr is a node attribute; set exactly one of the value fields.
type Attr struct {
	Name  string
	Int   *int64
	Float *float32
	Str   string
	Ints  []int64
}

// IntAttr and the other constructors keep graph-building code short.
func IntAttr(name string, v int64) Attr { return Attr{Name: name, Int: &v} }

// IntsAttr is an attribute holding a list of integers.
func IntsAttr(name string, v ...int64) Attr { return Attr{Name: name, Ints: v} }

// StrAttr is a string attribute.
func StrAttr(name, v string) Attr { return Attr{Name: name, Str: v} }

// Tensor is a named constant stored as raw little-endian bytes.
type Tensor struct {
	Name string
	Type int32
	Dims []int64
	Raw  []byte
}

// FloatTensor builds a float32 tensor.
func FloatTensor(name string, dims []int64, v []float32) Tensor {
	raw := make([]byte, 4*len(v))
	for i, x := range v {
		binary.LittleEndian.PutUint32(raw[4*i:], math.Float32bits(x))
	}
	return Tensor{Name: name, Type: Float, Dims: dims, Raw: raw}
}

// Float16Tensor builds a float16 tensor, rounding each value to nearest.
func Float16Tensor(name string, dims []int64, v []float32) Tensor {
	raw := make([]byte, 2*len(v))
	for i, x := range v {
		binary.LittleEndian.PutUint16(raw[2*i:], half.FromFloat32(x))
	}
	return Tensor{Name: name, Type: Float16, Dims: dims, Raw: raw}
}

// Int64Tensor builds an int64 tensor.
func Int64Tensor(name string, dims []int64, v []int64) Tensor {
	raw := make([]byte, 8*len(v))
	for i, x := range v {
		binary.LittleEndian.PutUint64(raw[8*i:], uint64(x))
	}
	return Tensor{Name: name, Type: Int64, Dims: dims, Raw: raw}
}

// ValueInfo declares a graph input or output. A Dim of -1 is dynamic and
// named by the matching entry of DimNames.
type ValueInfo struct {
	Name     string
	Type     int32
	Dims     []int64
	DimNames []string
}

// Marshal encodes the model as ONNX protobuf bytes.
func (m *Model) Marshal() []byte {
	var b []byte
	b = protowire.AppendTag(b, 1, protowire.VarintType) // ir_version
	b = protowire.AppendVarint(b, uint64(m.IRVersion))
	b = appendString(b, 2, m.Producer) // producer_name
	b = appendMessage(b, 7, m.Graph.marshal())
	var op []byte
	op = appendString(op, 1, "") // default domain
	op = protowire.AppendTag(op, 2, protowire.VarintType)
	op = protowire.AppendVarint(op, uint64(m.Opset))
	return appendMessage(b, 8, op)
}

func (g *Graph) marshal() []byte {
	var b []byte
	for _, n := range g.Nodes {
		b = appendMessage(b, 1, n.marshal())
	}
	b = appendString(b, 2, g.Name)
	for _, t := range g.Initializers {
		b = appendMessage(b, 5, t.marshal())
	}
	for _, v := range g.Inputs {
		b = appendMessage(b, 11, v.marshal())
	}
	for _, v := range g.Outputs {
		b = appendMessage(b, 12, v.marshal())
	}
	return b
}

func (n *Node) marshal() []byte {
	var b []byte
	for _, s := range n.Inputs {
		b = appendString(b, 1, s)
	}
	for _, s := range n.Outputs {
		b = appendString(b, 2, s)
	}
	b = appendString(b, 3, n.Name)
	b = appendString(b, 4, n.Op)
	for _, a := range n.Attrs {
		b = appendMessage(b, 5, a.marshal())
	}
	return b
}

// AttributeProto.AttributeType values.
const (
	attrFloat  = 1
	attrInt    = 2
	attrString = 3
	attrInts   = 7
)

func (a *Attr) marshal() []byte {
	var b []byte
	b = appendString(b, 1, a.Name)
	var typ uint64
	switch {
	case a.Float != nil:
		b = protowire.AppendTag(b, 2, protowire.Fixed32Type)
		b = protowire.AppendFixed32(b, math.Float32bits(*a.Float))
		typ = attrFloat
	case a.Int != nil:
		b = protowire.AppendTag(b, 3, protowire.VarintType)
		b = protowire.AppendVarint(b, uint64(*a.Int))
		typ = attrInt
	case a.Ints != nil:
		var packed []byte
		for _, v := range a.Ints {
			packed = protowire.AppendVarint(packed, uint64(v))
		}
		b = appendMessage(b, 8, packed)
		typ = attrInts
	default:
		b = appendString(b, 4, a.Str)
		typ = attrString
	}
	b = protowire.AppendTag(b, 20, protowire.VarintType)
	return protowire.AppendVarint(b, typ)
}

func (t *Tensor) marshal() []byte {
	var b []byte
	if len(t.Dims) > 0 {
		var packed []byte
		for _, d := range t.Dims {
			packed = protowire.AppendVarint(packed, uint64(d))
		}
		b = appendMessage(b, 1, packed)
	}
	b = protowire.AppendTag(b, 2, protowire.VarintType)
	b = protowire.AppendVarint(b, uint64(t.Type))
	b = appendString(b, 8, t.Name)
	b = protowire.AppendTag(b, 9, protowire.BytesType)
	return protowire.AppendBytes(b, t.Raw)
}

func (v *ValueInfo) marshal() []byte {
	var shape []byte
	for i, d := range v.Dims {
		var dim []byte
		if d < 0 {
			dim = appendString(dim, 2, v.DimNames[i])
		} else {
			dim = protowire.AppendTag(dim, 1, protowire.VarintType)
			dim = protowire.AppendVarint(dim, uint64(d))
		}
		shape = appendMessage(shape, 1, dim)
	}
	var tensor []byte
	tensor = protowire.AppendTag(tensor, 1, protowire.VarintType)
	tensor = protowire.AppendVarint(tensor, uint64(v.Type))
	tensor = appendMessage(tensor, 2, shape)
	var typ []byte
	typ = appendMessage(typ, 1, tensor)
	var b []byte
	b = appendString(b, 1, v.Name)
	return appendMessage(b, 2, typ)
}

func appendString(b []byte, num protowire.Number, s string) []byte {
	if s == "" {
		return b
	}
	b = protowire.AppendTag(b, num, protowire.BytesType)
	return protowire.AppendString(b, s)
}

func appendMessage(b []byte, num protowire.Number, msg []byte) []byte {
	b = protowire.AppendTag(b, num, protowire.BytesType)
	return protowire.AppendBytes(b, msg)
}
