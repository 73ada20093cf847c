#include "map_canvas.hpp"

#include "simplify.hpp"

#include <glad/gl.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "render/style.hpp"

namespace patrolscope::ui {
namespace {

bool same_frame(const render::FrameState& a, const render::FrameState& b) {
  const auto& ca = a.camera;
  const auto& cb = b.camera;
  const auto& ma = a.masks;
  const auto& mb = b.masks;
  return ca.center_x == cb.center_x && ca.center_y == cb.center_y &&
         ca.units_per_pixel == cb.units_per_pixel && ca.width_px == cb.width_px &&
         ca.height_px == cb.height_px && a.timed == b.timed && a.now == b.now &&
         a.window == b.window && a.window_mode == b.window_mode && ma.domain == mb.domain &&
         ma.kind == mb.kind && ma.participant == mb.participant && ma.year == mb.year &&
         ma.force == mb.force && ma.active == mb.active && a.color_by == b.color_by &&
         a.line_width_px == b.line_width_px && a.land == b.land && a.coast == b.coast &&
         a.graticule == b.graticule && a.areas == b.areas && a.tracks == b.tracks &&
         a.points == b.points && a.selected_feature == b.selected_feature &&
         a.hovered_feature == b.hovered_feature && a.pixel_scale == b.pixel_scale;
}

double segment_distance2(double px, double py, double ax, double ay, double bx, double by) {
  const double dx = bx - ax, dy = by - ay;
  const double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
  t = std::clamp(t, 0.0, 1.0);
  const double ex = ax + t * dx - px, ey = ay + t * dy - py;
  return ex * ex + ey * ey;
}

bool in_triangle(double px, double py, const geo::AreaVertex& a, const geo::AreaVertex& b,
                 const geo::AreaVertex& c) {
  const auto side = [&](const geo::AreaVertex& p, const geo::AreaVertex& q) {
    return (q.x - p.x) * (py - p.y) - (q.y - p.y) * (px - p.x);
  };
  const double d1 = side(a, b), d2 = side(b, c), d3 = side(c, a);
  const bool neg = d1 < 0 || d2 < 0 || d3 < 0, pos = d1 > 0 || d2 > 0 || d3 > 0;
  return !(neg && pos);
}

void halo_text(ImDrawList* list, ImVec2 pos, ImU32 color, const char* text) {
  const ImU32 halo = IM_COL32(255, 255, 255, 200);
  for (const ImVec2 d : {ImVec2(-1, 0), ImVec2(1, 0), ImVec2(0, -1), ImVec2(0, 1)})
    list->AddText(ImVec2(pos.x + d.x, pos.y + d.y), halo, text);
  list->AddText(pos, color, text);
}

}  // namespace

MapCanvas::MapCanvas() : renderer_(std::make_unique<render::MapRenderer>()) {}

MapCanvas::~MapCanvas() {
  glDeleteFramebuffers(1, &fbo_ms_);
  glDeleteFramebuffers(1, &fbo_);
  glDeleteRenderbuffers(1, &color_ms_);
  glDeleteRenderbuffers(1, &depth_ms_);
  glDeleteTextures(1, &texture_);
}

void MapCanvas::set_scene(std::shared_ptr<const geo::Scene> scene, const geo::Extent& view, bool fit_view,
                          std::vector<std::uint8_t> flags) {
  scene_ = std::move(scene);
  flags_ = std::move(flags);
  track_level_ = -1;
  simplified_.clear();
  if (scene_) renderer_->upload(*scene_, flags_);
  scene_changed_ = true;
  default_view_ = view;
  if (fit_view) fit(view);
}

render::Camera MapCanvas::camera(const AppState& state) const {
  render::Camera camera;
  camera.center_x = state.center_x;
  camera.center_y = state.center_y;
  camera.width_px = std::max(fb_width_, 1);
  camera.height_px = std::max(fb_height_, 1);
  const float scale = rect_.width > 0 ? fb_width_ / rect_.width : 1.0f;
  camera.units_per_pixel = state.units_per_pixel / std::max(scale, 1e-3f);
  return camera;
}

render::FrameState MapCanvas::frame_state(const UiContext& ui) const {
  render::FrameState f = frame_for_state(ui.state, scene_ ? scene_->facets : ui.data.facets);
  f.camera = camera(ui.state);
  f.hovered_feature = ui.state.hovered;
  f.pixel_scale = rect_.width > 0 ? fb_width_ / rect_.width : 1.0f;
  return f;
}

void MapCanvas::draw(UiContext& ui, float width, float height) {
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const ImVec2 scale = ImGui::GetIO().DisplayFramebufferScale;
  rect_ = {origin.x, origin.y, std::max(width, 1.0f), std::max(height, 1.0f)};
  fb_width_ = std::max(1, static_cast<int>(rect_.width * scale.x));
  fb_height_ = std::max(1, static_cast<int>(rect_.height * scale.y));

  if (has_fit_) {  // frame the requested extent in this canvas
    const render::Camera fitted = render::Camera::fit(fit_pending_, static_cast<int>(rect_.width),
                                                      static_cast<int>(rect_.height));
    ui.state.center_x = fitted.center_x;
    ui.state.center_y = fitted.center_y;
    ui.state.units_per_pixel = fitted.units_per_pixel;
    has_fit_ = false;
  }

  ImGui::InvisibleButton("map", ImVec2(rect_.width, rect_.height),
                         ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
  handle_input(ui);

  const render::FrameState frame = frame_state(ui);
  if (scene_) update_track_detail(frame.camera.units_per_pixel);
  if (scene_ && (scene_changed_ || !has_last_frame_ || !same_frame(frame, last_frame_))) {
    render_map(frame);
    last_frame_ = frame;
    has_last_frame_ = true;
    scene_changed_ = false;
  }
  ImDrawList* list = ImGui::GetWindowDrawList();
  const ImVec2 p1(rect_.x + rect_.width, rect_.y + rect_.height);
  if (texture_ && scene_)
    list->AddImage(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(texture_)), origin, p1,
                   ImVec2(0, 1), ImVec2(1, 0));
  else
    list->AddRectFilled(origin, p1, render::style::sea().packed());
  draw_overlays(ui);
}

void MapCanvas::update_track_detail(double units_per_pixel) {
  // Small scenes always draw every vertex; levels are powers of two of a 1/65536 of the map.
  constexpr std::size_t kDetailedEnough = 100'000;
  if (scene_->tracks.size() < kDetailedEnough || !(units_per_pixel > 0)) return;
  const double base = std::max(scene_->full_extent.width(), 1.0) / 65536.0;
  const int level = static_cast<int>(std::floor(std::log2(0.5 * units_per_pixel / base)));
  const int wanted = level < 0 ? -1 : level;
  if (wanted == track_level_) return;
  track_level_ = wanted;
  if (wanted < 0) {
    renderer_->upload_tracks(scene_->tracks, flags_);
  } else {
    auto it = simplified_.find(wanted);
    if (it == simplified_.end())
      it = simplified_.emplace(wanted, geo::simplify_tracks(scene_->tracks, base * std::ldexp(1.0, wanted))).first;
    renderer_->upload_tracks(it->second, flags_);
  }
  scene_changed_ = true;  // redraw with the new detail
}

void MapCanvas::handle_input(UiContext& ui) {
  AppState& s = ui.state;
  const ImGuiIO& io = ImGui::GetIO();
  const bool hovered = ImGui::IsItemHovered(), active = ImGui::IsItemActive();
  const bool released = ImGui::IsItemDeactivated();  // read now: the tooltip below becomes the last item
  const double px = io.MousePos.x - rect_.x, py = io.MousePos.y - rect_.y;
  if (!scene_ || s.units_per_pixel <= 0) return;

  // Pan: drag with either button.
  if (active && (ImGui::IsMouseDragging(ImGuiMouseButton_Left, 0.0f) ||
                                ImGui::IsMouseDragging(ImGuiMouseButton_Right, 0.0f))) {
    s.center_x -= io.MouseDelta.x * s.units_per_pixel;
    s.center_y += io.MouseDelta.y * s.units_per_pixel;
  }
  // Zoom about the cursor: the map point under the mouse stays put.
  const double max_upp = std::max(scene_->full_extent.width(), scene_->full_extent.height()) /
                         std::max(1.0f, std::min(rect_.width, rect_.height)) * 1.5;
  const double min_upp = max_upp * 1e-5;
  double factor = 1;
  if (hovered && io.MouseWheel != 0) factor = std::pow(0.8, io.MouseWheel);
  if (hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) factor = 0.5;
  if (factor != 1) zoom_map_about(s, px, py, rect_.width, rect_.height, factor, min_upp, max_upp > 0 ? max_upp : 1e12);

  // Hover and click-to-select.
  if (hovered && !active) s.hovered = pick(ui, px, py);  // else a panel's hover stands
  if (hovered && s.hovered >= 0) {
    ImGui::BeginTooltip();
    event_tooltip(ui.data.events[s.hovered]);
    ImGui::TextDisabled("click for details");
    ImGui::EndTooltip();
  }
  // A click without a drag selects what is under the mouse (or clears the selection).
  if (released && io.MouseDragMaxDistanceSqr[0] < 16 && ImGui::IsMouseReleased(ImGuiMouseButton_Left))
    select_event(ui, pick(ui, px, py), false);
}

void MapCanvas::render_map(const render::FrameState& frame) {
  const int w = frame.camera.width_px, h = frame.camera.height_px;
  GLint previous = 0;
  glGetIntegerv(GL_FRAMEBUFFER_BINDING, &previous);
  if (!fbo_ || w != last_frame_.camera.width_px || h != last_frame_.camera.height_px || !has_last_frame_) {
    if (!fbo_) {
      glGenFramebuffers(1, &fbo_ms_);
      glGenFramebuffers(1, &fbo_);
      glGenRenderbuffers(1, &color_ms_);
      glGenRenderbuffers(1, &depth_ms_);
      glGenTextures(1, &texture_);
    }
    GLint max_samples = 0;
    glGetIntegerv(GL_MAX_SAMPLES, &max_samples);
    const GLsizei samples = std::min(4, max_samples);
    glBindRenderbuffer(GL_RENDERBUFFER, color_ms_);
    glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples, GL_RGBA8, w, h);
    glBindRenderbuffer(GL_RENDERBUFFER, depth_ms_);
    glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples, GL_DEPTH24_STENCIL8, w, h);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_ms_);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, color_ms_);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_STENCIL_ATTACHMENT, GL_RENDERBUFFER, depth_ms_);
    glBindTexture(GL_TEXTURE_2D, texture_);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, texture_, 0);
  }
  glBindFramebuffer(GL_FRAMEBUFFER, fbo_ms_);
  glViewport(0, 0, w, h);
  renderer_->draw(frame);
  glBindFramebuffer(GL_READ_FRAMEBUFFER, fbo_ms_);
  glBindFramebuffer(GL_DRAW_FRAMEBUFFER, fbo_);
  glBlitFramebuffer(0, 0, w, h, 0, 0, w, h, GL_COLOR_BUFFER_BIT, GL_NEAREST);
  glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(previous));
}

