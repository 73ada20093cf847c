// Find: a search box over event names, ids, notes and attributes (every word must appear,
// case-insensitive). Results are listed; ↑/↓ move through them, Enter (or a click) selects
// one, moves the cursor to it and frames it on the map. Ctrl+F puts the keyboard here.
#include <imgui.h>

#include "panels.hpp"
#include "workspace.hpp"

namespace patrolscope::ui {

void draw_find(UiContext& ui) {
  AppState& s = ui.state;
  FindPanel& panel = s.find_panel;
  if (panel.focus) ImGui::SetKeyboardFocusHere(), panel.focus = false;
  ImGui::SetNextItemWidth(-1);
  const bool entered = ImGui::InputTextWithHint("##find", "Find: name, id, notes, attribute (Ctrl+F)", panel.query,
                                                sizeof panel.query, ImGuiInputTextFlags_EnterReturnsTrue);
  const bool typing = ImGui::IsItemActive() || entered;
  const std::vector<int> found = find_events(ui.data.events, panel.query);
  const int n = static_cast<int>(found.size());
  if (typing && n > 0) {
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_DownArrow))) panel.highlighted = std::min(n - 1, panel.highlighted + 1);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_UpArrow))) panel.highlighted = std::max(0, panel.highlighted - 1);
  }
  panel.highlighted = std::clamp(panel.highlighted, 0, std::max(0, n - 1));
  if (entered && n > 0) select_event(ui, found[panel.highlighted], true);
  if (panel.query[0] == '\0') {
    ImGui::TextDisabled("N / P: next / previous event in time");
    return;
  }
  ImGui::TextDisabled("%d match%s%s", n, n == 1 ? "" : "es", n >= 200 ? " (first 200)" : "");
  if (!ImGui::BeginChild("##results")) return ImGui::EndChild();
  for (int i = 0; i < n; ++i) {
    const geo::Event& e = ui.data.events[found[i]];
    ImGui::PushID(found[i]);
    const std::string label = e.name + "  ·  " + event_dates(e);
    if (ImGui::Selectable(label.c_str(), i == panel.highlighted || found[i] == s.selected)) {
      panel.highlighted = i;
      select_event(ui, found[i], true);
    }
    if (i == panel.highlighted && typing) ImGui::SetScrollHereY();
    if (ImGui::IsItemHovered()) {
      s.hovered = found[i];
      ImGui::BeginTooltip();
      event_tooltip(e);
      ImGui::TextDisabled("id %s", e.id.c_str());
      ImGui::EndTooltip();
    }
    ImGui::PopID();
  }
  ImGui::EndChild();
}

}  // namespace patrolscope::ui
