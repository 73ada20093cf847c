// The window's layout: a menu bar, a left column (layers, filters, legend), a right column
// (details, active events, stats), the timeline along the bottom and the map in the middle.
// The tiles are recomputed from the window size every frame, so hiding a panel gives its room
// to the others.
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "map_canvas.hpp"
#include "map_ruler.hpp"
#include "panels.hpp"
#include "workspace.hpp"

namespace patrolscope::ui {
namespace {

constexpr ImGuiWindowFlags kTile = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                   ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings;

bool any_open(const AppState& s, Tile tile) {
  for (const PanelInfo& p : panel_table())
    if (p.tile == tile && s.panels.*p.open) return true;
  return false;
}

// Stacks the open panels of a column in [y, y + height), sharing the height by weight.
void draw_column(UiContext& ui, Tile column, float x, float y, float width, float height) {
  float total = 0;
  for (const PanelInfo& p : panel_table()) total += p.tile == column && ui.state.panels.*p.open ? p.weight : 0;
  for (const PanelInfo& p : panel_table()) {
    bool& open = ui.state.panels.*p.open;
    if (p.tile != column || !open) continue;
    const float h = column == Tile::Bottom ? height : std::floor(height * p.weight / total);
    ImGui::SetNextWindowPos(ImVec2(x, y), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(width, h), ImGuiCond_Always);
    if (ImGui::Begin(p.title, &open, kTile)) p.draw(ui);
    ImGui::End();
    y += h;
  }
}

void keyboard(UiContext& ui) {
  AppState& s = ui.state;
  ruler_keys(s.ruler);
  if (ImGui::GetIO().WantCaptureKeyboard || ui.data.range.from == geo::kNoTime) return;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false)) s.playing = !s.playing;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow))) s.cursor = geo::step_time(s.cursor, s.step, -1), s.playing = false;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow))) s.cursor = geo::step_time(s.cursor, s.step, 1), s.playing = false;
  // Home/End: the first and last matching event (time follows the filter).
  const geo::TimeRange matching = filtered_range(ui.data, s.filter);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Home)) && matching.from != geo::kNoTime) s.cursor = matching.from;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_End)) && matching.to != geo::kNoTime) s.cursor = matching.to;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) s.selected = -1;
  // N / P: the next / previous matching event in time (from the selection, else the cursor).
  for (const auto& [key, direction] : {std::pair{'N', 1}, std::pair{'P', -1}}) {
    if (ImGui::GetIO().KeyCtrl || !ImGui::IsKeyPressed(key)) continue;
    const geo::Seconds from = s.selected >= 0 && ui.data.events[s.selected].timed() ? ui.data.events[s.selected].start
                              : direction > 0 ? s.cursor - std::max<geo::Seconds>(s.window, 0)
                                              : s.cursor;
    const int next = step_event(ui.data.events, s.filter, from, direction);
    if (next >= 0) select_event(ui, next, true);
  }
  // Zoom to the data, the filtered set, the selection.
  if (ui.map && !ImGui::GetIO().KeyCtrl) {
    if (ImGui::IsKeyPressed('D', false)) ui.map->zoom_to(ui, MapCanvas::ZoomTo::Data);
    if (ImGui::IsKeyPressed('F', false)) ui.map->zoom_to(ui, MapCanvas::ZoomTo::Filtered);
    if (ImGui::IsKeyPressed('S', false)) ui.map->zoom_to(ui, MapCanvas::ZoomTo::Selection);
  }
}

// Keys 1–9 recall a bookmark, Ctrl+1–9 store one (also while typing elsewhere: no field
// takes Ctrl+digits).
void bookmark_keys(UiContext& ui) {
  const ImGuiIO& io = ImGui::GetIO();
  for (int slot = 1; slot <= kBookmarkSlots; ++slot) {
    if (!ImGui::IsKeyPressed('0' + slot, false)) continue;
    if (io.KeyCtrl) store_bookmark(ui.state, slot);
    else if (!io.WantCaptureKeyboard && !recall_bookmark(ui.state, slot))
      ui.state.report("No bookmark under " + std::to_string(slot) + " (Ctrl+" + std::to_string(slot) + " stores the current view)", false);
  }
}

