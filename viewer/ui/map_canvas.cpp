#include "map_canvas.hpp"

#include <glad/gl.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>

#include "framing.hpp"
#include "map_ruler.hpp"
#include "render/style.hpp"
#include "workspace.hpp"

namespace patrolscope::ui {
namespace {

void halo_text(ImDrawList* list, ImVec2 pos, ImU32 color, const char* text) {
  const ImU32 halo = IM_COL32(255, 255, 255, 200);
  for (const ImVec2 d : {ImVec2(-1, 0), ImVec2(1, 0), ImVec2(0, -1), ImVec2(0, 1)})
    list->AddText(ImVec2(pos.x + d.x, pos.y + d.y), halo, text);
  list->AddText(pos, color, text);
}

}  // namespace

MapCanvas::MapCanvas() : renderer_(std::make_unique<render::MapRenderer>()) {}
MapCanvas::~MapCanvas() = default;

void MapCanvas::set_scene(std::shared_ptr<const geo::Scene> scene, const geo::Extent& view, bool fit_view,
                          std::vector<std::uint8_t> flags) {
  scene_ = std::move(scene);
  flags_ = std::move(flags);
  track_level_ = -1;
  detail_.reset(scene_.get());
  picker_ = scene_ ? ScenePicker(*scene_) : ScenePicker();
  if (scene_) renderer_->upload(*scene_, flags_);
  last_frame_.reset();
  camera_.set_default_view(view);
  if (fit_view) camera_.fit_extent(view);
}

render::FrameState MapCanvas::frame_state(const UiContext& ui) const {
  render::FrameState f = frame_for_state(ui.state, scene_ ? scene_->facets : ui.data.facets);
  f.camera = camera_.camera(ui.state);
  f.hovered_feature = ui.state.hovered;
  f.pixel_scale = camera_.pixel_scale();
  return f;
}

bool MapCanvas::event_extent(int index, geo::Extent& e) const {
  if (!scene_ || index < 0 || !picker_.feature_extent(static_cast<std::uint32_t>(index), e)) return false;
  e = {e.xmin + scene_->origin_x, e.ymin + scene_->origin_y, e.xmax + scene_->origin_x, e.ymax + scene_->origin_y};
  return true;
}

bool MapCanvas::zoom_to(const UiContext& ui, ZoomTo what) {
  if (!scene_) return false;
  geo::MapPoints corners;
  for (int i = 0; i < static_cast<int>(ui.data.events.size()); ++i) {
    const bool take = what == ZoomTo::Data       ? true
                      : what == ZoomTo::Filtered ? ui.state.filter.matches(ui.data.events[static_cast<std::size_t>(i)])
                                                 : i == ui.state.selected;
    geo::Extent e;
    if (!take || !event_extent(i, e)) continue;
    corners.x.insert(corners.x.end(), {e.xmin, e.xmax});
    corners.y.insert(corners.y.end(), {e.ymin, e.ymax});
  }
  geo::FrameRequest request;
  request.width_px = std::max(1, static_cast<int>(rect().width));
  request.height_px = std::max(1, static_cast<int>(rect().height));
  request.margin_px = 0.05 * std::min(request.width_px, request.height_px);
  request.min_span = scene_->full_extent.width() / 200;  // a lone point: a small region around it
  const auto framed = geo::frame_extent(corners, request);
  if (framed) camera_.fit_extent(*framed);
  return framed.has_value();
}

void MapCanvas::show_event(AppState& state, int index) const {
  geo::Extent extent;
  if (event_extent(index, extent)) bring_into_view(state, extent, rect().width, rect().height);
}

void MapCanvas::draw(UiContext& ui, float width, float height) {
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 scale = ImGui::GetIO().DisplayFramebufferScale;
  camera_.set_canvas({origin.x, origin.y, width, height}, scale.x, scale.y);
  camera_.apply_pending(ui.state);
  const CanvasRect& r = camera_.rect();

  ImGui::InvisibleButton("map", ImVec2(r.width, r.height), ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
  handle_input(ui);

  const render::FrameState frame = frame_state(ui);
  if (scene_) update_track_detail(frame.camera.units_per_pixel);
  if (scene_ && frame != last_frame_) render_map(frame);
  ImDrawList* list = ImGui::GetWindowDrawList();
  const ImVec2 p1(r.x + r.width, r.y + r.height);
  if (framebuffer_ && scene_)
    list->AddImage(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(framebuffer_->texture())), origin, p1,
                   ImVec2(0, 1), ImVec2(1, 0));
  else
    list->AddRectFilled(origin, p1, render::style::sea().packed());
  draw_overlays(ui);
}

void MapCanvas::update_track_detail(double units_per_pixel) {
  const int wanted = detail_.level_for(units_per_pixel);
  if (wanted == track_level_) return;
  track_level_ = wanted;
  renderer_->upload_tracks(wanted < 0 ? scene_->tracks : detail_.tracks(wanted), flags_);
  last_frame_.reset();  // redraw with the new detail
}

void MapCanvas::handle_input(UiContext& ui) {
  AppState& s = ui.state;
  const ImGuiIO& io = ImGui::GetIO();
  const bool hovered = ImGui::IsItemHovered(), active = ImGui::IsItemActive();
  const bool released = ImGui::IsItemDeactivated();  // read now: the tooltip below becomes the last item
  const double px = io.MousePos.x - rect().x, py = io.MousePos.y - rect().y;
  if (!scene_ || s.units_per_pixel <= 0) return;
  camera_.handle_input(s, scene_->full_extent, hovered, active);

  // Hover and click-to-select.
  if (hovered && !active) s.hovered = pick(ui, px, py);  // else a panel's hover stands
  // Measuring, the tooltip would cover the ruler's box: the highlight and the read-out remain.
  if (hovered && s.hovered >= 0 && !s.ruler.on) {
    ImGui::BeginTooltip();
    event_tooltip(ui.data.events[s.hovered]);
    track_readout_tooltip(ui, px, py);
    ImGui::TextDisabled("click for details");
    ImGui::EndTooltip();
  }
  hover_lonlat_ = hovered ? lonlat_at(ui, px, py) : std::nullopt;
  // A click without a drag selects what is under the mouse (or clears the selection); with
  // the ruler on it adds a ruler point instead.
  if (released && io.MouseDragMaxDistanceSqr[0] < 16 && ImGui::IsMouseReleased(ImGuiMouseButton_Left)) {
    const int picked = pick(ui, px, py);
    if (!s.ruler.on) {
      select_event(ui, picked, false, false);
    } else if (const auto at = lonlat_at(ui, px, py)) {
      const geo::Event* track = picked >= 0 ? &ui.data.events[static_cast<std::size_t>(picked)] : nullptr;
      add_ruler_point(s.ruler, *at, io.MousePos, track, [&](geo::LonLat p) { return screen_point(ui, p); });
    }
  }
}

// Under the mouse on a timed track: the time, position, speed and heading there (the nearest
// vertex; speed and heading computed along the geodesic of its segment).
void MapCanvas::track_readout_tooltip(const UiContext& ui, double px, double py) {
  const geo::Event& e = ui.data.events[ui.state.hovered];
  if (e.geometry.lines.empty() || !e.timed()) return;
  const auto at = lonlat_at(ui, px, py);
  if (!at) return;
  const auto r = track_readout_near(e, *at);
  if (!r) return;
  ImGui::Separator();
  std::string when = geo::format_time(r->time).substr(0, 16);
  if (when.size() > 10) when[10] = ' ';
  ImGui::Text("%s UTC", when.c_str());
  ImGui::TextUnformatted(geo::format_lonlat_decimal(r->position).c_str());
  if (r->has_motion)
    ImGui::Text("%.1f kn, heading %03.0f° (computed)", r->speed_knots, r->heading_deg);
  else
    ImGui::TextDisabled("no speed here (no movement or no duration)");
}

const geo::MapProjection* MapCanvas::ui_projection(const UiContext& ui) const {
  if (readout_projection_name_ != ui.scene_projection) {
    readout_projection_.reset();
    readout_projection_name_ = ui.scene_projection;
    try {
      readout_projection_ = geo::MapProjection::create(ui.scene_projection);
    } catch (const std::exception&) {
      // (the scene was built with it, so this does not happen)
    }
  }
  return readout_projection_ ? &*readout_projection_ : nullptr;
}

std::optional<geo::LonLat> MapCanvas::lonlat_at(const UiContext& ui, double px, double py) const {
  const geo::MapProjection* projection = ui_projection(ui);
  if (projection == nullptr) return std::nullopt;
  const render::Camera cam = camera_.canvas_camera(ui.state);
  double x = cam.map_x(px), y = cam.map_y(py);
  projection->inverse(std::span(&x, 1), std::span(&y, 1));
  if (!std::isfinite(x) || !std::isfinite(y)) return std::nullopt;
  return geo::LonLat{x, y};
}

std::optional<ImVec2> MapCanvas::screen_point(const UiContext& ui, geo::LonLat p) const {
  const geo::MapProjection* projection = ui_projection(ui);
  if (projection == nullptr) return std::nullopt;
  double x = p.lon, y = p.lat;
  projection->forward(std::span(&x, 1), std::span(&y, 1));
  if (!std::isfinite(x) || !std::isfinite(y)) return std::nullopt;
  const render::Camera cam = camera_.canvas_camera(ui.state);
  return ImVec2(static_cast<float>(cam.pixel_x(x)) + rect().x, static_cast<float>(cam.pixel_y(y)) + rect().y);
}

void MapCanvas::render_map(const render::FrameState& frame) {
  const int w = frame.camera.width_px, h = frame.camera.height_px;
  GLint previous = 0;
  glGetIntegerv(GL_FRAMEBUFFER_BINDING, &previous);
  if (!framebuffer_ || framebuffer_->width() != w || framebuffer_->height() != h) {
    framebuffer_.reset();  // free the old one first
    framebuffer_.emplace(w, h, 4);
  }
  framebuffer_->bind();
  renderer_->draw(frame);
  framebuffer_->resolve();
  glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(previous));
  last_frame_ = frame;
}

