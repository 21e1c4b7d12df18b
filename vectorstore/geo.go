package vectorstore

import (
	"math"

	"github.com/RoaringBitmap/roaring/v2"
)

// The geo cell index: points with coordinates are bucketed into cells of
// geoCellDeg x geoCellDeg degrees, one roaring bitmap per non-empty cell. A
// radius query ORs the cells that overlap the circle's bounding box and then
// checks the exact great-circle distance of each candidate, so counts are
// exact, not cell approximations.

const (
	geoCellDeg  = 0.5 // ~55 km north-south: a typical commuting radius spans few cells
	geoLatCells = 360
	geoLonCells = 720
	earthKM     = 6371.0088
)

func geoCell(lat, lon float64) uint32 {
	return uint32(geoRow(lat))*geoLonCells + uint32(geoCol(lon))
}

func geoRow(lat float64) int {
	r := int(math.Floor((lat + 90) / geoCellDeg))
	return min(max(r, 0), geoLatCells-1)
}

func geoCol(lon float64) int {
	c := int(math.Floor((lon + 180) / geoCellDeg))
	return ((c % geoLonCells) + geoLonCells) % geoLonCells
}

// cellWithin reports whether every point of cell (row r, column c) is within
// g's radius. On a sphere the point of a latitude-longitude box farthest
// from a centre is one of its corners as long as the box does not straddle
// the meridian opposite the centre: along a parallel the distance grows with
// the longitude difference up to 180 degrees, and along a meridian it has a
// single minimum. So checking the corners suffices; a margin of a metre
// keeps rounding from admitting a point on the edge.
func cellWithin(g GeoRadius, r, c int) bool {
	lat0 := float64(r)*geoCellDeg - 90
	lon0 := float64(c)*geoCellDeg - 180
	// Longitude of the box's west edge east of the opposite meridian, in
	// [0, 360): the box straddles that meridian when it is within the box.
	opposite := math.Mod(lon0-(g.Lon+180)+720, 360)
	if opposite == 0 || opposite > 360-geoCellDeg {
		return false
	}
	for _, lat := range [2]float64{lat0, lat0 + geoCellDeg} {
		for _, lon := range [2]float64{lon0, lon0 + geoCellDeg} {
			if haversineKM(g.Lat, g.Lon, lat, lon) > g.RadiusKM-0.001 {
				return false
			}
		}
	}
	return true
}

// geoPointsMax is how many distinct coordinates a cell may have for its
// points to be kept by coordinate (payloadIndex.geoPoints); a cell with more
// is refined point by point.
const geoPointsMax = 64

// cellPoints are one cell's points by exact coordinate; overflow means the
// cell had more than geoPointsMax coordinates and is no longer tracked.
type cellPoints struct {
	overflow bool
	at       map[[2]float64]*roaring.Bitmap
}

// updatePoint adds (on) or removes slot s at (lat, lon) in cell c.
func (x *payloadIndex) updatePoint(c uint32, lat, lon float64, s uint32, on bool) {
	cp := x.geoPoints[c]
	if cp == nil {
		cp = &cellPoints{at: make(map[[2]float64]*roaring.Bitmap)}
		x.geoPoints[c] = cp
	}
	if cp.overflow {
		return
	}
	k := [2]float64{lat, lon}
	bm := cp.at[k]
	switch {
	case on && bm == nil && len(cp.at) >= geoPointsMax:
		cp.overflow, cp.at = true, nil
	case on:
		if bm == nil {
			bm = roaring.New()
			cp.at[k] = bm
		}
		bm.Add(s)
	case bm != nil:
		bm.Remove(s)
		if bm.IsEmpty() {
			delete(cp.at, k)
		}
	}
}

// haversineKM is the great-circle distance between two points.
func haversineKM(lat1, lon1, lat2, lon2 float64) float64 {
	const rad = math.Pi / 180
	dlat := (lat2 - lat1) * rad
	dlon := (lon2 - lon1) * rad
	a := math.Sin(dlat/2)*math.Sin(dlat/2) +
		math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * earthKM * math.Asin(math.Min(1, math.Sqrt(a)))
}

// geoBox returns the cell rows and columns covering the circle. allCols is
// set when the circle reaches a pole or spans so much longitude that every
// column must be scanned.
func geoBox(g GeoRadius) (row0, row1, col0, col1 int, allCols bool) {
	dlat := g.RadiusKM / earthKM * 180 / math.Pi
	lat0, lat1 := g.Lat-dlat, g.Lat+dlat
	row0, row1 = geoRow(lat0), geoRow(lat1)
	if lat0 <= -90 || lat1 >= 90 {
		return row0, row1, 0, geoLonCells - 1, true
	}
	s := math.Sin(g.RadiusKM/earthKM) / math.Cos(g.Lat*math.Pi/180)
	if s >= 1 {
		return row0, row1, 0, geoLonCells - 1, true
	}
	dlon := math.Asin(s) * 180 / math.Pi
	col0 = int(math.Floor((g.Lon - dlon + 180) / geoCellDeg))
	col1 = int(math.Floor((g.Lon + dlon + 180) / geoCellDeg))
	if col1-col0+1 >= geoLonCells {
		return row0, row1, 0, geoLonCells - 1, true
	}
	return row0, row1, col0, col1, false // columns may be <0 or >=geoLonCells: wrap
}

// cellInBox reports whether a cell lies in the box returned by geoBox.
func cellInBox(cell uint32, row0, row1, col0, col1 int, allCols bool) bool {
	r, c := int(cell/geoLonCells), int(cell%geoLonCells)
	if r < row0 || r > row1 {
		return false
	}
	if allCols {
		return true
	}
	for _, cc := range [3]int{c - geoLonCells, c, c + geoLonCells} {
		if cc >= col0 && cc <= col1 {
			return true
		}
	}
	return false
}
