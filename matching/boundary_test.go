package matching

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestCheckTextRefusesWhatPostgresOrReadersCannotTake(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		ok       bool
	}{
		{"plain text passes", "Sr. Golang Dev", true},
		{"umlauts and emoji pass", "Pflegefachkraft für 🏥", true},
		{"tab, newline and carriage return pass", "a\tb\r\nc", true},
		{"an encoded U+FFFD passes", "a\uFFFDb", true},
		{"NUL is refused", "Nul\x00Dev", false},
		{"another C0 control is refused", "bell\x07", false},
		{"DEL is refused", "del\x7f", false},
		{"a C1 control is refused", "c1\u0085", false},
		{"invalid UTF-8 is refused", "Go\xffDev", false},
		{"a truncated sequence is refused", "caf\xc3", false},
		{"more than MaxTextLen characters is refused", strings.Repeat("é", MaxTextLen+1), false},
		{"exactly MaxTextLen characters pass", strings.Repeat("é", MaxTextLen), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckText("title", tc.in)
			if (err == nil) != tc.ok {
				t.Fatalf("CheckText(%q) = %v, want ok=%v", tc.in, err, tc.ok)
			}
			if err != nil {
				fe, isField := err.(*FieldError)
				if !isField || fe.Field != "title" || !strings.Contains(fe.Message, "title") {
					t.Errorf("error %#v does not name the field", err)
				}
			}
		})
	}
}

func TestCheckValuesNamesTheFieldEvenWhenTheNameIsBad(t *testing.T) {
	err := CheckValues(map[string][]string{"city": {"Berlin"}, "title": {"a\x00b"}})
	if fe, ok := err.(*FieldError); !ok || fe.Field != "title" {
		t.Fatalf("err = %v, want title named", err)
	}
	err = CheckValues(map[string][]string{"ti\xfftle": {"x"}})
	fe, ok := err.(*FieldError)
	if !ok || !utf8.ValidString(fe.Field) || !utf8.ValidString(fe.Message) {
		t.Fatalf("err = %#v, want a printable field name", err)
	}
}

func TestCheckJSON(t *testing.T) {
	for _, tc := range []struct {
		name, body, field string
		ok                bool
	}{
		{"a clean object passes", `{"title":"Go Dev","location":{"city":"Berlin"},"languages":[{"code":"de"}]}`, "", true},
		{"escaped U+FFFD passes", `{"title":"a\ufffdb"}`, "", true},
		{"an escaped NUL is refused", `{"title":"Nul\u0000Dev"}`, "title", false},
		{"raw invalid UTF-8 is refused", "{\"title\":\"Bad \xff\xfe UTF8 Dev\"}", "title", false},
		{"a lone surrogate escape is refused", `{"title":"a\ud800b"}`, "title", false},
		{"a nested field is named by its path", `{"location":{"city":"a\u0001b"}}`, "location.city", false},
		{"an array element is named by its index", `{"languages":[{"code":"de"},{"code":"e\u0000n"}]}`, "languages[1].code", false},
		{"a duplicate key is refused", `{"title":"a","title":"b"}`, "title", false},
		{"a bad key is refused", `{"ti\u0000tle":1}`, "", false},
		{"an empty key is just a key", `{"":"x","a":"y"}`, "", true},
		{"syntax errors are left to the decoder", `{"title":`, "", true},
		{"deep nesting is refused", strings.Repeat("[", 100) + strings.Repeat("]", 100), "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckJSON([]byte(tc.body))
			if (err == nil) != tc.ok {
				t.Fatalf("CheckJSON(%q) = %v, want ok=%v", tc.body, err, tc.ok)
			}
			if fe, isField := err.(*FieldError); tc.field != "" && (!isField || fe.Field != tc.field) {
				t.Errorf("err = %v, want field %q", err, tc.field)
			}
		})
	}
}

// FuzzInputBoundary checks the input boundary's promise on arbitrary text:
// what CheckText accepts is valid UTF-8 without control characters other
// than tab, line feed and carriage return, a vacancy built from it either
// fails naming the field or stores text Postgres takes, and CheckJSON lets
// no string through that CheckText would refuse. Its seeds run with every
// go test; go test -fuzz=FuzzInputBoundary ./matching explores further.
func FuzzInputBoundary(f *testing.F) {
	for _, s := range []string{"Go Dev", "Nul\x00Dev", "Go\xffDev", "a\tb", "\u0085", "\ufffd", `{"title":"x"}`,
		`{"title":"a\u0000"}`, `{"title":"\ud800"}`, "{\"title\":\"\xff\"}", `{"a":1,"a":2}`, strings.Repeat("x", 300)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		err := CheckText("title", s)
		want := utf8.ValidString(s) && utf8.RuneCountInString(s) <= MaxTextLen &&
			strings.IndexFunc(s, func(r rune) bool { return unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r' }) < 0
		if (err == nil) != want {
			t.Fatalf("CheckText(%q) = %v, want ok=%v", s, err, want)
		}
		v, verr := VacancyInput{Title: s, Employer: "Acme", Remote: true}.Vacancy()
		if verr == nil {
			if CheckText("title", v.Title) != nil || strings.ContainsAny(v.Title, "\x00\t\n\r") || utf8.RuneCountInString(v.Title) > MaxTitleLen {
				t.Fatalf("Vacancy accepted title %q", v.Title)
			}
		} else if ve, _ := AsValidation(verr); ve.For("title") == "" {
			t.Fatalf("Vacancy refused %q without naming title: %v", s, verr)
		}
		if CheckJSON([]byte(s)) == nil {
			var doc any
			if json.Unmarshal([]byte(s), &doc) == nil {
				walkStrings(doc, func(str string) {
					if err := CheckText("x", str); err != nil {
						t.Fatalf("CheckJSON passed %q, holding %q: %v", s, str, err)
					}
				})
			}
		}
	})
}

func walkStrings(v any, fn func(string)) {
	switch v := v.(type) {
	case string:
		fn(v)
	case []any:
		for _, e := range v {
			walkStrings(e, fn)
		}
	case map[string]any:
		for k, e := range v {
			fn(k)
			walkStrings(e, fn)
		}
	}
}