std::vector<std::string> MapCanvas::write_snapshot(const UiContext& ui, const ViewSnapshot& snapshot) {
  if (!scene_) throw std::runtime_error("no map yet");
  GLint previous = 0;
  glGetIntegerv(GL_FRAMEBUFFER_BINDING, &previous);
  const auto written = write_view_snapshot(*scene_, camera(ui.state).extent(), ui.state, ui.data, snapshot);
  glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(previous));
  return written;
}

int MapCanvas::pick(const UiContext& ui, double px, double py) const {
  const CanvasRect& r = rect();
  if (!scene_ || px < 0 || py < 0 || px > r.width || py > r.height) return -1;
  const AppState& s = ui.state;
  const render::Camera cam = camera_.canvas_camera(s);
  PickQuery q;
  q.x = cam.map_x(px) - scene_->origin_x;
  q.y = cam.map_y(py) - scene_->origin_y;
  q.radius = 6 * s.units_per_pixel;
  const TimeSpan active = active_span(s, ui.data);  // what is drawn bright
  q.timed = s.window_mode != WindowMode::All;
  q.now = static_cast<double>(active.to - scene_->t0);
  q.active_from = static_cast<double>(active.from - scene_->t0);
  q.drawn_from = s.window_mode == WindowMode::Cumulative ? -std::numeric_limits<double>::infinity() : q.active_from;
  q.tracks = s.layers.tracks, q.points = s.layers.points, q.areas = s.layers.areas;
  q.shown = [&](std::uint32_t feature) {
    return feature < ui.data.events.size() && s.filter.matches(ui.data.events[feature]);
  };
  return picker_.pick(q);
}

