package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"jobmatch/views/pages"
)

// palette is colour-blind friendly (Okabe–Ito plus greys).
var palette = []string{"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442", "#000000", "#999999", "#7F3C8D"}

// titleMap draws up to 1,500 open vacancies on the title-space map as SVG.
func (s *Server) titleMap(c echo.Context) error {
	const w, h, margin = 960, 600, 12
	pts, err := s.matcher.TitleMap(c.Request().Context(), 1500, 8)
	if err != nil {
		return err
	}
	m := pages.TitleMap{Layout: s.layout(c, "Title-space map", "map"), Width: w, Height: h}
	examples := map[int][]string{}
	sizes := map[int]int{}
	for _, p := range pts {
		colour := palette[p.Cluster%len(palette)]
		m.Dots = append(m.Dots, pages.MapDot{
			CX:     strconv.FormatFloat(margin+p.X*(w-2*margin), 'f', 1, 64),
			CY:     strconv.FormatFloat(margin+(1-p.Y)*(h-2*margin), 'f', 1, 64),
			Colour: colour, Title: p.Title})
		sizes[p.Cluster]++
		if len(examples[p.Cluster]) < 6 {
			examples[p.Cluster] = append(examples[p.Cluster], p.Title)
		}
	}
	for k := 0; k < 8; k++ {
		if sizes[k] > 0 {
			m.Clusters = append(m.Clusters, pages.MapCluster{Colour: palette[k%len(palette)], Size: sizes[k], Examples: strings.Join(examples[k], " · ")})
		}
	}
	return render(c, http.StatusOK, pages.TitleMapPage(m))
}
