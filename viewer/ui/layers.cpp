// Layers: the projection (presets, or any PROJ string / EPSG code), what is drawn, the track
// width and what the colours mean.
#include <imgui.h>

#include <cstring>

#include "map_canvas.hpp"
#include "panels.hpp"

namespace patrolscope::ui {

void draw_layers(UiContext& ui) {
  AppState& s = ui.state;
  const geo::Preset* current = geo::find_preset(s.projection);
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##projection", current ? current->title : "Custom CRS")) {
    for (const geo::Preset& preset : geo::presets())
      if (ImGui::Selectable(preset.title, current == &preset)) {
        s.projection = preset.name;
        s.units_per_pixel = 0;  // frame the preset when its scene is ready
        s.projection_error.clear();
      }
    ImGui::EndCombo();
  }
  static char crs[256] = "";
  const bool custom = geo::find_preset(s.projection) == nullptr;
  if (custom && crs[0] == '\0') std::snprintf(crs, sizeof crs, "%s", s.projection.c_str());
  ImGui::SetNextItemWidth(-ImGui::CalcTextSize("Apply").x - ImGui::GetStyle().FramePadding.x * 2 - ImGui::GetStyle().ItemSpacing.x);
  const bool entered = ImGui::InputTextWithHint("##crs", "EPSG:3857 or +proj=…", crs, sizeof crs,
                                                ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  if ((ImGui::Button("Apply") || entered) && crs[0] != '\0') {
    s.projection = crs;
    s.units_per_pixel = 0;
    s.projection_error.clear();
  }
  if (!s.projection_error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.8f, 0.1f, 0.1f, 1));
    ImGui::TextWrapped("%s", s.projection_error.c_str());
    ImGui::PopStyleColor();
  }
  if (ui.reprojecting) {
    ImGui::ProgressBar(static_cast<float>(-ImGui::GetTime()) * 0.6f, ImVec2(-1, 0), "reprojecting…");
  } else if (ImGui::SmallButton("Zoom to the whole map") && ui.scene) {
    const geo::Extent& e = ui.scene->full_extent;
    ui.map->fit({e.xmin + ui.scene->origin_x, e.ymin + ui.scene->origin_y, e.xmax + ui.scene->origin_x,
                 e.ymax + ui.scene->origin_y});
  }

  ImGui::Spacing();
  ImGui::TextDisabled("Show");
  if (ImGui::BeginTable("layers", 2)) {
    const auto toggle = [](const char* label, bool* value) {
      ImGui::TableNextColumn();
      ImGui::Checkbox(label, value);
    };
    toggle("Tracks", &s.layers.tracks);
    toggle("Areas", &s.layers.areas);
    toggle("Points", &s.layers.points);
    toggle("Land", &s.layers.land);
    toggle("Coastline", &s.layers.coast);
    toggle("Graticule", &s.layers.graticule);
    toggle("Labels", &s.layers.labels);
    ImGui::EndTable();
  }
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.55f);
  ImGui::SliderFloat("Line width", &s.line_width, 0.5f, 10.0f, "%.1f px");
  static const char* kColorBy[] = {"Domain", "Participant", "Force type", "Kind"};
  int by = static_cast<int>(s.color_by);
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.55f);
  if (ImGui::Combo("Colour by", &by, kColorBy, 4)) s.color_by = static_cast<ColorBy>(by);
}

}  // namespace patrolscope::ui
