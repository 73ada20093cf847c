// Details of the selected event: name, dates, kind, domains, forces, participants, regions, the
// quality of its geometry (schematic or approximate flagged), notes, sources (copyable) and
// every other attribute.
#include <imgui.h>

#include "panels.hpp"
#include "render/style.hpp"

namespace patrolscope::ui {
namespace {

std::string joined(const std::vector<std::string>& values, ColorBy facet) {
  std::string text;
  for (const std::string& v : values) text += (text.empty() ? "" : ", ") + render::display_name(v, facet);
  return text.empty() ? "—" : text;
}

void row(const char* label, const std::string& value) {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::TextDisabled("%s", label);
  ImGui::TableNextColumn();
  ImGui::TextWrapped("%s", value.c_str());
}

void section(const char* title) {
  ImGui::Spacing();
  ImGui::TextDisabled("%s", title);
  ImGui::Separator();
}

}  // namespace

void draw_details(UiContext& ui) {
  const int index = ui.state.selected;
  if (index < 0 || index >= static_cast<int>(ui.data.events.size())) {
    ImGui::TextDisabled("Nothing selected.");
    ImGui::TextWrapped("Click a track, area or point on the map, a band on the timeline, or an event in a list.");
    return;
  }
  const geo::Event& e = ui.data.events[index];
  ImGui::PushStyleColor(ImGuiCol_Text, event_color(ui, e));
  ImGui::Bullet();
  ImGui::PopStyleColor();
  ImGui::SameLine();
  ImGui::TextWrapped("%s", e.name.c_str());
  if (e.quality != geo::GeometryQuality::Exact) {
    const bool schematic = e.quality == geo::GeometryQuality::Schematic;
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.72f, 0.40f, 0.0f, 1));
    ImGui::TextWrapped(schematic ? "Schematic geometry: a route drawn through the places sources name, not a real track."
                                 : "Approximate geometry: the area or route is real, its size or path estimated.");
    ImGui::PopStyleColor();
  }
  if (ImGui::SmallButton("Show on timeline")) select_event(ui, index, true);
  ImGui::SameLine();
  if (ImGui::SmallButton("Deselect")) {
    ui.state.selected = -1;
    return;
  }

  if (ImGui::BeginTable("details", 2, ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("k", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 6);
    ImGui::TableSetupColumn("v", ImGuiTableColumnFlags_WidthStretch);
    row("Dates", event_dates(e));
    // Spans end at 23:59:59 on their last day: round to the hour.
    if (e.timed() && e.end > e.start) row("Duration", geo::format_duration((e.end - e.start + 1800) / 3600 * 3600));
    row("Kind", render::display_name(e.kind, ColorBy::Kind));
    row("Domains", joined(e.domains, ColorBy::Domain));
    row("Forces", joined(e.force_types, ColorBy::ForceType));
    row("Participants", joined(e.participants, ColorBy::Participant));
    if (!e.regions.empty()) {
      std::string regions;  // focus regions by their preset's title ("scs" → "South China Sea")
      for (const std::string& r : e.regions) {
        const geo::Preset* preset = geo::find_preset(r);
        regions += (regions.empty() ? "" : ", ") + (preset ? std::string(preset->title) : render::display_name(r, ColorBy::Kind));
      }
      row("Regions", regions);
    }
    row("Geometry", std::string(geo::to_string(e.quality)) + ", " + std::to_string(e.geometry.vertex_count()) + " vertices");
    row("ID", e.id);
    for (const auto& [key, value] : e.attributes) row(key.c_str(), value);
    ImGui::EndTable();
  }
  if (!e.notes.empty()) {
    section("Notes");
    ImGui::TextWrapped("%s", e.notes.c_str());
  }
  section("Sources");
  if (e.sources.empty()) ImGui::TextDisabled("none given");
  for (std::size_t i = 0; i < e.sources.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    if (ImGui::SmallButton("Copy")) ImGui::SetClipboardText(e.sources[i].c_str());
    ImGui::SameLine();
    ImGui::TextWrapped("%s", e.sources[i].c_str());
    ImGui::PopID();
  }
  if (e.sources.size() > 1 && ImGui::SmallButton("Copy all")) {
    std::string all;
    for (const std::string& source : e.sources) all += source + "\n";
    ImGui::SetClipboardText(all.c_str());
  }
}

}  // namespace patrolscope::ui
