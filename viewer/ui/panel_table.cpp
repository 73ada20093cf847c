// The panel table (panels.hpp): every panel of the window, its default tile and settings key.
#include <imgui.h>

#include "panels.hpp"

namespace patrolscope::ui {

void draw_demo(UiContext& ui) { ImGui::ShowDemoWindow(&ui.state.panels.demo); }

const std::vector<PanelInfo>& panel_table() {
  static const std::vector<PanelInfo> table = {
      {"Inputs", draw_inputs, Tile::Left, 0.18f, "inputs", &Panels::inputs},
      {"Layers", draw_layers, Tile::Left, 0.25f, "layers", &Panels::layers},
      {"Filters", draw_filters, Tile::Left, 0.35f, "filters", &Panels::filters},
      {"Legend", draw_legend, Tile::Left, 0.22f, "legend", &Panels::legend},
      {"Find", draw_find, Tile::Right, 0.2f, "find", &Panels::find},
      {"Details", draw_details, Tile::Right, 0.34f, "details", &Panels::details},
      {"Active in window", draw_active_list, Tile::Right, 0.2f, "active", &Panels::active},
      {"Events per year", draw_stats, Tile::Right, 0.26f, "stats", &Panels::stats},
      {"Bookmarks", draw_bookmarks, Tile::Floating, 0, "bookmarks", &Panels::bookmarks},
      {"Open", draw_open_dialog, Tile::Floating, 0, nullptr, &Panels::open, false},
      {"Timeline", draw_timeline, Tile::Bottom, 1.0f, "timeline", &Panels::timeline},
      {"Snapshot", draw_snapshot_dialog, Tile::Floating, 0, nullptr, &Panels::snapshot, false},
      {"Record", draw_record_dialog, Tile::Floating, 0, nullptr, &Panels::record, false},
      {"ImGui demo", draw_demo, Tile::Floating, 0, nullptr, &Panels::demo},
  };
  return table;
}

}  // namespace patrolscope::ui
