package matching

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// maxJSONDepth bounds how deeply a request body may nest arrays and objects;
// no input of jobmatch nests more than three levels.
const maxJSONDepth = 32

// CheckJSON applies CheckText to every key and string of a JSON document
// before it is decoded, and refuses keys given twice in one object (the
// decoder would silently keep the last). It works on the raw bytes because
// encoding/json replaces invalid UTF-8 and lone surrogate escapes with U+FFFD,
// which would store a changed text without a word. Fields are named by their
// path, e.g. "location.city" or "languages[1].code". Syntax errors are left
// to the decoder, which explains them; CheckJSON returns nil for them.
func CheckJSON(raw []byte) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	type frame struct {
		object  bool
		wantKey bool // object: the next string is a key
		keys    map[string]bool
		key     string // object: the key whose value comes next
		index   int    // array: index of the next element
	}
	var stack []*frame
	path := func() string {
		p := ""
		for _, f := range stack {
			switch {
			case !f.object:
				p += "[" + strconv.Itoa(f.index) + "]"
			case !f.wantKey:
				p = joinField(p, f.key)
			}
		}
		return p
	}
	// value is called after each value; it advances the enclosing container.
	value := func() {
		if len(stack) == 0 {
			return
		}
		if top := stack[len(stack)-1]; top.object {
			top.wantKey = true
		} else {
			top.index++
		}
	}
	for {
		start := dec.InputOffset()
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if !utf8.Valid(raw) {
				return &FieldError{Field: "", Message: "the body is not valid UTF-8 text; send it UTF-8 encoded"}
			}
			return nil
		}
		text := raw[start:dec.InputOffset()]
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{', '[':
				if len(stack) == maxJSONDepth {
					return &FieldError{Field: path(), Message: "the JSON nests too deeply"}
				}
				stack = append(stack, &frame{object: t == '{', wantKey: t == '{'})
			default:
				stack = stack[:len(stack)-1]
				value()
			}
		case string:
			if top != nil && top.wantKey {
				field := joinField(path(), t)
				if err := checkJSONString(field, text, t); err != nil {
					return err
				}
				if top.keys == nil {
					top.keys = map[string]bool{}
				}
				if top.keys[t] {
					return &FieldError{Field: field, Message: FieldLabel(field) + " is given twice; send each field once"}
				}
				top.keys[t], top.key, top.wantKey = true, t, false
				continue
			}
			if err := checkJSONString(path(), text, t); err != nil {
				return err
			}
			value()
		default:
			value()
		}
	}
	return nil
}

// joinField names key inside the field path p.
func joinField(p, key string) string {
	if p == "" {
		return key
	}
	return p + "." + key
}

// checkJSONString checks a decoded string s against the raw bytes text it
// was read from: a U+FFFD that the decoder made up means the text was not
// valid.
func checkJSONString(field string, text []byte, s string) error {
	if !utf8.Valid(text) || strings.Count(s, "\uFFFD") > bytes.Count(text, []byte("\uFFFD"))+countFoldEscapes(text) {
		return &FieldError{Field: field, Message: FieldLabel(field) + " is not valid UTF-8 text (or holds a lone surrogate escape); send it UTF-8 encoded"}
	}
	return CheckText(field, s)
}

// countFoldEscapes counts the escapes \uFFFD in text, in either case.
func countFoldEscapes(text []byte) int {
	return bytes.Count(bytes.ToLower(text), []byte(`\ufffd`))
}
