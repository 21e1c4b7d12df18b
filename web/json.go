package web

import (
	"bytes"
	"encoding/json"
	"strconv"
	"sync"

	"github.com/labstack/echo/v4"
)

// jsonSerializer is echo's JSON serializer, except that a response is
// encoded into a pooled buffer and sent with a Content-Length in one write:
// echo's default streams the encoder's output into the response, so a page
// of matches went out chunked, in several writes and system calls. Decoding
// is echo's.
type jsonSerializer struct {
	echo.DefaultJSONSerializer
}

var jsonBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledJSON keeps an occasional huge response from pinning its buffer.
const maxPooledJSON = 1 << 20

// putJSONBuffer returns buf to the pool, emptied.
func putJSONBuffer(buf *bytes.Buffer) {
	if buf.Cap() <= maxPooledJSON {
		buf.Reset()
		jsonBuffers.Put(buf)
	}
}

// jsonBytes takes a pooled buffer for appending JSON by hand: b is its free
// storage, empty. Return both with putJSONBytes.
func jsonBytes() (buf *bytes.Buffer, b []byte) {
	buf = jsonBuffers.Get().(*bytes.Buffer)
	return buf, buf.AvailableBuffer()[:0]
}

// putJSONBytes returns buf to the pool with b's storage when b outgrew it,
// so the next response starts with room enough.
func putJSONBytes(buf *bytes.Buffer, b []byte) {
	if cap(b) > buf.Cap() {
		*buf = *bytes.NewBuffer(b[:0])
	}
	putJSONBuffer(buf)
}

func (jsonSerializer) Serialize(c echo.Context, i any, indent string) error {
	buf := jsonBuffers.Get().(*bytes.Buffer)
	defer putJSONBuffer(buf)
	enc := json.NewEncoder(buf)
	if indent != "" {
		enc.SetIndent("", indent)
	}
	if err := enc.Encode(i); err != nil {
		return err
	}
	resp := c.Response()
	resp.Header().Set(echo.HeaderContentLength, strconv.Itoa(buf.Len()))
	_, err := resp.Write(buf.Bytes())
	return err
}
