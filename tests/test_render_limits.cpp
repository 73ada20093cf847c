// Labels drawn on images are bounded (issue 11, item 14: a 5 MB `kind` cost the legend 8 s and
// 1.75 GB): legend entries and fitted text are cut to geo/limits.hpp's lengths first.
#include <gtest/gtest.h>

#include "limits.hpp"
#include "render/style.hpp"
#include "snapshot/canvas.hpp"

using namespace patrolscope;

TEST(RenderLimits, AHugeKindMakesAShortLegendEntry) {
  geo::Event event;
  event.kind = std::string(5 << 20, 'x');
  event.geometry.points.push_back({130, 40});
  const geo::FacetIndex facets = geo::FacetIndex::build({event});
  const auto entries = render::legend_entries(facets, render::ColorBy::Kind, {{&event, render::kPointMark}});
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_LE(entries[0].label.size(), geo::kMaxLabelChars + 3);
  EXPECT_EQ(entries[0].label.substr(entries[0].label.size() - 3), "\u2026");
}

TEST(RenderLimits, FittingAHugeTitleMeasuresABoundedString) {
  const snapshot::Font font = snapshot::Font::regular();
  const std::string fitted = snapshot::fit_text(font, 20, std::string(5 << 20, 'T'), 1e9);
  EXPECT_LE(fitted.size(), geo::kMaxDrawnTextChars + 3) << "cut before measuring, even when it would fit";
  EXPECT_EQ(snapshot::fit_text(font, 20, "Pacific", 1e9), "Pacific");
}