std::vector<std::string> MapCanvas::write_snapshot(const UiContext& ui, const ViewSnapshot& snapshot) {
  if (!scene_) throw std::runtime_error("no map yet");
  GLint previous = 0;
  glGetIntegerv(GL_FRAMEBUFFER_BINDING, &previous);
  const auto written = write_view_snapshot(*scene_, camera(ui.state).extent(), ui.state, ui.data, snapshot);
  glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(previous));
  has_last_frame_ = false;  // redraw the canvas's own target next frame
  return written;
}

int MapCanvas::pick(const UiContext& ui, double px, double py) const {
  if (!scene_ || px < 0 || py < 0 || px > rect_.width || py > rect_.height) return -1;
  const AppState& s = ui.state;
  const geo::Scene& scene = *scene_;
  const double mx = s.center_x + (px - rect_.width * 0.5) * s.units_per_pixel - scene.origin_x;
  const double my = s.center_y - (py - rect_.height * 0.5) * s.units_per_pixel - scene.origin_y;
  const double radius = 6 * s.units_per_pixel;
  const bool timed = s.window_mode != WindowMode::All;
  const double lo = static_cast<double>(ui.span.from - scene.t0);
  const double hi = static_cast<double>(ui.span.to - scene.t0);
  const auto shown = [&](std::uint32_t feature) {
    return feature < ui.data.events.size() && s.filter.matches(ui.data.events[feature]);
  };
  const auto vertex_in_time = [&](std::int32_t t) {
    return !timed || t == std::numeric_limits<std::int32_t>::min() || (t >= lo && t <= hi);
  };
  int best = -1;
  double best_d2 = radius * radius;
  if (s.layers.tracks) {
    const auto& v = scene.tracks;
    for (std::size_t i = 0; i + 1 < v.size(); ++i) {
      const geo::TrackVertex& a = v[i];
      const geo::TrackVertex& b = v[i + 1];
      if (b.feature & geo::TrackVertex::kPieceStart) continue;
      const std::uint32_t feature = a.feature & ~geo::TrackVertex::kPieceStart;
      if (!vertex_in_time(a.t) && !vertex_in_time(b.t)) continue;
      const double d2 = segment_distance2(mx, my, a.x, a.y, b.x, b.y);
      if (d2 < best_d2 && shown(feature)) best_d2 = d2, best = static_cast<int>(feature);
    }
  }
  const auto area_in_time = [&](const geo::AreaVertex& a) {
    return !timed || (a.t_start <= hi && a.t_end >= lo);
  };
  if (s.layers.points) {
    for (const geo::AreaVertex& p : scene.points) {
      const double d2 = (p.x - mx) * (p.x - mx) + (p.y - my) * (p.y - my);
      if (d2 < best_d2 && area_in_time(p) && shown(p.feature)) best_d2 = d2, best = static_cast<int>(p.feature);
    }
  }
  if (best < 0 && s.layers.areas) {  // areas lie under tracks and points
    const auto& a = scene.areas;
    for (std::size_t i = 0; i + 2 < a.size(); i += 3)
      if (area_in_time(a[i]) && in_triangle(mx, my, a[i], a[i + 1], a[i + 2]) && shown(a[i].feature))
        best = static_cast<int>(a[i].feature);
  }
  return best;
}

void MapCanvas::draw_overlays(UiContext& ui) {
  ImDrawList* list = ImGui::GetWindowDrawList();
  const ImVec2 p0(rect_.x, rect_.y), p1(rect_.x + rect_.width, rect_.y + rect_.height);
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

  // Graticule labels where the lines leave the view, skipping any that would overlap.
  if (scene_ && s.layers.graticule && s.layers.labels) {
    render::Camera cam;
    cam.center_x = s.center_x, cam.center_y = s.center_y, cam.units_per_pixel = s.units_per_pixel;
    cam.width_px = static_cast<int>(rect_.width), cam.height_px = static_cast<int>(rect_.height);
    geo::Extent view = cam.extent();
    view.xmin -= scene_->origin_x, view.xmax -= scene_->origin_x;
    view.ymin -= scene_->origin_y, view.ymax -= scene_->origin_y;
    for (const geo::Label& label : geo::graticule_labels(*scene_, view)) {
      const ImVec2 size = ImGui::CalcTextSize(label.text.c_str());
      float x = static_cast<float>(cam.pixel_x(label.x + scene_->origin_x)) + rect_.x;
      float y = static_cast<float>(cam.pixel_y(label.y + scene_->origin_y)) + rect_.y;
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
