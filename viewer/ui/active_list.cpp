// The events active in the window (the span the map shows bright), filtered: click to select
// (the map pans to it).
#include <imgui.h>

#include "panels.hpp"
#include "render/style.hpp"

namespace patrolscope::ui {

void draw_active_list(UiContext& ui) {
  AppState& s = ui.state;
  if (s.window_mode == WindowMode::All)
    ImGui::TextDisabled("All times: %zu events", ui.active.size());
  else
    ImGui::TextDisabled("%zu in %s → %s", ui.active.size(), geo::format_date(ui.span.from).c_str(),
                        geo::format_date(ui.span.to).c_str());
  if (ui.active.empty()) {
    ImGui::TextWrapped("Nothing active here. Press Space to play, or click a band on the timeline.");
    return;
  }
  const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("active", 3, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Event", ImGuiTableColumnFlags_WidthStretch, 3);
  ImGui::TableSetupColumn("Kind", ImGuiTableColumnFlags_WidthStretch, 1.4f);
  ImGui::TableSetupColumn("Start", ImGuiTableColumnFlags_WidthFixed, ImGui::CalcTextSize("2024-07-24").x);
  ImGui::TableHeadersRow();
  for (int index : ui.active) {
    const geo::Event& e = ui.data.events[index];
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::PushID(index);
    ImGui::PushStyleColor(ImGuiCol_Text, event_color(ui, e));
    ImGui::TextUnformatted("■");
    ImGui::PopStyleColor();
    ImGui::SameLine();
    if (ImGui::Selectable(e.name.c_str(), s.selected == index, ImGuiSelectableFlags_SpanAllColumns)) select_event(ui, index, false);
    if (ImGui::IsItemHovered()) {
      s.hovered = index;
      ImGui::BeginTooltip();
      event_tooltip(e);
      ImGui::EndTooltip();
    }
    ImGui::PopID();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(render::display_name(e.kind, ColorBy::Kind).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(geo::format_date(e.start).c_str());
  }
  ImGui::EndTable();
}

}  // namespace patrolscope::ui