void MapCanvas::draw_overlays(UiContext& ui) {
  ImDrawList* list = ImGui::GetWindowDrawList();
  const CanvasRect& canvas = rect();
  const ImVec2 p0(canvas.x, canvas.y), p1(canvas.x + canvas.width, canvas.y + canvas.height);
  list->PushClipRect(p0, p1, true);
  const AppState& s = ui.state;
  std::vector<ImVec4> placed;  // boxes drawn so far (x0, y0, x1, y1): labels avoid them
  const auto box = [&](ImVec2 a, ImVec2 b, ImU32 fill) {
    list->AddRectFilled(a, b, fill, 4.0f);
    placed.emplace_back(a.x, a.y, b.x, b.y);
  };

  // The instant (or span) on show, top left, and the filter under it.
  const ImU32 ink = IM_COL32(20, 28, 40, 255);
  std::string when;
  switch (s.window_mode) {
    case WindowMode::Trail:
      when = geo::format_time(s.cursor).substr(0, 16) + " UTC  ·  trail " + geo::format_duration(s.window);
      when.replace(10, 1, " ");
      break;
    case WindowMode::Fixed: when = geo::format_date(ui.span.from) + " → " + geo::format_date(ui.span.to); break;
    case WindowMode::Cumulative: when = "Up to " + geo::format_date(s.cursor); break;
    case WindowMode::All: when = "All times"; break;
  }
  const ImVec2 when_size = ImGui::CalcTextSize(when.c_str());
  box(ImVec2(p0.x + 8, p0.y + 8), ImVec2(p0.x + 20 + when_size.x, p0.y + 14 + when_size.y), IM_COL32(255, 255, 255, 225));
  list->AddText(ImVec2(p0.x + 14, p0.y + 11), ink, when.c_str());
  if (!s.filter.empty()) {
    const std::string text = "Filter: " + s.filter.describe();
    const ImVec2 size = ImGui::CalcTextSize(text.c_str());
    const ImVec2 a(p0.x + 8, p0.y + 20 + when_size.y);
    box(a, ImVec2(a.x + 12 + size.x, a.y + 6 + size.y), IM_COL32(255, 244, 214, 230));
    list->AddText(ImVec2(a.x + 6, a.y + 3), IM_COL32(120, 70, 0, 255), text.c_str());
  }
  // The region and the land's attribution, bottom right.
  std::string credit = ui.scene_projection;
  if (const geo::Preset* preset = geo::find_preset(ui.scene_projection)) credit = preset->title;
  if (!ui.data.coastline_attribution.empty()) credit += "  ·  " + ui.data.coastline_attribution;
  const ImVec2 credit_size = ImGui::CalcTextSize(credit.c_str());
  box(ImVec2(p1.x - credit_size.x - 10, p1.y - credit_size.y - 6), ImVec2(p1.x + 4, p1.y + 4), IM_COL32(255, 255, 255, 190));
  list->AddText(ImVec2(p1.x - credit_size.x - 5, p1.y - credit_size.y - 3), IM_COL32(60, 60, 60, 255), credit.c_str());

  // The cursor read-out's corner is kept free (drawn last, over the ruler).
  const ImVec4 readout_slot = cursor_readout_slot(p0, p1, placed);
  if (scene_) placed.push_back(readout_slot);

  // Graticule labels where the lines leave the view, skipping any that would overlap.
  if (scene_ && s.layers.graticule && s.layers.labels) {
    const render::Camera cam = camera_.canvas_camera(s);
    geo::Extent view = cam.extent();
    view.xmin -= scene_->origin_x, view.xmax -= scene_->origin_x;
    view.ymin -= scene_->origin_y, view.ymax -= scene_->origin_y;
    for (const geo::Label& label : geo::graticule_labels(*scene_, view)) {
      const ImVec2 size = ImGui::CalcTextSize(label.text.c_str());
      float x = static_cast<float>(cam.pixel_x(label.x + scene_->origin_x)) + canvas.x;
      float y = static_cast<float>(cam.pixel_y(label.y + scene_->origin_y)) + canvas.y;
      x = std::clamp(x - size.x * 0.5f, p0.x + 3, p1.x - size.x - 3);
      y = std::clamp(y - size.y * 0.5f, p0.y + 2, p1.y - size.y - 2);
      const ImVec4 b(x - 4, y, x + size.x + 4, y + size.y);
      if (std::any_of(placed.begin(), placed.end(),
                      [&](const ImVec4& o) { return b.x < o.z && o.x < b.z && b.y < o.w && o.y < b.w; }))
        continue;
      placed.push_back(b);
      halo_text(list, ImVec2(x, y), IM_COL32(70, 80, 95, 255), label.text.c_str());
    }
  }

  // Zone labels: each shown zone's name at the highest point of its boundary in view.
  if (scene_ && s.layers.zones && s.layers.labels) {
    const render::Camera cam = camera_.canvas_camera(s);
    geo::Extent view = cam.extent();
    view.xmin -= scene_->origin_x, view.xmax -= scene_->origin_x;
    view.ymin -= scene_->origin_y, view.ymax -= scene_->origin_y;
    const auto& layers = scene_->zones.layers;
    for (std::size_t i = 0; i < layers.size(); ++i) {
      if (i < 32 && (s.layers.hidden_zones >> i) & 1u) continue;
      const auto anchor = geo::zone_label_anchor(layers[i], view, 30 * cam.units_per_pixel);
      if (!anchor) continue;
      const char* text = layers[i].label.c_str();
      const ImVec2 size = ImGui::CalcTextSize(text);
      float x = static_cast<float>(cam.pixel_x(anchor->first + scene_->origin_x)) + canvas.x - size.x * 0.5f;
      const float y = static_cast<float>(cam.pixel_y(anchor->second + scene_->origin_y)) + canvas.y + 3;
      x = std::clamp(x, p0.x + 3, p1.x - size.x - 3);
      const ImVec4 b(x - 4, y, x + size.x + 4, y + size.y);
      if (std::any_of(placed.begin(), placed.end(),
                      [&](const ImVec4& o) { return b.x < o.z && o.x < b.z && b.y < o.w && o.y < b.w; }))
        continue;
      placed.push_back(b);
      halo_text(list, ImVec2(x, y), render::style::zone(i).packed(), text);
    }
  }

  // The selection off the map: an arrow on the canvas edge pointing to it, and its name with
  // the key that frames it, so a selected track is never lost off-screen without a word.
  ui.state.map_readout.selection_cue = false;
  geo::Extent target;
  if (scene_ && s.selected >= 0 && static_cast<std::size_t>(s.selected) < ui.data.events.size() &&
      event_extent(s.selected, target)) {
    const render::Camera cam = camera_.canvas_camera(s);
    const geo::Extent view = cam.extent();
    const bool off = target.xmax < view.xmin || target.xmin > view.xmax || target.ymax < view.ymin || target.ymin > view.ymax;
    if (off && canvas.width > 80 && canvas.height > 80) {
      ui.state.map_readout.selection_cue = true;
      const float cx = (p0.x + p1.x) * 0.5f, cy = (p0.y + p1.y) * 0.5f;
      const float tx = static_cast<float>(cam.pixel_x((target.xmin + target.xmax) * 0.5)) + canvas.x;
      const float ty = static_cast<float>(cam.pixel_y((target.ymin + target.ymax) * 0.5)) + canvas.y;
      float dx = tx - cx, dy = ty - cy;
      const float length = std::max(1e-3f, std::sqrt(dx * dx + dy * dy));
      dx /= length, dy /= length;
      // Where the ray from the centre leaves the canvas, 26 px inside its edge.
      const float inset = 26, hx = canvas.width * 0.5f - inset, hy = canvas.height * 0.5f - inset;
      const float t = std::min(std::abs(dx) > 1e-6f ? hx / std::abs(dx) : 1e9f, std::abs(dy) > 1e-6f ? hy / std::abs(dy) : 1e9f);
      const ImVec2 tip(cx + dx * t, cy + dy * t);
      const ImU32 cue = IM_COL32(200, 40, 20, 255);
      const ImVec2 back(tip.x - dx * 22, tip.y - dy * 22);
      const ImVec2 left(back.x - dy * 11, back.y + dx * 11), right(back.x + dy * 11, back.y - dx * 11);
      list->AddTriangleFilled(ImVec2(tip.x + dx * 2, tip.y + dy * 2), ImVec2(left.x - dx * 2, left.y - dy * 2),
                              ImVec2(right.x - dx * 2, right.y - dy * 2), IM_COL32(255, 255, 255, 230));
      list->AddTriangleFilled(tip, left, right, cue);
      const geo::Event& e = ui.data.events[static_cast<std::size_t>(s.selected)];
      const std::string text = (e.name.empty() ? e.id : e.name) + " is off the map  (S: zoom to it)";
      const ImVec2 size = ImGui::CalcTextSize(text.c_str());
      // The label just inside the arrow's base, kept on the canvas.
      const float lx = std::clamp(back.x - dx * (10 + size.x * 0.5f) - size.x * 0.5f, p0.x + 8,
                                  std::max(p0.x + 8, p1.x - size.x - 8));
      const float ly = std::clamp(back.y - dy * (10 + size.y * 0.5f) - size.y * 0.5f, p0.y + 8,
                                  std::max(p0.y + 8, p1.y - size.y - 8));
      list->AddRectFilled(ImVec2(lx - 5, ly - 3), ImVec2(lx + size.x + 5, ly + size.y + 3), IM_COL32(255, 255, 255, 235), 4.0f);
      list->AddRect(ImVec2(lx - 5, ly - 3), ImVec2(lx + size.x + 5, ly + size.y + 3), cue, 4.0f);
      list->AddText(ImVec2(lx, ly), cue, text.c_str());
    }
  }

  // The ruler over everything drawn so far, then the cursor's lon/lat.
  if (scene_) {
    draw_ruler(list, s.ruler, [&](geo::LonLat p) { return screen_point(ui, p); }, p0, p1, placed);
    if (hover_lonlat_) draw_cursor_readout(list, *hover_lonlat_, readout_slot, p0, p1);
  }

  // Reprojection in progress: a spinner and what is being built (after a moment).
  if (ui.reprojecting && ui.reproject_seconds > 0.15) {
    const std::string text = "Reprojecting to " + ui.reproject_target + "…";
    const ImVec2 size = ImGui::CalcTextSize(text.c_str());
    const ImVec2 c((p0.x + p1.x) * 0.5f, p0.y + 30);
    list->AddRectFilled(ImVec2(c.x - size.x * 0.5f - 34, c.y - 16), ImVec2(c.x + size.x * 0.5f + 12, c.y + 16),
                        IM_COL32(30, 40, 55, 220), 6.0f);
    const float angle = static_cast<float>(ImGui::GetTime() * 6.0);
    const ImVec2 sc(c.x - size.x * 0.5f - 18, c.y);
    list->PathArcTo(sc, 8, angle, angle + 4.5f, 20);
    list->PathStroke(IM_COL32(120, 190, 255, 255), false, 2.5f);
    list->AddText(ImVec2(c.x - size.x * 0.5f, c.y - size.y * 0.5f), IM_COL32(255, 255, 255, 255), text.c_str());
  }
  if (!scene_) {
    const char* text = ui.reprojecting ? "Building the map…" : "No map";
    const ImVec2 size = ImGui::CalcTextSize(text);
    list->AddText(ImVec2((p0.x + p1.x - size.x) * 0.5f, (p0.y + p1.y) * 0.5f), ink, text);
  }
  list->PopClipRect();
}

}  // namespace patrolscope::ui
