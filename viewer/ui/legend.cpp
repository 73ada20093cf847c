// The legend: what the colours mean and how each is drawn (lines, dashed routes, areas,
// places), for exactly the events the map shows now in its visible area (render::drawn_events,
// the briefing legend's rule); entries come from geo's colour rule through
// render::legend_entries, as in the snapshot legend.
#include <imgui.h>

#include <algorithm>
#include <optional>

#include "map_canvas.hpp"
#include "panels.hpp"
#include "render/style.hpp"

namespace patrolscope::ui {
namespace {

constexpr float kSwatchW = 26;

// One swatch cell in the style of a map mark.
void swatch(unsigned mark, ImU32 color) {
  ImDrawList* list = ImGui::GetWindowDrawList();
  const ImVec2 p = ImGui::GetCursorScreenPos();
  const float h = ImGui::GetTextLineHeight(), mid = p.y + h * 0.5f;
  const ImU32 opaque = color | IM_COL32(0, 0, 0, 255);
  switch (mark) {
    case render::kLineMark: list->AddLine(ImVec2(p.x + 2, mid), ImVec2(p.x + 22, mid), opaque, 3.5f); break;
    case render::kDashedMark:
      for (float x = p.x + 2; x < p.x + 22; x += 8) list->AddLine(ImVec2(x, mid), ImVec2(std::min(x + 5, p.x + 22), mid), opaque, 3.5f);
      break;
    case render::kAreaMark: {
      render::Rgba fill;
      fill.r = (opaque & 0xff) / 255.f, fill.g = (opaque >> 8 & 0xff) / 255.f, fill.b = (opaque >> 16 & 0xff) / 255.f;
      fill.a = render::style::area_alpha();
      list->AddRectFilled(ImVec2(p.x + 3, p.y + 2), ImVec2(p.x + 21, p.y + h - 2), fill.packed(), 2);
      fill.a = render::style::area_outline_alpha();
      list->AddRect(ImVec2(p.x + 3, p.y + 2), ImVec2(p.x + 21, p.y + h - 2), fill.packed(), 2, 0, 1.5f);
      break;
    }
    case render::kPointMark:
      list->AddCircleFilled(ImVec2(p.x + 12, mid), 6, render::style::outline().packed());
      list->AddCircleFilled(ImVec2(p.x + 12, mid), 4.5f, opaque);
      break;
  }
  ImGui::Dummy(ImVec2(kSwatchW, h));
  ImGui::SameLine(0, 0);
}

constexpr unsigned kMarks[] = {render::kLineMark, render::kDashedMark, render::kAreaMark, render::kPointMark};

// A row per zone layer drawn in the view (its outline colour, its name and quality), after
// the styles: render::shown_zone_layers, as the briefing legend lists them.
void draw_zone_entries(const UiContext& ui, const std::vector<std::size_t>& shown) {
  if (!ui.scene || shown.empty()) return;
  ImGui::Separator();
  const auto& layers = ui.scene->zones.layers;
  for (std::size_t i : shown) {
    ImDrawList* list = ImGui::GetWindowDrawList();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float h = ImGui::GetTextLineHeight();
    render::Rgba color = render::style::zone(i);
    if (render::style::zone_is_area(layers[i])) {  // as the map draws it: a light fill and outline, or a line
      list->AddRect(ImVec2(p.x + 3, p.y + 2), ImVec2(p.x + 21, p.y + h - 2), color.packed(), 0, 0, 1.5f);
      color.a = render::style::zone_fill_alpha() * 2;
      list->AddRectFilled(ImVec2(p.x + 4, p.y + 3), ImVec2(p.x + 20, p.y + h - 3), color.packed());
    } else {
      list->AddLine(ImVec2(p.x + 3, p.y + h * 0.5f), ImVec2(p.x + 21, p.y + h * 0.5f), color.packed(),
                    render::style::zone_line_width_px() + 0.6f);
    }
    ImGui::Dummy(ImVec2(kSwatchW, h));
    ImGui::SameLine(0, 6);
    ImGui::TextUnformatted(layers[i].label.c_str());
  }
}

// What the map draws now, recomputed only when the frame, the filter or the data changed.
struct LegendCache {
  const geo::Scene* scene = nullptr;
  const std::vector<geo::Event>* events = nullptr;
  std::size_t event_count = 0;
  std::optional<render::FrameState> frame;
  std::optional<geo::Filter> filter;
  render::DrawnEvents drawn;
  std::vector<std::size_t> zones;
};

}  // namespace

void draw_legend(UiContext& ui) {
  const AppState& s = ui.state;
  static const char* kTitles[] = {"domain", "participants", "force type", "kind"};
  ImGui::TextDisabled("Coloured by %s", kTitles[static_cast<int>(s.color_by)]);
  // What the map draws now: render::drawn_events, the rule the briefing legend uses (the
  // filtered events with a piece in the visible area in the shown span; in cumulative mode
  // the older tracks too, areas and places only while active).
  static LegendCache cache;
  if (ui.scene && ui.map) {
    render::FrameState frame = ui.map->frame_state(ui);
    frame.hovered_feature = frame.selected_feature = -1;  // highlights change nothing listed
    if (cache.scene != ui.scene || cache.events != &ui.data.events || cache.event_count != ui.data.events.size() ||
        cache.frame != frame || cache.filter != s.filter) {
      cache = {ui.scene, &ui.data.events, ui.data.events.size(), frame, s.filter,
               render::drawn_events(*ui.scene, ui.data.events, s.filter, frame), render::shown_zone_layers(*ui.scene, frame)};
    }
  } else {
    cache = {};
  }
  const std::vector<render::ShownEvent>& shown = cache.drawn.shown;
  const std::size_t outside = cache.drawn.outside.size();
  const auto outside_note = [&] {
    if (outside > 0)
      ImGui::TextDisabled("%zu more outside the visible area (D: zoom to data)", outside);
  };
  const auto entries = render::legend_entries(ui.data.facets, s.color_by, shown);
  ui.state.map_readout.legend_rows = static_cast<int>(entries.size());
  ui.state.map_readout.legend_outside = outside;
  if (entries.empty()) {
    ImGui::TextWrapped("Nothing drawn: no event passing the filters is in the visible area in the shown span.");
    outside_note();
    draw_zone_entries(ui, cache.zones);
    return;
  }
  unsigned all_marks = 0;
  for (const auto& entry : entries) all_marks |= entry.marks;
  for (const render::LegendEntry& entry : entries) {
    const ImU32 color = entry.color.packed();
    for (unsigned mark : kMarks) {
      if (!(all_marks & mark)) continue;
      if (entry.marks & mark) swatch(mark, color);
      else ImGui::Dummy(ImVec2(kSwatchW, ImGui::GetTextLineHeight())), ImGui::SameLine(0, 0);
    }
    ImGui::SameLine(0, 6);
    ImGui::TextUnformatted(entry.label.c_str());
  }
  ImGui::Spacing();
  ImGui::Separator();
  // The styles, only those drawn.
  const ImU32 ink = IM_COL32(60, 70, 85, 255);
  static const char* kTrack[] = {"track, fading with age; arrow: where it is at the cursor",
                                 "track, within the window", "track; older than the window: dimmed", "track"};
  if (all_marks & render::kLineMark) {
    swatch(render::kLineMark, ink);
    ImGui::TextWrapped("%s", kTrack[static_cast<int>(s.window_mode)]);
  }
  if (all_marks & render::kDashedMark) {
    swatch(render::kDashedMark, ink);
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.72f, 0.40f, 0.0f, 1));
    ImGui::TextWrapped("schematic route through named waypoints, not a real track");
    ImGui::PopStyleColor();
  }
  if (all_marks & render::kAreaMark) {
    swatch(render::kAreaMark, ink);
    ImGui::TextWrapped("exercise area, while active (small areas drawn at a minimum size)");
  }
  if (all_marks & render::kPointMark) {
    swatch(render::kPointMark, ink);
    ImGui::TextWrapped("place, while active");
  }
  outside_note();
  draw_zone_entries(ui, cache.zones);
}

}  // namespace patrolscope::ui
