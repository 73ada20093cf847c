// Douglas–Peucker on projected lines, rings and scene tracks.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "simplify.hpp"

using geo::TrackVertex;

TEST(Simplify, StraightLineKeepsOnlyItsEnds) {
  std::vector<double> x, y;
  for (int i = 0; i <= 100; ++i) {
    x.push_back(i);
    y.push_back(2.0 * i);
  }
  EXPECT_EQ(geo::simplify_line_indices(x, y, 0.01), (std::vector<std::uint32_t>{0, 100}));
}

TEST(Simplify, KeepsCornersBeyondTheToleranceAndDropsNoise) {
  // An L with 0.1 units of noise: a tolerance of 1 keeps the corner, drops the noise.
  std::vector<double> x, y;
  for (int i = 0; i <= 50; ++i) {
    x.push_back(i);
    y.push_back(i % 2 ? 0.1 : 0);
  }
  for (int i = 1; i <= 50; ++i) {
    x.push_back(50 + (i % 2 ? 0.1 : 0));
    y.push_back(i);
  }
  const auto kept = geo::simplify_line_indices(x, y, 1.0);
  EXPECT_EQ(kept, (std::vector<std::uint32_t>{0, 50, 100}));
  // Zero tolerance keeps everything.
  EXPECT_EQ(geo::simplify_line_indices(x, y, 0).size(), x.size());
}

TEST(Simplify, EveryDroppedVertexIsWithinTheTolerance) {
  std::vector<double> x, y;
  for (int i = 0; i < 2000; ++i) {
    x.push_back(i * 0.5);
    y.push_back(10 * std::sin(i * 0.05) + 0.3 * std::sin(i * 1.7));
  }
  const double tolerance = 0.8;
  const auto kept = geo::simplify_line_indices(x, y, tolerance);
  ASSERT_GE(kept.size(), 2u);
  EXPECT_LT(kept.size(), x.size() / 4);
  for (std::size_t k = 0; k + 1 < kept.size(); ++k) {
    const std::uint32_t a = kept[k], b = kept[k + 1];
    for (std::uint32_t i = a + 1; i < b; ++i) {
      const double dx = x[b] - x[a], dy = y[b] - y[a];
      const double t = std::clamp(((x[i] - x[a]) * dx + (y[i] - y[a]) * dy) / (dx * dx + dy * dy), 0.0, 1.0);
      EXPECT_LE(std::hypot(x[i] - x[a] - t * dx, y[i] - y[a] - t * dy), tolerance + 1e-9) << i;
    }
  }
}

TEST(Simplify, NaNVerticesSplitTheLineAndAreKept) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> x{0, 1, 2, nan, 10, 11, 12}, y{0, 0, 0, nan, 0, 0, 0};
  EXPECT_EQ(geo::simplify_line_indices(x, y, 0.5), (std::vector<std::uint32_t>{0, 2, 3, 4, 6}));
}

TEST(Simplify, LongLinesAreIterative) {
  // A zigzag keeps every vertex at a small tolerance (the worst case: quadratic, so modest n).
  std::vector<double> x(5000), y(5000);
  for (std::size_t i = 0; i < x.size(); ++i) {
    x[i] = static_cast<double>(i);
    y[i] = (i % 2) ? 1.0 : 0.0;
  }
  EXPECT_EQ(geo::simplify_line_indices(x, y, 0.1).size(), x.size());
  EXPECT_EQ(geo::simplify_line_indices(x, y, 2.0).size(), 2u);
  // A 10^6-vertex wandering line: no recursion, keeps its ends, drops most vertices.
  std::vector<double> wx(1'000'000), wy(1'000'000);
  for (std::size_t i = 0; i < wx.size(); ++i) {
    wx[i] = std::cos(i * 1e-4) * 1000 + std::sin(i * 0.37) * 0.2;
    wy[i] = std::sin(i * 3e-4) * 1000 + std::cos(i * 0.61) * 0.2;
  }
  const auto kept = geo::simplify_line_indices(wx, wy, 1.0);
  ASSERT_GE(kept.size(), 2u);
  EXPECT_EQ(kept.front(), 0u);
  EXPECT_EQ(kept.back(), wx.size() - 1);
  EXPECT_LT(kept.size(), wx.size() / 10);
}

TEST(Simplify, LineKeepsTimesOfKeptVertices) {
  geo::ProjectedLine line;
  line.x = {0, 1, 2, 3, 4};
  line.y = {0, 0, 5, 0, 0};
  line.times = {100, 200, 300, 400, 500};
  const geo::ProjectedLine out = geo::simplify_line(line, 0.5);
  EXPECT_EQ(out.x, (std::vector<double>{0, 1, 2, 3, 4}));  // the spike keeps its neighbours
  const geo::ProjectedLine flat = geo::simplify_line({{0, 1, 2, 3}, {0, 0, 0, 0}, {10, 20, 30, 40}}, 0.5);
  EXPECT_EQ(flat.times, (std::vector<geo::Seconds>{10, 40}));
}

TEST(Simplify, RingNeverCollapsesBelowThreeVertices) {
  // A thin sliver: a huge tolerance would reduce it to a chord.
  std::vector<double> x{0, 5, 10, 5}, y{0, 0.01, 0, -0.01};
  const auto kept = geo::simplify_ring_indices(x, y, 100);
  EXPECT_EQ(kept.size(), 3u);
  // A densified square keeps its four corners.
  std::vector<double> sx, sy;
  for (int i = 0; i < 10; ++i) sx.push_back(i), sy.push_back(0);
  for (int i = 0; i < 10; ++i) sx.push_back(10), sy.push_back(i);
  for (int i = 10; i > 0; --i) sx.push_back(i), sy.push_back(10);
  for (int i = 10; i > 0; --i) sx.push_back(0), sy.push_back(i);
  sx.push_back(0), sy.push_back(0);  // explicit closing vertex
  const auto square = geo::simplify_ring_indices(sx, sy, 0.1);
  ASSERT_EQ(square.size(), 4u);
  for (std::uint32_t i : square) EXPECT_TRUE((sx[i] == 0 || sx[i] == 10) && (sy[i] == 0 || sy[i] == 10));
}

TEST(Simplify, TracksKeepPiecesFeaturesAndTimes) {
  std::vector<TrackVertex> tracks;
  for (std::uint32_t f = 0; f < 2; ++f)
    for (int piece = 0; piece < 2; ++piece)
      for (int i = 0; i < 10; ++i)
        tracks.push_back({static_cast<float>(i), static_cast<float>(f * 100 + piece * 10), i * 60,
                          f | (i == 0 ? TrackVertex::kPieceStart : 0u), 1u << f, 0});
  const auto out = geo::simplify_tracks(tracks, 0.5);
  ASSERT_EQ(out.size(), 8u);  // each straight piece keeps its two ends
  for (std::size_t k = 0; k < out.size(); ++k) {
    const bool start = k % 2 == 0;
    EXPECT_EQ((out[k].feature & TrackVertex::kPieceStart) != 0, start) << k;
    EXPECT_EQ(out[k].t, start ? 0 : 9 * 60);
    EXPECT_EQ(out[k].categories, 1u << (out[k].feature & ~TrackVertex::kPieceStart));
  }
}
