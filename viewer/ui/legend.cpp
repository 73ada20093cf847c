// The legend: what the colours mean (for the current colour-by, only the values shown), and
// how time and geometry quality are drawn.
#include <imgui.h>

#include "panels.hpp"
#include "render/style.hpp"

namespace patrolscope::ui {
namespace {

void swatch_line(ImU32 color, float thickness) {
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float h = ImGui::GetTextLineHeight();
  ImGui::GetWindowDrawList()->AddLine(ImVec2(p.x, p.y + h * 0.5f), ImVec2(p.x + 22, p.y + h * 0.5f), color, thickness);
  ImGui::Dummy(ImVec2(26, h));
  ImGui::SameLine();
}

void swatch_box(ImU32 fill, ImU32 border) {
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float h = ImGui::GetTextLineHeight();
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x + 2, p.y + 2), ImVec2(p.x + 22, p.y + h - 2), fill, 2);
  ImGui::GetWindowDrawList()->AddRect(ImVec2(p.x + 2, p.y + 2), ImVec2(p.x + 22, p.y + h - 2), border, 2);
  ImGui::Dummy(ImVec2(26, h));
  ImGui::SameLine();
}

std::uint64_t bit_of(const std::vector<std::string>& values, const std::string& v) {
  for (std::size_t i = 0; i < values.size(); ++i)
    if (values[i] == v) return 1ull << std::min<std::size_t>(i, 31);
  return 0;
}

}  // namespace

void draw_legend(UiContext& ui) {
  const AppState& s = ui.state;
  static const char* kTitles[] = {"domain", "participant", "force type", "kind"};
  ImGui::TextDisabled("Tracks and areas by %s", kTitles[static_cast<int>(s.color_by)]);
  // Only the values of the events that pass the filter.
  const geo::FacetIndex& facets = ui.scene ? ui.scene->facets : ui.data.facets;
  std::uint64_t used = 0;
  bool joint = false;
  std::size_t shown = 0, schematic = 0;
  for (const geo::Event& e : ui.data.events) {
    if (!s.filter.matches(e)) continue;
    ++shown;
    schematic += e.quality == geo::GeometryQuality::Schematic;
    switch (s.color_by) {
      case ColorBy::Domain: for (const auto& v : e.domains) used |= bit_of(facets.domains, v); break;
      case ColorBy::Kind: used |= bit_of(facets.kinds, e.kind); break;
      case ColorBy::ForceType: for (const auto& v : e.force_types) used |= bit_of(facets.force_types, v); break;
      case ColorBy::Participant:
        for (const auto& v : e.participants) used |= bit_of(facets.participants, v);
        joint |= e.participants.size() > 1;
        break;
    }
  }
  if (joint) used |= 1ull << 32;
  for (const render::LegendEntry& entry : render::legend_entries(facets, s.color_by, used)) {
    swatch_line(entry.color.packed(), 4);
    ImGui::TextUnformatted(entry.label.c_str());
  }
  ImGui::Spacing();
  ImGui::Separator();
  const ImU32 ink = IM_COL32(60, 70, 85, 255);
  swatch_line(ink, 1.5f);
  static const char* kTrack[] = {"track, fading with age; arrow: where it is at the cursor",
                                 "track, within the window", "track; older than the window: dimmed", "track"};
  ImGui::TextWrapped("%s", kTrack[static_cast<int>(s.window_mode)]);
  swatch_box(IM_COL32(60, 70, 85, 60), ink);
  ImGui::TextWrapped("exercise area, while active");
  // Only what is true of the events shown: dashed routes are drawn through named waypoints.
  if (schematic > 0) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.72f, 0.40f, 0.0f, 1));
    ImGui::TextWrapped("Dashed: schematic routes through named waypoints, not real tracks (%zu of %zu events shown).",
                       schematic, shown);
    ImGui::PopStyleColor();
  }
}

}  // namespace patrolscope::ui
