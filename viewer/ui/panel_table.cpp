// The panel table (panels.hpp): every panel of the window, its default tile and settings key.
#include <imgui.h>

#include "panels.hpp"

namespace patrolscope::ui {

void draw_demo(UiContext& ui) { ImGui::ShowDemoWindow(&ui.state.panels.demo); }

const std::vector<PanelInfo>& panel_table() {
  static const std::vector<PanelInfo> table = {
      {"Layers", draw_layers, Tile::Left, 0.27f, "layers", &Panels::layers},
      {"Filters", draw_filters, Tile::Left, 0.45f, "filters", &Panels::filters},
      {"Legend", draw_legend, Tile::Left, 0.28f, "legend", &Panels::legend},
      {"Details", draw_details, Tile::Right, 0.42f, "details", &Panels::details},
      {"Active in window", draw_active_list, Tile::Right, 0.24f, "active", &Panels::active},
      {"Events per year", draw_stats, Tile::Right, 0.34f, "stats", &Panels::stats},
      {"Timeline", draw_timeline, Tile::Bottom, 1.0f, "timeline", &Panels::timeline},
      {"Snapshot", draw_snapshot_dialog, Tile::Floating, 0, nullptr, &Panels::snapshot, false},
      {"Record", draw_record_dialog, Tile::Floating, 0, nullptr, &Panels::record, false},
      {"ImGui demo", draw_demo, Tile::Floating, 0, nullptr, &Panels::demo},
  };
  return table;
}

}  // namespace patrolscope::ui
