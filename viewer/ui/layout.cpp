// The window's layout: a menu bar, a left column (layers, filters, legend), a right column
// (details, active events, stats), the timeline along the bottom and the map in the middle.
// The tiles are recomputed from the window size every frame, so hiding a panel gives its room
// to the others.
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "map_canvas.hpp"
#include "panels.hpp"

namespace patrolscope::ui {
namespace {

constexpr ImGuiWindowFlags kTile = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                   ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings;

struct Tile {
  const char* title;
  bool* open;
  float weight;
  void (*draw)(UiContext&);
};

// Stacks the open tiles of a column in [y, y + height), sharing the height by weight.
void draw_column(UiContext& ui, float x, float y, float width, float height, std::initializer_list<Tile> tiles) {
  float total = 0;
  for (const Tile& t : tiles) total += *t.open ? t.weight : 0;
  for (const Tile& t : tiles) {
    if (!*t.open) continue;
    const float h = std::floor(height * t.weight / total);
    ImGui::SetNextWindowPos(ImVec2(x, y), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(width, h), ImGuiCond_Always);
    if (ImGui::Begin(t.title, t.open, kTile)) t.draw(ui);
    ImGui::End();
    y += h;
  }
}

void keyboard(UiContext& ui) {
  AppState& s = ui.state;
  if (ImGui::GetIO().WantCaptureKeyboard || ui.data.range.from == geo::kNoTime) return;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false)) s.playing = !s.playing;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow))) s.cursor = geo::step_time(s.cursor, s.step, -1), s.playing = false;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow))) s.cursor = geo::step_time(s.cursor, s.step, 1), s.playing = false;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Home))) s.cursor = ui.data.range.from;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_End))) s.cursor = ui.data.range.to;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) s.selected = -1;
}

void menu_bar(UiContext& ui) {
  AppState& s = ui.state;
  if (!ImGui::BeginMainMenuBar()) return;
  if (ImGui::BeginMenu("File")) {
    if (ImGui::MenuItem("Snapshot…", "Ctrl+S")) s.panels.snapshot = true;
    if (ImGui::MenuItem("Record…")) s.panels.record = true;
    ImGui::Separator();
    if (ImGui::MenuItem("Quit", "Ctrl+Q")) ui.request_quit = true;
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Map")) {
    for (const geo::Preset& preset : geo::presets())
      if (ImGui::MenuItem(preset.title, nullptr, s.projection == preset.name)) {
        s.projection = preset.name;
        s.fit_view = true;  // frame the preset when its scene is on screen
      }
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("View")) {
    ImGui::MenuItem("Layers", nullptr, &s.panels.layers);
    ImGui::MenuItem("Filters", nullptr, &s.panels.filters);
    ImGui::MenuItem("Legend", nullptr, &s.panels.legend);
    ImGui::MenuItem("Timeline", nullptr, &s.panels.timeline);
    ImGui::MenuItem("Details", nullptr, &s.panels.details);
    ImGui::MenuItem("Active at cursor", nullptr, &s.panels.active);
    ImGui::MenuItem("Stats", nullptr, &s.panels.stats);
    ImGui::Separator();
    ImGui::MenuItem("ImGui demo", nullptr, &s.panels.demo);
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Help")) {
    ImGui::TextUnformatted("Map: drag to pan, wheel to zoom about the cursor, double-click to zoom in,\n"
                           "hover for a summary, click to select.\n"
                           "Timeline: wheel zooms, drag pans, click moves the cursor, click a band to select.\n"
                           "Keys: Space play/pause, ←/→ step, Home/End first/last event, Esc deselect.");
    ImGui::EndMenu();
  }
  // Right side: what is loaded and what is shown.
  int shown = 0;
  for (const geo::Event& e : ui.data.events) shown += s.filter.matches(e);
  const std::string status = std::to_string(ui.active.size()) + " active · " + std::to_string(shown) +
                             " of " + std::to_string(ui.data.events.size()) + " events match";
  ImGui::SameLine(ImGui::GetWindowWidth() - ImGui::CalcTextSize(status.c_str()).x - 16);
  ImGui::TextDisabled("%s", status.c_str());
  ImGui::EndMainMenuBar();
}

}  // namespace

void draw_layout(UiContext& ui) {
  AppState& s = ui.state;
  const ImGuiIO& io = ImGui::GetIO();
  if (io.KeyCtrl && ImGui::IsKeyPressed('Q', false)) ui.request_quit = true;
  if (io.KeyCtrl && ImGui::IsKeyPressed('S', false)) s.panels.snapshot = true;
  keyboard(ui);
  menu_bar(ui);

  const ImVec2 display = io.DisplaySize;
  const float top = ImGui::GetFrameHeight();
  const float left_w = (s.panels.layers || s.panels.filters || s.panels.legend) ? std::clamp(display.x * 0.2f, 250.0f, 320.0f) : 0;
  const float right_w = (s.panels.details || s.panels.active || s.panels.stats) ? std::clamp(display.x * 0.25f, 300.0f, 400.0f) : 0;
  const float timeline_h = s.panels.timeline ? std::clamp(display.y * 0.25f, 190.0f, 300.0f) : 0;
  const float column_h = display.y - top - timeline_h;

  draw_column(ui, 0, top, left_w, column_h,
              {{"Layers", &s.panels.layers, 0.27f, draw_layers},
               {"Filters", &s.panels.filters, 0.45f, draw_filters},
               {"Legend", &s.panels.legend, 0.28f, draw_legend}});
  draw_column(ui, display.x - right_w, top, right_w, column_h,
              {{"Details", &s.panels.details, 0.42f, draw_details},
               {"Active at cursor", &s.panels.active, 0.24f, draw_active_list},
               {"Events per year", &s.panels.stats, 0.34f, draw_stats}});
  if (s.panels.timeline) {
    ImGui::SetNextWindowPos(ImVec2(0, display.y - timeline_h), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(display.x, timeline_h), ImGuiCond_Always);
    if (ImGui::Begin("Timeline", &s.panels.timeline, kTile)) draw_timeline(ui);
    ImGui::End();
  }

  // The map fills what is left, under every other window.
  ImGui::SetNextWindowPos(ImVec2(left_w, top), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(display.x - left_w - right_w, column_h), ImGuiCond_Always);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0);
  if (ImGui::Begin("Map", nullptr, kTile | ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoBringToFrontOnFocus |
                                        ImGuiWindowFlags_NoScrollWithMouse)) {
    if (ui.map) ui.map->draw(ui, display.x - left_w - right_w, column_h);
  }
  ImGui::End();
  ImGui::PopStyleVar(2);

  if (s.panels.snapshot) draw_snapshot_dialog(ui);
  if (s.panels.record || s.background_job) draw_record_dialog(ui);  // a recording is polled even when hidden
  if (s.panels.demo) ImGui::ShowDemoWindow(&s.panels.demo);
}

}  // namespace patrolscope::ui
