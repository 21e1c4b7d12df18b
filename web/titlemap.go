package web

import (
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"jobmatch/matching/engine"
	"jobmatch/views/pages"
)

// palette is colour-blind friendly (Okabe–Ito plus greys).
var palette = []string{"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#000000", "#999999", "#7F3C8D"}

// Title map size: distinct titles shown and k-means clusters.
const mapTitles, mapClusters = 1500, 8

// titleMap draws up to mapTitles distinct open-vacancy titles on the
// title map as SVG: dots link to the vacancies with that title, and each
// cluster is labelled at its centre with its most common titles.
func (s *Server) titleMap(c echo.Context) error {
	const w, h, margin = 960, 600, 16
	res, err := s.matcher.TitleMap(c.Request().Context(), mapTitles, mapClusters)
	if err != nil {
		return err
	}
	m := pages.TitleMap{Layout: s.layout(c, "Title-space map", "map"), Width: w, Height: h,
		Shown: grouped(len(res.Points)), Sampled: grouped(res.Sampled), Open: grouped(res.Open)}
	px := func(x float64) float64 { return margin + x*(w-2*margin) }
	py := func(y float64) float64 { return margin + (1-y)*(h-2*margin) }
	members := map[int][]engine.MapPoint{}
	for _, p := range res.Points {
		m.Dots = append(m.Dots, pages.MapDot{
			CX: strconv.FormatFloat(px(p.X), 'f', 1, 64), CY: strconv.FormatFloat(py(p.Y), 'f', 1, 64),
			Colour: palette[p.Cluster%len(palette)], Title: p.Title,
			Href: "/vacancies?" + url.Values{"title": {p.Title}}.Encode()})
		members[p.Cluster] = append(members[p.Cluster], p)
	}
	for k := 0; k < mapClusters; k++ {
		ps := members[k]
		if len(ps) == 0 {
			continue
		}
		top := commonTitles(ps)
		vacancies := 0
		xs, ys := make([]float64, len(ps)), make([]float64, len(ps))
		for i, p := range ps {
			vacancies += p.Count
			xs[i], ys[i] = p.X, p.Y
		}
		colour := palette[k%len(palette)]
		m.Clusters = append(m.Clusters, pages.MapCluster{Colour: colour, Titles: len(ps), Vacancies: vacancies,
			Examples: strings.Join(top[:min(6, len(top))], " · ")})
		// The label sits at the cluster's median point (a mean would land
		// between islands when a cluster is split on the plane), anchored
		// towards the middle near the sides so it is not cut off.
		x := median(xs)
		anchor := "middle"
		if x < 0.3 {
			anchor = "start"
		} else if x > 0.7 {
			anchor = "end"
		}
		m.Labels = append(m.Labels, pages.MapLabel{
			X: strconv.FormatFloat(px(x), 'f', 1, 64), Y: strconv.FormatFloat(py(median(ys)), 'f', 1, 64),
			Anchor: anchor, Text: shorten(strings.Join(top[:min(2, len(top))], " · "), 48),
			Short: shorten(top[0], 22)})
	}
	return render(c, http.StatusOK, pages.TitleMapPage(m))
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
