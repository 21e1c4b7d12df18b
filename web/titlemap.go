package web

import (
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/labstack/echo/v4"

	"jobmatch/matching"
	"jobmatch/matching/engine"
	"jobmatch/views/pages"
)

// palette is colour-blind friendly (Okabe–Ito plus greys); with ISCO
// colours, major group g takes palette[g].
var palette = []string{"#999999", "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#000000", "#7F3C8D"}

// Title map size: distinct titles shown and the most islands.
const mapTitles, mapIslands = 1500, 30

// Title map geometry in SVG units, and how many island labels fit each width.
const (
	mapWidth, mapHeight, mapMargin = 960, 600, 16
	wideLabels, narrowLabels       = 16, 6
)

// titleMap draws up to mapTitles distinct open-vacancy titles on the title
// map as SVG: dots are coloured by the ISCO major group of their nearest
// reference occupation (by island without references), link to the
// positions near their title, and the largest islands are labelled with
// their most common title where the label does not cover another.
func (s *Server) titleMap(c echo.Context) error {
	res, err := s.matcher.TitleMap(c.Request().Context(), mapTitles, mapIslands)
	if err != nil {
		return err
	}
	m := pages.TitleMap{Layout: s.layout(c, "Title-space map", "map"), Width: mapWidth, Height: mapHeight,
		Shown: grouped(len(res.Points)), Sampled: grouped(res.Sampled), Open: grouped(res.Open),
		Sampling: len(res.Points) == mapTitles}
	byGroup := slices.ContainsFunc(res.Points, func(p engine.MapPoint) bool { return p.Group >= 0 })
	colour := func(p engine.MapPoint) string {
		if byGroup {
			return palette[max(p.Group, 0)]
		}
		return palette[p.Island%len(palette)]
	}
	m.ByGroup = byGroup
	islands := map[int][]engine.MapPoint{}
	groups := map[int][]engine.MapPoint{}
	for _, p := range res.Points {
		title := p.Title
		if p.Occupation != "" {
			title = fmt.Sprintf("%s — nearest occupation: %s (%s)", p.Title, p.Occupation, groupName(p.Group))
		}
		m.Dots = append(m.Dots, pages.MapDot{CX: coord(mapX(p.X)), CY: coord(mapY(p.Y)), Colour: colour(p), Title: title,
			Href: "/positions?" + url.Values{"title": {p.Title}}.Encode()})
		islands[p.Island] = append(islands[p.Island], p)
		if byGroup {
			groups[p.Group] = append(groups[p.Group], p)
		}
	}
	for _, g := range slices.Sorted(maps.Keys(groups)) {
		ps := groups[g]
		m.Legend = append(m.Legend, pages.MapCluster{Colour: palette[max(g, 0)], Name: groupName(g), Titles: len(ps), Vacancies: vacanciesOf(ps)})
	}
	// Islands, largest first: the table lists them all, the map labels
	// those whose label finds room.
	var order []int
	for k := range islands {
		order = append(order, k)
	}
	sort.Slice(order, func(i, j int) bool {
		a, b := vacanciesOf(islands[order[i]]), vacanciesOf(islands[order[j]])
		return a > b || a == b && order[i] < order[j]
	})
	// Font sizes as app.css sets them for .titlemap-label, in SVG units.
	wide, narrow := labelPlacer{size: 15, max: wideLabels}, labelPlacer{size: 30, max: narrowLabels}
	for _, k := range order {
		ps := islands[k]
		top := commonTitles(ps)
		row := pages.MapCluster{Name: top[0], Titles: len(ps), Vacancies: vacanciesOf(ps), Examples: strings.Join(top[:min(6, len(top))], " · ")}
		if byGroup {
			g := mainGroup(ps)
			row.Colour, row.Group = palette[max(g, 0)], groupName(g)
		} else {
			row.Colour = colour(ps[0])
		}
		m.Clusters = append(m.Clusters, row)
		if len(ps) < 3 {
			continue // a pair of titles is not an island worth a label
		}
		// The label sits at the island's median point (a mean can land
		// between two parts of a stretched island).
		xs, ys := make([]float64, len(ps)), make([]float64, len(ps))
		for i, p := range ps {
			xs[i], ys[i] = mapX(p.X), mapY(p.Y)
		}
		x, y := median(xs), median(ys)
		if l, ok := wide.place(shorten(top[0], 28), x, y); ok {
			m.Labels = append(m.Labels, l)
		}
		if l, ok := narrow.place(shorten(top[0], 16), x, y); ok {
			l.Narrow = true
			m.Labels = append(m.Labels, l)
		}
	}
	return render(c, http.StatusOK, pages.TitleMapPage(m))
}