void menu_bar(UiContext& ui) {
  AppState& s = ui.state;
  if (!ImGui::BeginMainMenuBar()) return;
  if (ImGui::BeginMenu("File")) {
    if (ImGui::MenuItem("Open…", "Ctrl+O")) show_open_dialog(s);
    if (ImGui::BeginMenu("Open recent", !s.recent_files.empty())) {
      for (const std::string& path : s.recent_files)
        if (ImGui::MenuItem(path.c_str())) ui.open_requests.emplace_back(path);
      ImGui::EndMenu();
    }
    ImGui::Separator();
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
    ImGui::Separator();
    if (ImGui::MenuItem("Zoom to data", "D", false, ui.map != nullptr)) ui.map->zoom_to(ui, MapCanvas::ZoomTo::Data);
    if (ImGui::MenuItem("Zoom to filtered", "F", false, ui.map != nullptr))
      ui.map->zoom_to(ui, MapCanvas::ZoomTo::Filtered);
    if (ImGui::MenuItem("Zoom to selection", "S", false, ui.map != nullptr && s.selected >= 0))
      ui.map->zoom_to(ui, MapCanvas::ZoomTo::Selection);
    ImGui::Separator();
    ImGui::MenuItem("Ruler", "R", &s.ruler.on);
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("View")) {
    for (const PanelInfo& p : panel_table()) {
      if (!p.in_view_menu) continue;
      if (p.tile == Tile::Floating) ImGui::Separator();
      ImGui::MenuItem(p.title, nullptr, &(s.panels.*p.open));
    }
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Help")) {
    ImGui::TextUnformatted("Map: drag to pan, wheel to zoom about the cursor, double-click to zoom in,\n"
                           "hover for a summary, click to select.\n"
                           "Timeline: wheel zooms, drag pans, click moves the cursor, click a band to select.\n"
                           "Keys: Space play/pause, ←/→ step, Home/End first/last matching event, Esc deselect,\n"
                           "D / F / S zoom to the data / the filtered events / the selection,\n"
                           "R ruler (click points; Backspace removes the last, Esc clears),\n"
                           "N / P next / previous event, Ctrl+F find, Ctrl+O open, drop files to add them,\n"
                           "1–9 recall a bookmark, Ctrl+1–9 store one; Shift+drag on the timeline sets the window.");
    ImGui::EndMenu();
  }
  // Right side: what is loaded and what is shown.
  int shown = 0;
  for (const geo::Event& e : ui.data.events) shown += s.filter.matches(e);
  const std::string status = std::to_string(ui.active.size()) + (s.window_mode == WindowMode::All ? " shown · " : " active in window · ") + std::to_string(shown) +
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
  if (io.KeyCtrl && ImGui::IsKeyPressed('O', false)) show_open_dialog(s);
  if (io.KeyCtrl && ImGui::IsKeyPressed('F', false)) s.panels.find = true, s.find_panel.focus = true;
  keyboard(ui);
  bookmark_keys(ui);
  menu_bar(ui);

  const ImVec2 display = io.DisplaySize;
  const float top = ImGui::GetFrameHeight();
  // Column widths follow the font (the UI scale); a small window gives the map at least
  // half its width, and the panels scroll.
  const float em = ImGui::GetFontSize();
  const float side_max = display.x * 0.25f;
  const float left_w = any_open(s, Tile::Left) ? std::min(std::clamp(display.x * 0.2f, em * 15, em * 23), side_max) : 0;
  const float right_w = any_open(s, Tile::Right) ? std::min(std::clamp(display.x * 0.22f, em * 17, em * 28), side_max) : 0;
  const float timeline_h = any_open(s, Tile::Bottom) ? std::min(std::clamp(display.y * 0.25f, em * 13, em * 21), display.y * 0.3f) : 0;
  const float column_h = display.y - top - timeline_h;

  draw_column(ui, Tile::Left, 0, top, left_w, column_h);
  draw_column(ui, Tile::Right, display.x - right_w, top, right_w, column_h);
  draw_column(ui, Tile::Bottom, 0, display.y - timeline_h, display.x, timeline_h);

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
  draw_status_line(ui);  // over the map's bottom edge

  for (const PanelInfo& p : panel_table())  // floating panels open their own windows
    if (p.tile == Tile::Floating && s.panels.*p.open) p.draw(ui);
}

}  // namespace patrolscope::ui
