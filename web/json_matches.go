package web

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"jobmatch/matching"
	"jobmatch/matching/engine"
)

// Match responses are the API's hot path, so they are written by hand, byte
// for byte what encoding/json writes for the same structs
// (TestMatchJSONEqualsEncodingJSON checks); ?pretty keeps encoding/json.
// Kept by hand because BenchmarkMatchJSON shows it matters for both kinds of
// page (docs/matching.md). The JSON of each vacancy, which is public and the
// same for every viewer, is kept per vacancy version. Candidate records are
// encoded each time: they are personal data, and a copy kept here would
// outlive an erasure.

// vacancyJSON keeps the encoded apiVacancy of recently shown vacancies. An
// entry is valid for one version of the row (its UpdatedAt), so an edit
// simply makes the next lookup re-encode.
type vacancyJSON struct {
	mu  sync.Mutex
	m   map[int64]encodedVacancy
	max int
}

type encodedVacancy struct {
	updated time.Time
	b       []byte
}

// vacancyJSONMax bounds the cache's memory, in vacancies.
const vacancyJSONMax = 100000

func newVacancyJSON(max int) *vacancyJSON {
	return &vacancyJSON{m: make(map[int64]encodedVacancy), max: max}
}

// get returns the JSON of v (without a trailing newline).
func (c *vacancyJSON) get(v matching.Vacancy) ([]byte, error) {
	c.mu.Lock()
	e, ok := c.m[v.ID]
	c.mu.Unlock()
	if ok && e.updated.Equal(v.UpdatedAt) {
		return e.b, nil
	}
	b, err := json.Marshal(toAPIVacancy(v))
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if len(c.m) >= c.max {
		clear(c.m) // rare: starting over costs one encoding per vacancy
	}
	c.m[v.ID] = encodedVacancy{updated: v.UpdatedAt, b: b}
	c.mu.Unlock()
	return b, nil
}

// sendMatches writes a match response: the summary, then items, each the
// record's JSON (a field named key) followed by the match's fields. A
// ?pretty request takes echo's indenting encoder instead.
func sendMatches(c echo.Context, sum engine.Summary, key string, records [][]byte, matches []engine.Match, slow func() any) error {
	if _, pretty := c.QueryParams()["pretty"]; pretty {
		return c.JSON(http.StatusOK, slow())
	}
	buf, b := jsonBytes()
	b, err := appendMatches(b, sum, key, records, matches)
	defer func() { putJSONBytes(buf, b) }()
	if err != nil {
		return err
	}
	b = append(b, '\n')
	c.Response().Header().Set(echo.HeaderContentLength, strconv.Itoa(len(b)))
	return c.Blob(http.StatusOK, echo.MIMEApplicationJSON, b)
}

func appendMatches(b []byte, sum engine.Summary, key string, records [][]byte, matches []engine.Match) ([]byte, error) {
	head, err := json.Marshal(toAPISummary(sum))
	if err != nil {
		return nil, err
	}
	b = append(b, head[:len(head)-1]...) // the summary's fields, without its closing brace
	b = append(b, `,"items":[`...)
	var scratch [256]byte
	for i, m := range matches {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"`...)
		b = append(b, key...)
		b = append(b, `":`...)
		b = append(b, records[i]...)
		b = append(b, `,"similarity":`...)
		b = appendJSONFloat32(b, m.Similarity)
		b = append(b, `,"score":`...)
		b = appendJSONFloat32(b, m.Score)
		b = append(b, `,"band":`...)
		b = appendJSONString(b, string(m.Band))
		b = append(b, `,"reasons":`...)
		if m.Reasons == nil {
			b = append(b, "null"...)
		} else {
			b = append(b, '[')
			for j, r := range m.Reasons {
				if j > 0 {
					b = append(b, ',')
				}
				b = appendJSONString(b, r)
			}
			b = append(b, ']')
		}
		b = append(b, `,"explanation":`...)
		b = appendJSONString(b, string(appendExplanation(scratch[:0], m)))
		b = append(b, '}')
	}
	return append(b, "]}"...), nil
}

