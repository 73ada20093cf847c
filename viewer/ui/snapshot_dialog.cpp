// The snapshot dialog: write the map as it is on screen (view, time, filters, colours) to a
// PNG at a chosen size.
#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "map_canvas.hpp"
#include "panels.hpp"

namespace patrolscope::ui {
namespace {

constexpr snapshot::LegendPlace kLegendPlaces[] = {snapshot::LegendPlace::Auto,       snapshot::LegendPlace::TopLeft,
                                                   snapshot::LegendPlace::TopRight,   snapshot::LegendPlace::BottomLeft,
                                                   snapshot::LegendPlace::BottomRight, snapshot::LegendPlace::Off};

}  // namespace

void draw_snapshot_dialog(UiContext& ui) {
  SnapshotPanel& panel = ui.state.snapshot_panel;
  char* const path = panel.path;
  static char title[256] = "", subtitle[256] = "", banner[128] = "";
  static int size[2] = {1920, 1080};
  static bool overlays = true, world_file = false;
  static int legend = 0;  // index into kLegendPlaces
  std::string& message = panel.result;
  panel.window_bottom = panel.result_bottom = 0;
  // The height follows the contents every frame (the result line appears after a write); the
  // width is fixed so text wraps.
  size_dialog_to_contents(32);
  if (!ImGui::Begin("Snapshot", &ui.state.panels.snapshot, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::End();
    return;
  }
  keep_dialog_on_screen();
  ImGui::TextWrapped("Writes the map as shown (extent, time, filters, colours) to a PNG, with a title, "
                     "legend, scale bar and attribution unless overlays are off.");
  ImGui::InputText("File", path, sizeof panel.path);
  ImGui::InputInt2("Size (px)", size);
  size[0] = std::clamp(size[0], 1, snapshot::kMaxSide);  // snapshot::valid_size, as `render --size`
  size[1] = std::clamp(size[1], 1, snapshot::kMaxSide);
  ImGui::Checkbox("Overlays", &overlays);
  ImGui::SameLine();
  ImGui::Checkbox("World file (.pgw, .prj)", &world_file);
  if (overlays) {
    // The hint is the title an empty field gets (the same default as `render`).
    const std::string default_title = snapshot::default_title(spec_for_state(ui.state, ui.data, {}, {}));
    ImGui::InputTextWithHint("Title", default_title.c_str(), title, sizeof title);
    ImGui::InputText("Subtitle", subtitle, sizeof subtitle);
    ImGui::InputTextWithHint("Banner", "e.g. UNCLASSIFIED", banner, sizeof banner);
    ImGui::Combo("Legend", &legend, "Where the data is not\0Top left\0Top right\0Bottom left\0Bottom right\0None\0");
  }
  const bool write = ImGui::Button("Write PNG") || panel.write_requested;
  panel.write_requested = false;
  if (write && ui.map) {
    ViewSnapshot request;
    request.path = path;
    request.width = size[0];
    request.height = size[1];
    request.overlays = overlays;
    request.world_file = world_file;
    request.text.title = title;
    request.text.subtitle = subtitle;
    request.text.banner = banner;
    request.legend = kLegendPlaces[std::clamp(legend, 0, 5)];
    try {
      message.clear();
      for (const std::string& written : ui.map->write_snapshot(ui, request))
        message += (message.empty() ? "Wrote " : "\nWrote ") + written;
    } catch (const std::exception& e) {
      message = std::string("Failed: ") + e.what();
    }
  }
  ImGui::SameLine();
  if (ImGui::Button("Record…")) ui.state.panels.record = true;  // a clip of the same view
  ImGui::SameLine();
  if (ImGui::Button("Close")) ui.state.panels.snapshot = false;
  if (!message.empty()) {
    ImGui::TextWrapped("%s", message.c_str());
    panel.result_bottom = ImGui::GetItemRectMax().y;
  }
  panel.window_bottom = ImGui::GetWindowPos().y + ImGui::GetWindowSize().y;
  ImGui::End();
}

}  // namespace patrolscope::ui
