// Bookmarks: named views (the map's camera and the time window). Keys 1–9 recall one,
// Ctrl+1–9 store the current view there (layout.cpp); here they can be stored, renamed,
// recalled and cleared with the mouse. Kept in the settings file.
#include <imgui.h>

#include "panels.hpp"
#include "workspace.hpp"

namespace patrolscope::ui {

void draw_bookmarks(UiContext& ui) {
  AppState& s = ui.state;
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 24, 0), ImGuiCond_FirstUseEver);
  if (!ImGui::Begin("Bookmarks", &s.panels.bookmarks, ImGuiWindowFlags_NoCollapse)) return ImGui::End();
  ImGui::TextDisabled("1–9 recall · Ctrl+1–9 store the current view");
  for (int slot = 1; slot <= kBookmarkSlots; ++slot) {
    std::optional<Bookmark>& b = s.bookmarks[slot - 1];
    ImGui::PushID(slot);
    ImGui::AlignTextToFramePadding();
    ImGui::Text("%d", slot);
    ImGui::SameLine();
    if (b) {
      char name[128];
      std::snprintf(name, sizeof name, "%s", b->name.c_str());
      ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
      if (ImGui::InputText("##name", name, sizeof name)) b->name = name;
      ImGui::SameLine();
      if (ImGui::SmallButton("Go")) recall_bookmark(s, slot);
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s · %s, window %s", b->projection.c_str(), geo::format_date(b->cursor).c_str(),
                          b->window_mode == WindowMode::All ? "all" : geo::format_duration(b->window).c_str());
      ImGui::SameLine();
      if (ImGui::SmallButton("Store")) store_bookmark(s, slot);
      ImGui::SameLine();
      if (ImGui::SmallButton("×")) b.reset();
    } else {
      ImGui::TextDisabled("(empty)");
      ImGui::SameLine();
      if (ImGui::SmallButton("Store")) store_bookmark(s, slot);
    }
    ImGui::PopID();
  }
  ImGui::End();
}

}  // namespace patrolscope::ui
