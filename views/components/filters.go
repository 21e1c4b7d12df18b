package components

// Filters is the list filter form: its values as typed and per-field errors.
type Filters struct {
	Action                                   string // list URL the form submits to
	Country, City, Language, MinLevel, Title string
	TitleLabel                               string
	Errors                                   map[string]string
	Countries, Languages, Levels             []Option
}
