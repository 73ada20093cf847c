// The status line: what went wrong that the user should know (a date that does not parse, an
// input that failed to load, a rejected projection, settings ignored), over the map's bottom
// edge, each message staying until its × is clicked.
#include <imgui.h>

#include <string>

#include "map_canvas.hpp"
#include "panels.hpp"

namespace patrolscope::ui {

void draw_status_line(UiContext& ui) {
  std::vector<Message>& messages = ui.state.messages;
  if (messages.empty() || !ui.map) return;
  const CanvasRect& map = ui.map->rect();
  const float width = std::max(200.0f, std::min(map.width - 16, ImGui::GetFontSize() * 48));
  ImGui::SetNextWindowPos(ImVec2(map.x + 8, map.y + map.height - 28), ImGuiCond_Always, ImVec2(0, 1));
  ImGui::SetNextWindowSizeConstraints(ImVec2(width, 0), ImVec2(width, map.height * 0.5f));
  ImGui::SetNextWindowBgAlpha(0.96f);
  constexpr ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                     ImGuiWindowFlags_NoMove;
  ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(255, 240, 236, 255));
  ImGui::PushStyleColor(ImGuiCol_Border, IM_COL32(200, 60, 40, 255));
  if (ImGui::Begin("##status", nullptr, flags)) {
    int dismiss = -1;
    for (std::size_t i = 0; i < messages.size(); ++i) {
      ImGui::PushID(static_cast<int>(i));
      if (ImGui::SmallButton("×")) dismiss = static_cast<int>(i);
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("Dismiss");
      ImGui::SameLine();
      ImGui::PushStyleColor(ImGuiCol_Text, messages[i].error ? IM_COL32(150, 20, 10, 255) : IM_COL32(120, 70, 0, 255));
      ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - ImGui::GetFontSize() * 3);
      ImGui::TextUnformatted(messages[i].text.c_str());
      ImGui::PopTextWrapPos();
      ImGui::PopStyleColor();
      ImGui::PopID();
    }
    if (messages.size() > 1 && ImGui::SmallButton("Dismiss all")) messages.clear();
    if (dismiss >= 0) messages.erase(messages.begin() + dismiss);
  }
  ImGui::End();
  ImGui::PopStyleColor(2);
}

}  // namespace patrolscope::ui
