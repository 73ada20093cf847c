// Layers: the projection (presets, or any PROJ string / EPSG code), what is drawn, the track
// width and what the colours mean.
#include <imgui.h>

#include <cstring>

#include "map_canvas.hpp"
#include "panels.hpp"
#include "render/style.hpp"

namespace patrolscope::ui {

void draw_layers(UiContext& ui) {
  AppState& s = ui.state;
  const geo::Preset* current = geo::find_preset(s.projection);
  const float fit_w = ImGui::CalcTextSize("Fit").x + ImGui::GetStyle().FramePadding.x * 2;
  ImGui::SetNextItemWidth(-fit_w - ImGui::GetStyle().ItemSpacing.x);
  if (ImGui::BeginCombo("##projection", current ? current->title : "Custom CRS")) {
    for (const geo::Preset& preset : geo::presets())
      if (ImGui::Selectable(preset.title, current == &preset)) {
        s.projection = preset.name;
        s.fit_view = true;  // frame the preset when its scene is on screen
        s.projection_error.clear();
      }
    ImGui::EndCombo();
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Projection and region (the Map menu has them too)");
  ImGui::SameLine();
  if (ImGui::Button("Fit") && ui.map) ui.map->fit_default();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Frame the region's default view");
  char (&crs)[256] = s.layers_panel.crs;
  const bool custom = geo::find_preset(s.projection) == nullptr;
  if (custom && crs[0] == '\0') std::snprintf(crs, sizeof crs, "%s", s.projection.c_str());
  ImGui::SetNextItemWidth(-ImGui::CalcTextSize("Apply").x - ImGui::GetStyle().FramePadding.x * 2 - ImGui::GetStyle().ItemSpacing.x);
  const bool entered = ImGui::InputTextWithHint("##crs", "EPSG:3857 or +proj=…", crs, sizeof crs,
                                                ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  if ((ImGui::Button("Apply") || entered) && crs[0] != '\0') {
    s.projection = crs;
    s.fit_view = true;
    s.projection_error.clear();
  }
  if (!s.projection_error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.8f, 0.1f, 0.1f, 1));
    ImGui::TextWrapped("%s", s.projection_error.c_str());
    ImGui::PopStyleColor();
  }
  if (ui.reprojecting)
    ImGui::ProgressBar(static_cast<float>(-ImGui::GetTime()) * 0.6f, ImVec2(-1, 0), "reprojecting…");

  if (ImGui::BeginTable("layers", 3)) {
    const auto toggle = [](const char* label, bool* value, const char* tip) {
      ImGui::TableNextColumn();
      ImGui::Checkbox(label, value);
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tip);
    };
    toggle("Tracks", &s.layers.tracks, "Patrol and transit routes");
    toggle("Areas", &s.layers.areas, "Exercise areas, drawn while active in the window");
    toggle("Points", &s.layers.points, "Places");
    toggle("Land", &s.layers.land, "Filled land");
    toggle("Coast", &s.layers.coast, "Coastline strokes");
    toggle("Borders", &s.layers.borders, "Country borders (Natural Earth 1:50m); disputed ones paler, as Natural Earth classes them");
    toggle("Grid", &s.layers.graticule, "Graticule (meridians and parallels)");
    toggle("Labels", &s.layers.labels, "Graticule and zone labels");
    toggle("Zones", &s.layers.zones, "Zone layers: ADIZ, 12-nm bands, --zones FILE");
    ImGui::EndTable();
  }
  // Each zone layer on its own (the bundled ones and --zones FILE's), in its map colour.
  if (s.layers.zones && ui.scene) {
    const auto& layers = ui.scene->zones.layers;
    for (std::size_t i = 0; i < layers.size() && i < 32; ++i) {
      bool shown = !((s.layers.hidden_zones >> i) & 1u);
      ImGui::PushID(static_cast<int>(i));
      ImGui::PushStyleColor(ImGuiCol_CheckMark, ImGui::ColorConvertU32ToFloat4(render::style::zone(i).packed()));
      if (ImGui::Checkbox(layers[i].label.c_str(), &shown))
        s.layers.hidden_zones = shown ? s.layers.hidden_zones & ~(1u << i) : s.layers.hidden_zones | (1u << i);
      ImGui::PopStyleColor();
      ImGui::PopID();
    }
  }
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.55f);
  ImGui::SliderFloat("Line width", &s.line_width, 0.5f, 10.0f, "%.1f px");
  static const char* kColorBy[] = {"Domain", "Participant", "Force type", "Kind"};
  int by = static_cast<int>(s.color_by);
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.55f);
  if (ImGui::Combo("Colour by", &by, kColorBy, 4)) s.color_by = static_cast<ColorBy>(by);
}

}  // namespace patrolscope::ui
