// The ruler's arithmetic: legs summed along geodesics, the initial bearing, elapsed time only
// when both ends carry one, and the texts of distances and coordinates.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "geodesic.hpp"
#include "measure.hpp"

namespace {

using geo::LonLat;

TEST(Measure, LegsAreSummedAlongGeodesicsWithTheFirstLegsBearing) {
  const LonLat tokyo{139.6917, 35.6895}, seoul{126.9780, 37.5665}, beijing{116.4074, 39.9042};
  const geo::RulerMeasure m = geo::measure_ruler({{tokyo, {}}, {seoul, {}}, {beijing, {}}});
  EXPECT_EQ(m.legs, 2);
  EXPECT_DOUBLE_EQ(m.km, geo::geodesic_km(tokyo, seoul) + geo::geodesic_km(seoul, beijing));
  // A spherical great circle (mean radius 6371.0088 km) agrees to a few tenths of a percent.
  const auto rad = [](double d) { return d * std::numbers::pi / 180; };
  const double dlat = rad(seoul.lat - tokyo.lat), dlon = rad(seoul.lon - tokyo.lon);
  const double h = std::pow(std::sin(dlat / 2), 2) + std::cos(rad(tokyo.lat)) * std::cos(rad(seoul.lat)) * std::pow(std::sin(dlon / 2), 2);
  const double sphere_km = 2 * 6371.0088 * std::asin(std::sqrt(h));
  EXPECT_NEAR(geo::geodesic_km(tokyo, seoul), sphere_km, sphere_km * 0.005);
  // Seoul lies west and a little north of Tokyo.
  EXPECT_GT(m.initial_bearing_deg, 270);
  EXPECT_LT(m.initial_bearing_deg, 300);
  EXPECT_FALSE(m.elapsed);
}

TEST(Measure, ElapsedOnlyWhenBothEndsHaveATime) {
  EXPECT_EQ(geo::measure_ruler({{{150, 35}, 1000}, {{151, 35}, {}}, {{152, 35}, 4600}}).elapsed, 3600);
  EXPECT_FALSE(geo::measure_ruler({{{150, 35}, 1000}, {{152, 35}, {}}}).elapsed);
  EXPECT_FALSE(geo::measure_ruler({{{150, 35}, 1000}}).elapsed);
  EXPECT_EQ(geo::measure_ruler({{{150, 35}, {}}}).km, 0);
}

TEST(Measure, DistancesAndCoordinatesAsTheRulerWritesThem) {
  EXPECT_EQ(geo::format_distance(1158.44), "1,158.4 km · 625.5 nmi");
  EXPECT_EQ(geo::format_distance(12.5), "12.50 km · 6.75 nmi");
  EXPECT_EQ(geo::format_distance(123456.7), "123,456.7 km · 66,661.3 nmi");
  EXPECT_EQ(geo::format_lonlat_decimal({139.6917, 35.6895}), "35.6895°N 139.6917°E");
  EXPECT_EQ(geo::format_lonlat_decimal({-176.65, -51.88}), "51.8800°S 176.6500°W");
  EXPECT_EQ(geo::format_lonlat_dms({139.6917, 35.6895}), "35°41′22″N 139°41′30″E");
  EXPECT_EQ(geo::format_lonlat_dms({-0.99999, 0}), "0°00′00″N 1°00′00″W");  // 59.99964″ carries into the minute
}

}  // namespace
