// Package components holds small templ pieces shared by pages and forms.
package components

// Pager describes pagination links; empty URLs mean "no such page".
type Pager struct {
	Page, Pages int
	PrevURL     string
	NextURL     string
}

// Option is one choice of a <select>.
type Option struct {
	Value, Label string
}

// Field is one form input with its current value and error.
type Field struct {
	Name, Label, Value, Error, Hint string
	Type                            string // "text" by default
	Required                        bool
	Options                         []Option // renders a <select> when set
	List                            string   // id of a <datalist> of suggestions
}

// Skill is a language with a level, already formatted ("German", "C1").
type Skill struct {
	Language, Level string
}