func mapX(x float64) float64 { return mapMargin + x*(mapWidth-2*mapMargin) }
func mapY(y float64) float64 { return mapMargin + (1-y)*(mapHeight-2*mapMargin) }
func coord(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

// labelPlacer places island labels on the map without overlaps: a label
// moves up or down a little when its place is taken, and is left out when
// no nearby place is free or max labels are placed.
type labelPlacer struct {
	size  float64 // font size in SVG units
	max   int
	taken [][4]float64 // x0, y0, x1, y1
}

// textWidth estimates the width of s in a bold sans-serif font of size:
// capitals and digits are wider than small letters, spaces narrower.
func textWidth(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case r == ' ':
			w += 0.3
		case unicode.IsUpper(r), unicode.IsDigit(r), r == 'm', r == 'w', r == 'M', r == 'W':
			w += 0.72
		default:
			w += 0.56
		}
	}
	return w * size
}

func (lp *labelPlacer) place(text string, x, y float64) (pages.MapLabel, bool) {
	if len(lp.taken) >= lp.max {
		return pages.MapLabel{}, false
	}
	w, h := textWidth(text, lp.size), lp.size*1.2
	if w > mapWidth-8 {
		return pages.MapLabel{}, false
	}
	// Centred on the island, but kept inside the map.
	x = min(max(x, w/2+4), mapWidth-w/2-4)
	for _, dy := range []float64{0, -1, 1, -2, 2} {
		base := min(max(y+dy*h, h+2), mapHeight-4)
		box := [4]float64{x - w/2 - 3, base - h, x + w/2 + 3, base + 3}
		if !slices.ContainsFunc(lp.taken, func(t [4]float64) bool {
			return box[0] < t[2] && t[0] < box[2] && box[1] < t[3] && t[1] < box[3]
		}) {
			lp.taken = append(lp.taken, box)
			return pages.MapLabel{X: coord(x), Y: coord(base), Text: text}, true
		}
	}
	return pages.MapLabel{}, false
}

// groupName names ISCO major group g, or says there is none.
func groupName(g int) string {
	if g < 0 || g >= len(matching.ISCOMajorGroups) {
		return "no ISCO group"
	}
	return matching.ISCOMajorGroups[g]
}

// mainGroup is the ISCO major group most of ps's vacancies fall in.
func mainGroup(ps []engine.MapPoint) int {
	n := map[int]int{}
	best := -1
	for _, p := range ps {
		n[p.Group] += p.Count
		if best == -1 || n[p.Group] > n[best] || n[p.Group] == n[best] && p.Group < best {
			best = p.Group
		}
	}
	return best
}

func vacanciesOf(ps []engine.MapPoint) int {
	n := 0
	for _, p := range ps {
		n += p.Count
	}
	return n
}

// commonTitles orders a cluster's titles by how many sampled vacancies
// carry them, then alphabetically.
func commonTitles(ps []engine.MapPoint) []string {
	ps = slices.Clone(ps)
	sort.SliceStable(ps, func(i, j int) bool {
		return ps[i].Count > ps[j].Count || ps[i].Count == ps[j].Count && ps[i].Title < ps[j].Title
	})
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Title
	}
	return out
}

func median(xs []float64) float64 {
	xs = slices.Clone(xs)
	slices.Sort(xs)
	return xs[len(xs)/2]
}

// shorten cuts s to at most n runes, marking the cut with an ellipsis.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// grouped writes n with thousands separators: 92000 -> "92,000".
func grouped(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
