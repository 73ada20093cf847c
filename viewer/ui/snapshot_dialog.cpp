// The snapshot dialog: write the map as it is on screen (view, time, filters, colours) to a
// PNG at a chosen size.
#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "map_canvas.hpp"
#include "panels.hpp"

namespace patrolscope::ui {

void draw_snapshot_dialog(UiContext& ui) {
  static char path[512] = "patrolscope-snapshot.png";
  static int size[2] = {1920, 1080};
  static std::string message;
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 30, 0), ImGuiCond_Appearing);
  if (!ImGui::Begin("Snapshot", &ui.state.panels.snapshot, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::End();
    return;
  }
  ImGui::TextWrapped("Writes the map as shown (extent, time, filters, colours) to a PNG.");
  ImGui::InputText("File", path, sizeof path);
  ImGui::InputInt2("Size (px)", size);
  size[0] = std::clamp(size[0], 64, 8192);
  size[1] = std::clamp(size[1], 64, 8192);
  if (ImGui::Button("Write PNG") && ui.map) {
    try {
      ui.map->write_png(ui, path, size[0], size[1]);
      message = std::string("Wrote ") + path;
    } catch (const std::exception& e) {
      message = std::string("Failed: ") + e.what();
    }
  }
  ImGui::SameLine();
  if (ImGui::Button("Close")) ui.state.panels.snapshot = false;
  if (!message.empty()) ImGui::TextWrapped("%s", message.c_str());
  ImGui::End();
}

}  // namespace patrolscope::ui
