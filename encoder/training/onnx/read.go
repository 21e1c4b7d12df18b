package onnx

import (
	"fmt"

	"google.golang.org/protobuf/encoding/protowire"
)

// ReadInitializers returns the graph initializers of an ONNX model, keyed by
// name. It understands the raw_data layout this package writes, which is all
// the Go side needs to rebuild the network for parity checks.
func ReadInitializers(model []byte) (map[string]Tensor, error) {
	graph, err := field(model, 7)
	if err != nil {
		return nil, fmt.Errorf("onnx: model: %w", err)
	}
	if graph == nil {
		return nil, fmt.Errorf("onnx: model has no graph")
	}
	out := map[string]Tensor{}
	err = each(graph, func(num protowire.Number, typ protowire.Type, v []byte, _ uint64) error {
		if num != 5 || typ != protowire.BytesType {
			return nil
		}
		var t Tensor
		err := each(v, func(num protowire.Number, typ protowire.Type, v []byte, x uint64) error {
			switch {
			case num == 1 && typ == protowire.BytesType: // packed dims
				for len(v) > 0 {
					d, n := protowire.ConsumeVarint(v)
					if n < 0 {
						return protowire.ParseError(n)
					}
					t.Dims = append(t.Dims, int64(d))
					v = v[n:]
				}
			case num == 1 && typ == protowire.VarintType:
				t.Dims = append(t.Dims, int64(x))
			case num == 2:
				t.Type = int32(x)
			case num == 8:
				t.Name = string(v)
			case num == 9:
				t.Raw = v
			}
			return nil
		})
		if err != nil {
			return err
		}
		out[t.Name] = t
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("onnx: graph: %w", err)
	}
	return out, nil
}

// field returns the last occurrence of a length-delimited field.
func field(msg []byte, want protowire.Number) ([]byte, error) {
	var found []byte
	err := each(msg, func(num protowire.Number, typ protowire.Type, v []byte, _ uint64) error {
		if num == want && typ == protowire.BytesType {
			found = v
		}
		return nil
	})
	return found, err
}

// each calls fn for every field of msg: v holds a length-delimited value,
// x a varint or fixed value.
func each(msg []byte, fn func(protowire.Number, protowire.Type, []byte, uint64) error) error {
	for len(msg) > 0 {
		num, typ, n := protowire.ConsumeTag(msg)
		if n < 0 {
			return protowire.ParseError(n)
		}
		msg = msg[n:]
		var v []byte
		var x uint64
		switch typ {
		case protowire.VarintType:
			x, n = protowire.ConsumeVarint(msg)
		case protowire.Fixed32Type:
			var f uint32
			f, n = protowire.ConsumeFixed32(msg)
			x = uint64(f)
		case protowire.Fixed64Type:
			x, n = protowire.ConsumeFixed64(msg)
		case protowire.BytesType:
			v, n = protowire.ConsumeBytes(msg)
		default:
			n = protowire.ConsumeFieldValue(num, typ, msg)
		}
		if n < 0 {
			return protowire.ParseError(n)
		}
		msg = msg[n:]
		if err := fn(num, typ, v, x); err != nil {
			return err
		}
	}
	return nil
}