// appendCandidateJSON appends c as encoding/json writes it. Candidates are
// not cached (see above), so this is done per shown candidate.
func appendCandidateJSON(b []byte, c apiCandidate) ([]byte, error) {
	b = append(b, `{"id":`...)
	b = strconv.AppendInt(b, c.ID, 10)
	b = append(b, `,"name":`...)
	b = appendJSONString(b, c.Name)
	b = append(b, `,"email":`...)
	b = appendJSONString(b, c.Email)
	b = append(b, `,"desired_title":`...)
	b = appendJSONString(b, c.DesiredTitle)
	b = append(b, `,"location":{"city":`...)
	b = appendJSONString(b, c.Location.City)
	b = append(b, `,"country":`...)
	b = appendJSONString(b, string(c.Location.Country))
	b = append(b, `,"latitude":`...)
	b = appendJSONFloat(b, c.Location.Latitude, 64)
	b = append(b, `,"longitude":`...)
	b = appendJSONFloat(b, c.Location.Longitude, 64)
	b = append(b, `},"open_to_remote":`...)
	b = strconv.AppendBool(b, c.OpenToRemote)
	b = append(b, `,"languages":`...)
	if c.Languages == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, l := range c.Languages {
			if !l.Level.Valid() {
				return nil, fmt.Errorf("candidate %d: invalid CEFR level %d", c.ID, uint8(l.Level))
			}
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"code":`...)
			b = appendJSONString(b, string(l.Code))
			b = append(b, `,"level":`...)
			b = appendJSONString(b, l.Level.String())
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	b = append(b, `,"searchable":`...)
	b = strconv.AppendBool(b, c.Searchable)
	var err error
	b = append(b, `,"created_at":`...)
	if b, err = appendJSONTime(b, c.CreatedAt); err != nil {
		return nil, err
	}
	b = append(b, `,"updated_at":`...)
	if b, err = appendJSONTime(b, c.UpdatedAt); err != nil {
		return nil, err
	}
	return append(b, '}'), nil
}

// appendJSONTime writes t as time.Time.MarshalJSON does.
func appendJSONTime(b []byte, t time.Time) ([]byte, error) {
	if y := t.Year(); y < 0 || y > 9999 {
		return nil, fmt.Errorf("time %v: year outside of range [0,9999]", t)
	}
	b = append(b, '"')
	b = t.AppendFormat(b, time.RFC3339Nano)
	return append(b, '"'), nil
}

// appendExplanation appends explanation(m) without formatting through fmt.
func appendExplanation(b []byte, m engine.Match) []byte {
	b = append(b, "similarity "...)
	b = strconv.AppendFloat(b, float64(m.Similarity), 'f', 2, 32)
	b = append(b, " ("...)
	b = append(b, m.Band...)
	b = append(b, ')')
	for _, r := range m.Reasons {
		b = append(b, " · "...)
		b = append(b, r...)
	}
	return b
}

// appendJSONFloat32 formats f as encoding/json does for a float32.
func appendJSONFloat32(b []byte, f float32) []byte { return appendJSONFloat(b, float64(f), 32) }

// appendJSONFloat formats x, a float of the given bits, as encoding/json
// does.
func appendJSONFloat(b []byte, x float64, bits int) []byte {
	if math.IsInf(x, 0) || math.IsNaN(x) {
		return append(b, "null"...) // encoding/json refuses these; ours are finite
	}
	abs := math.Abs(x)
	format := byte('f')
	if abs != 0 && (bits == 64 && (abs < 1e-6 || abs >= 1e21) || bits == 32 && (float32(abs) < 1e-6 || float32(abs) >= 1e21)) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, x, format, -1, bits)
	if format == 'e' {
		// clean up e-09 to e-9, as encoding/json does
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

const hexDigits = "0123456789abcdef"

// appendJSONString quotes s as encoding/json does by default: HTML-safe
// (<, >, & escaped), U+2028 and U+2029 escaped, invalid UTF-8 replaced by
// U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
