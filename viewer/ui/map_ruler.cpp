#include "map_ruler.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "geodesic.hpp"
#include "time.hpp"
#include "workspace.hpp"

namespace patrolscope::ui {
namespace {

constexpr float kSnapPixels = 10;     // a click this close to a timed vertex takes it
constexpr double kLegStepKm = 25;     // geodesic legs are drawn as pieces this long at most

const ImU32 kRulerInk = IM_COL32(255, 196, 0, 255);
const ImU32 kRulerCasing = IM_COL32(25, 25, 25, 230);

float distance(ImVec2 a, ImVec2 b) { return std::hypot(a.x - b.x, a.y - b.y); }

// Text lines in a white box at `at` (top left), kept inside the canvas and added to `placed`.
void text_box(ImDrawList* list, ImVec2 at, const std::vector<std::string>& lines, ImVec2 p0, ImVec2 p1,
              std::vector<ImVec4>& placed) {
  ImVec2 size(0, 0);
  for (const std::string& line : lines) {
    const ImVec2 s = ImGui::CalcTextSize(line.c_str());
    size.x = std::max(size.x, s.x);
    size.y += s.y;
  }
  const float pad = 5;
  at.x = std::clamp(at.x, p0.x + 4, std::max(p0.x + 4, p1.x - size.x - 2 * pad - 4));
  at.y = std::clamp(at.y, p0.y + 4, std::max(p0.y + 4, p1.y - size.y - 2 * pad - 4));
  const ImVec2 end(at.x + size.x + 2 * pad, at.y + size.y + 2 * pad);
  list->AddRectFilled(at, end, IM_COL32(255, 255, 255, 235), 4.0f);
  list->AddRect(at, end, IM_COL32(90, 90, 90, 200), 4.0f);
  placed.emplace_back(at.x, at.y, end.x, end.y);
  float y = at.y + pad;
  for (const std::string& line : lines) {
    list->AddText(ImVec2(at.x + pad, y), IM_COL32(20, 28, 40, 255), line.c_str());
    y += ImGui::CalcTextSize(line.c_str()).y;
  }
}

}  // namespace

void add_ruler_point(RulerState& ruler, geo::LonLat at, ImVec2 click, const geo::Event* track, const ToScreen& to_screen) {
  geo::RulerPoint point{at, std::nullopt};
  if (track != nullptr) {
    if (const auto vertex = nearest_vertex(*track, at)) {
      const auto screen = to_screen(vertex->at);
      if (screen && distance(*screen, click) <= kSnapPixels) point = *vertex;
    }
  }
  ruler.points.push_back(point);
}

void ruler_keys(RulerState& ruler) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantCaptureKeyboard || io.KeyCtrl) return;
  if (ImGui::IsKeyPressed('R', false)) ruler.on = !ruler.on;
  if (!ruler.on) return;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Backspace)) && !ruler.points.empty()) ruler.points.pop_back();
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) ruler.points.clear();
}

void draw_ruler(ImDrawList* list, const RulerState& ruler, const ToScreen& to_screen, ImVec2 p0, ImVec2 p1,
                std::vector<ImVec4>& placed) {
  if (!ruler.on) return;
  const float seam_jump = (p1.x - p0.x) * 0.5f;  // a step this long crosses the projection's seam
  std::vector<ImVec2> run;
  const auto flush = [&] {
    if (run.size() >= 2) {
      list->AddPolyline(run.data(), static_cast<int>(run.size()), kRulerCasing, ImDrawFlags_None, 4.5f);
      list->AddPolyline(run.data(), static_cast<int>(run.size()), kRulerInk, ImDrawFlags_None, 2.0f);
    }
    run.clear();
  };
  for (std::size_t i = 1; i < ruler.points.size(); ++i) {
    const geo::LonLat a = ruler.points[i - 1].at, b = ruler.points[i].at;
    const int pieces = std::clamp(static_cast<int>(std::ceil(geo::geodesic_km(a, b) / kLegStepKm)), 1, 512);
    std::vector<geo::LonLat> path{a};
    for (const geo::LonLat& p : geo::geodesic_interior_points(a, b, pieces)) path.push_back(p);
    path.push_back(b);
    for (const geo::LonLat& p : path) {
      const auto screen = to_screen(p);
      if (!screen) {
        flush();
        continue;
      }
      if (!run.empty() && distance(run.back(), *screen) > seam_jump) flush();
      run.push_back(*screen);
    }
    flush();
  }
  for (const geo::RulerPoint& point : ruler.points) {
    const auto screen = to_screen(point.at);
    if (!screen) continue;
    list->AddCircleFilled(*screen, 5.0f, kRulerCasing);
    list->AddCircleFilled(*screen, 3.5f, point.time ? IM_COL32(255, 255, 255, 255) : kRulerInk);
  }

  std::vector<std::string> lines;
  if (ruler.points.size() < 2) {
    lines = {"Ruler: click points on the map (they snap to track vertices and places)",
             "Backspace removes the last point, Esc clears, R ends"};
  } else {
    const geo::RulerMeasure m = geo::measure_ruler(ruler.points);
    lines.push_back(geo::format_distance(m.km) + " (geodesic, WGS 84" +
                    (m.legs > 1 ? ", " + std::to_string(m.legs) + " legs)" : ")"));
    char bearing[64];
    std::snprintf(bearing, sizeof bearing, "Initial bearing %03.0f°", m.initial_bearing_deg);
    lines.emplace_back(bearing);
    if (m.elapsed) lines.push_back("Elapsed " + geo::format_duration(*m.elapsed) + " (between track vertices)");
  }
  const auto last = ruler.points.empty() ? std::nullopt : to_screen(ruler.points.back().at);
  const ImVec2 at = last ? ImVec2(last->x + 12, last->y + 12) : ImVec2(p0.x + 8, p1.y - 80);
  text_box(list, at, lines, p0, p1, placed);
}

namespace {
std::string cursor_readout_text(geo::LonLat at) {
  return geo::format_lonlat_decimal(at) + "  ·  " + geo::format_lonlat_dms(at);
}
}  // namespace

ImVec4 cursor_readout_slot(ImVec2 p0, ImVec2 p1, const std::vector<ImVec4>& placed) {
  const ImVec2 size = ImGui::CalcTextSize(cursor_readout_text({-179.99999, -89.99999}).c_str());
  const float pad = 5, x = p0.x + 8;
  ImVec4 slot(x, p1.y - size.y - 18, x + size.x + 2 * pad, p1.y - 18 + 2 * pad);
  // Above any box already there (the attribution spans a narrow canvas).
  for (const ImVec4& o : placed)
    if (slot.x < o.z && o.x < slot.z && slot.y < o.w && o.y < slot.w) {
      const float h = slot.w - slot.y;
      slot.w = o.y - 4, slot.y = slot.w - h;
    }
  return slot;
}

void draw_cursor_readout(ImDrawList* list, geo::LonLat at, const ImVec4& slot, ImVec2 p0, ImVec2 p1) {
  std::vector<ImVec4> unused;  // the slot is already among the placed boxes
  text_box(list, ImVec2(slot.x, slot.y), {cursor_readout_text(at)}, p0, p1, unused);
}

}  // namespace patrolscope::ui
