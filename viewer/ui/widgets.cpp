// Small helpers the panels share.
#include <imgui.h>

#include <algorithm>

#include "map_canvas.hpp"
#include "panels.hpp"
#include "render/style.hpp"

namespace patrolscope::ui {
namespace {

std::string joined(const std::vector<std::string>& values, render::ColorBy facet) {
  std::string text;
  for (const std::string& v : values) text += (text.empty() ? "" : ", ") + render::display_name(v, facet);
  return text.empty() ? "—" : text;
}

}  // namespace

std::string event_dates(const geo::Event& e) {
  if (!e.timed()) return "untimed";
  const std::string a = geo::format_date(e.start), b = geo::format_date(e.end);
  return a == b ? a : a + " → " + b;
}

void event_tooltip(const geo::Event& e) {
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28);
  ImGui::TextUnformatted(e.name.c_str());
  ImGui::TextDisabled("%s · %s", event_dates(e).c_str(),
                      render::display_name(e.kind, render::ColorBy::Kind).c_str());
  ImGui::Text("Domains: %s", joined(e.domains, render::ColorBy::Domain).c_str());
  if (!e.force_types.empty()) ImGui::Text("Forces: %s", joined(e.force_types, render::ColorBy::ForceType).c_str());
  ImGui::Text("Participants: %s", joined(e.participants, render::ColorBy::Participant).c_str());
  if (e.quality != geo::GeometryQuality::Exact)
    ImGui::TextColored(ImVec4(0.75f, 0.45f, 0.0f, 1), "%s geometry", e.quality == geo::GeometryQuality::Schematic ? "Schematic" : "Approximate");
  ImGui::PopTextWrapPos();
}

void select_event(UiContext& ui, int index, bool move_cursor, bool frame_map) {
  ui.state.selected = index;
  if (index < 0 || index >= static_cast<int>(ui.data.events.size())) return;
  if (frame_map && ui.map) ui.map->show_event(ui.state, index);
  const geo::Event& e = ui.data.events[index];
  if (!move_cursor || !e.timed()) return;
  ui.state.cursor = e.end;  // the whole event is on show (within the window)
  ui.state.playing = false;
  scroll_timeline_to(ui.state, e.start, e.end);
}

std::uint32_t event_color(const UiContext& ui, const geo::Event& e, float alpha) {
  render::Rgba c = render::event_color(ui.data.facets, e, ui.state.color_by);
  c.a *= alpha;
  return c.packed();
}

void advance_playback(AppState& s, const ViewData& data, double dt) {
  if (!s.playing) return;
  const geo::TimeRange range = filtered_range(data, s.filter);  // play through what matches
  if (range.from == geo::kNoTime) return;
  s.cursor += static_cast<geo::Seconds>(s.speed * dt);
  if (s.cursor > range.to) {
    if (s.loop) {
      s.cursor = range.from;
    } else {
      s.cursor = range.to;
      s.playing = false;
    }
  }
}

void size_dialog_to_contents(float width_em) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const float width = std::min(ImGui::GetFontSize() * width_em, viewport->WorkSize.x - 16);
  ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(width, 0), ImGuiCond_Always);
  ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(viewport->WorkSize.x, viewport->WorkSize.y - 16));
}

void keep_dialog_on_screen() {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
  const float bottom = viewport->WorkPos.y + viewport->WorkSize.y;
  if (pos.y + size.y > bottom) ImGui::SetWindowPos(ImVec2(pos.x, std::max(viewport->WorkPos.y, bottom - size.y)));
}

void help_marker(const char* text) {
  ImGui::SameLine();
  ImGui::TextDisabled("(?)");
  if (ImGui::IsItemHovered()) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
}

}  // namespace patrolscope::ui
