// Inputs: one row per loaded file with its event and warning counts (click the count to read
// the warnings, or the error of a file that did not load), a remove button, and the loads in
// progress. Open… and the recent files add more; so does dropping files onto the window.
#include <imgui.h>

#include "panels.hpp"
#include "workspace.hpp"

namespace patrolscope::ui {

void draw_inputs(UiContext& ui) {
  AppState& s = ui.state;
  if (ImGui::Button("Open…")) show_open_dialog(s);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Add a data file (Ctrl+O); or drop files onto the window");
  if (!s.recent_files.empty()) {
    ImGui::SameLine();
    if (ImGui::Button("Recent ▾")) ImGui::OpenPopup("recent");
    if (ImGui::BeginPopup("recent")) {
      for (const std::string& path : s.recent_files)
        if (ImGui::Selectable(path.c_str())) ui.open_requests.emplace_back(path);
      ImGui::EndPopup();
    }
  }
  if (ui.loads && ui.loads->busy()) {
    const std::string label = "loading " + geo::source_name(ui.loads->loading()) + " · " +
                              std::to_string(static_cast<int>(ui.loads->seconds())) + " s" +
                              (ui.loads->queued() ? " · " + std::to_string(ui.loads->queued()) + " queued" : "");
    // (The loader reports no fraction: the bar moves to show it is working.)
    ImGui::ProgressBar(static_cast<float>(-ImGui::GetTime()) * 0.6f, ImVec2(-1, 0), label.c_str());
  }
  const std::vector<InputLayer>& layers = ui.data.layers;
  if (layers.empty()) {
    ImGui::TextDisabled("%zu events (no file rows)", ui.data.events.size());
    return;
  }
  if (!ImGui::BeginTable("inputs", 4, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg)) return;
  ImGui::TableSetupColumn("File", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("Events");
  ImGui::TableSetupColumn("Warn.");
  ImGui::TableSetupColumn("");
  for (std::size_t i = 0; i < layers.size(); ++i) {
    const InputLayer& layer = layers[i];
    ImGui::PushID(static_cast<int>(i));
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    const std::string name = geo::source_name(layer.path);
    if (!layer.error.empty()) ImGui::TextColored(ImVec4(0.75f, 0.1f, 0.1f, 1), "%s", name.c_str());
    else ImGui::TextUnformatted(name.c_str());
    if (ImGui::IsItemHovered())
      ImGui::SetTooltip("%s\n%s", layer.path.c_str(), layer.driver.empty() ? "" : ("read by GDAL's " + layer.driver + " driver").c_str());
    ImGui::TableNextColumn();
    ImGui::Text("%zu", layer.count);
    ImGui::TableNextColumn();
    const std::size_t problems = layer.warnings.size() + (layer.error.empty() ? 0 : 1);
    if (problems > 0) {
      ImGui::PushStyleColor(ImGuiCol_Text, layer.error.empty() ? IM_COL32(150, 90, 0, 255) : IM_COL32(170, 20, 10, 255));
      if (ImGui::SmallButton((layer.error.empty() ? std::to_string(problems) : "error").c_str())) ImGui::OpenPopup("problems");
      ImGui::PopStyleColor();
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("Click to read them");
      if (ImGui::BeginPopup("problems")) {
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 40);
        if (!layer.error.empty()) ImGui::TextColored(ImVec4(0.75f, 0.1f, 0.1f, 1), "%s", layer.error.c_str());
        for (std::size_t w = 0; w < layer.warnings.size() && w < 500; ++w) ImGui::TextUnformatted(layer.warnings[w].c_str());
        if (layer.warnings.size() > 500) ImGui::TextDisabled("… and %zu more (printed on stderr too)", layer.warnings.size() - 500);
        ImGui::PopTextWrapPos();
        ImGui::EndPopup();
      }
    } else {
      ImGui::TextDisabled("0");
    }
    ImGui::TableNextColumn();
    if (ImGui::SmallButton("×")) ui.remove_request = static_cast<int>(i);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Remove this input (its events leave the map)");
    ImGui::PopID();
  }
  ImGui::EndTable();
}

}  // namespace patrolscope::ui
