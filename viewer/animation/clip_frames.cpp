#include "clip_frames.hpp"

#include <algorithm>
#include <cmath>

#include "render/style.hpp"

namespace patrolscope::animation {
namespace {

using snapshot::Canvas;
using snapshot::Rgba;

constexpr Rgba kInk{0.12f, 0.14f, 0.17f, 1};
constexpr Rgba kMutedInk{0.32f, 0.36f, 0.40f, 1};
constexpr Rgba kPanel{1, 1, 1, 0.88f};
constexpr Rgba kStripTrack{0.75f, 0.78f, 0.82f, 1};
constexpr Rgba kStripFill{0.16f, 0.38f, 0.66f, 1};
constexpr Rgba kJump{0.55f, 0.38f, 0.05f, 1};
constexpr double kNameSeconds = 1.5;  // an event's name stays this long after it starts

// "2024-07-24 06:00 UTC" from geo's ISO form ("2024-07-24T06:00:00Z").
std::string clock_text(geo::Seconds t) {
  const std::string iso = geo::format_time(t);
  return iso.substr(0, 10) + " " + iso.substr(11, 5) + " UTC";
}

}  // namespace

snapshot::OverlayText clip_text(const ClipLook& look, const ClipPlan& plan, double strip_height_px) {
  snapshot::OverlayText text = look.text;
  text.reserve_bottom_px = strip_height_px;
  if (text.caption.empty()) text.caption = geo::format_date(plan.from) + " \u2013 " + geo::format_date(plan.to) + " UTC";
  text.count_scope = "in the clip";
  return text;
}

ClipFrames::ClipFrames(render::MapRenderer& renderer, const snapshot::MapContext& context, ClipLook look, ClipPlan plan)
    : renderer_(renderer),
      context_(context),
      look_(std::move(look)),
      plan_(std::move(plan)),
      regular_(snapshot::Font::regular()),
      bold_(snapshot::Font::bold()) {
  const render::Camera& camera = look_.base.camera;
  framebuffer_ = std::make_unique<render::Framebuffer>(camera.width_px, camera.height_px);
  {
    render::FrameState still = look_.base;
    still.transparent = false;
    still.areas = still.tracks = still.points = false;
    framebuffer_->bind();
    renderer_.draw(still);
    base_ = render::Image{camera.width_px, camera.height_px, framebuffer_->read_rgba()};
  }
  if (!look_.overlays) return;

  // The furniture for the whole clip: its legend and sources are those of every event it
  // shows, its caption the clip's span.
  render::FrameState whole = look_.base;
  whole.timed = true;
  whole.now = plan_.to;
  whole.window = plan_.to - plan_.from;
  whole.window_mode = render::FrameState::Fixed;
  const double s = std::clamp(std::min(camera.width_px / 1920.0, camera.height_px / 1080.0), 0.45, 16.0);
  strip_h_ = std::round(std::max(16.0, 30 * s));
  const snapshot::OverlayText text = clip_text(look_, plan_, strip_h_);
  layer_ = render::Image{camera.width_px, camera.height_px, {}};
  layer_.rgba.assign(static_cast<std::size_t>(camera.width_px) * camera.height_px * 4, 0);
  snapshot::OverlayLayout placement;
  placement.legend = look_.legend;
  layout_ = snapshot::draw_overlays(layer_, context_, whole, text, placement);

  // The progress strip: a band above the footer, a mark where each event starts.
  Canvas canvas(layer_);
  strip_y_ = layout_.bottom;
  strip_x0_ = layout_.margin;
  strip_x1_ = camera.width_px - layout_.margin;
  canvas.fill_rect(0, strip_y_, camera.width_px, strip_h_, Rgba{1, 1, 1, 0.9f});
  const double bar_y = strip_y_ + strip_h_ * 0.3, bar_h = std::max(3.0, 5 * layout_.scale);
  canvas.fill_rect(strip_x0_, bar_y, strip_x1_ - strip_x0_, bar_h, kStripTrack);
  const double span = std::max<double>(1, static_cast<double>(plan_.to - plan_.from));
  auto x_of = [&](geo::Seconds t) { return strip_x0_ + (strip_x1_ - strip_x0_) * static_cast<double>(t - plan_.from) / span; };
  // Years, labelled where there is room.
  const double label_size = std::max(9.0, 12 * layout_.scale);
  double last_label_end = -1e9;
  for (int year = geo::year_of(plan_.from) + 1; year <= geo::year_of(plan_.to); ++year) {
    const double x = x_of(geo::year_start(year));
    canvas.fill_rect(x - 0.5, bar_y - 2 * layout_.scale, 1, bar_h + 4 * layout_.scale, kMutedInk);
    const std::string label = std::to_string(year);
    if (x + 3 * layout_.scale > last_label_end) {
      canvas.text(regular_, label_size, x + 3 * layout_.scale, strip_y_ + strip_h_ - 4 * layout_.scale, label, kMutedInk);
      last_label_end = x + 3 * layout_.scale + regular_.width(label, label_size) + 6 * layout_.scale;
    }
  }
  for (std::size_t i : snapshot::visible_events(context_, whole)) {
    const geo::Event& event = context_.events[i];
    if (!event.timed()) continue;
    const double x = x_of(std::max(event.start, plan_.from));
    canvas.fill_rect(x - std::max(1.0, layout_.scale), bar_y - 4 * layout_.scale, 2 * std::max(1.0, layout_.scale),
                     bar_h + 8 * layout_.scale, kInk);
    marks_.push_back({x, plan_.first_frame_at_or_after(event.start), event.end, event.name.empty() ? event.id : event.name});
  }
  // The latest to start first: that is the name a viewer is looking for.
  std::stable_sort(marks_.begin(), marks_.end(), [](const Mark& a, const Mark& b) { return a.first_frame > b.first_frame; });

  // Where the layer has any alpha, row by row: only there is it blended.
  layer_spans_.assign(static_cast<std::size_t>(camera.height_px), {0, 0});
  for (int y = 0; y < camera.height_px; ++y) {
    int x0 = camera.width_px, x1 = 0;
    for (int x = 0; x < camera.width_px; ++x)
      if (layer_.pixel(x, y)[3]) x0 = std::min(x0, x), x1 = x + 1;
    layer_spans_[static_cast<std::size_t>(y)] = {x0, std::max(x0, x1)};
  }
}

ClipFrames::~ClipFrames() = default;

render::FrameState ClipFrames::state_at(std::int64_t frame) const {
  render::FrameState state = look_.base;
  // Only what moves, over transparent black (premultiplied), to go over base_. Areas end up
  // over the coastline rather than under it: translucent fills, a hair's difference.
  state.land = state.coast = state.borders = state.graticule = state.zones = false;
  state.transparent = true;
  state.timed = true;
  state.now = plan_.time_at(frame);
  state.window = look_.window;
  state.window_mode = look_.mode;
  return state;
}

render::Image ClipFrames::frame(std::int64_t index) {
  const render::FrameState state = state_at(index);
  framebuffer_->bind();
  renderer_.draw(state);
  const std::vector<std::uint8_t> moving = framebuffer_->read_rgba();
  render::Image image = base_;
  {
    std::uint8_t* out = image.rgba.data();
    const std::uint8_t* in = moving.data();
    for (std::size_t i = 0; i < moving.size(); i += 4) {
      const unsigned a = in[i + 3];
      if (a == 0) continue;
      for (int k = 0; k < 3; ++k)
        out[i + k] = static_cast<std::uint8_t>(std::min(255u, in[i + k] + (out[i + k] * (255 - a) + 127) / 255));
    }
  }
  if (!look_.overlays) return image;
  for (int y = 0; y < image.height; ++y) {
    const auto [x0, x1] = layer_spans_[static_cast<std::size_t>(y)];
    std::uint8_t* out = image.pixel(x0, y);
    const std::uint8_t* in = layer_.pixel(x0, y);
    for (int x = x0; x < x1; ++x, out += 4, in += 4) {
      const unsigned a = in[3];
      if (!a) continue;
      for (int k = 0; k < 3; ++k) out[k] = static_cast<std::uint8_t>((in[k] * a + out[k] * (255 - a) + 127) / 255);
    }
  }
  draw_changing(image, index);
  return image;
}

void ClipFrames::draw_changing(render::Image& image, std::int64_t index) const {
  Canvas canvas(image);
  const double s = layout_.scale;
  const geo::Seconds now = plan_.time_at(index);

  // Progress: the strip filled up to now.
  const double span = std::max<double>(1, static_cast<double>(plan_.to - plan_.from));
  const double x_now = strip_x0_ + (strip_x1_ - strip_x0_) * static_cast<double>(now - plan_.from) / span;
  const double bar_y = strip_y_ + strip_h_ * 0.3, bar_h = std::max(3.0, 5 * s);
  canvas.fill_rect(strip_x0_, bar_y, x_now - strip_x0_, bar_h, kStripFill);
  canvas.disc(x_now, bar_y + bar_h / 2, std::max(3.0, 7 * s), kStripFill);

  // The clock panel, top right: the time, then what is happening.
  const double clock_size = std::max(12.0, 34 * s), line_size = std::max(9.0, 18 * s), pad = std::round(12 * s);
  const std::string clock = clock_text(now);
  std::vector<std::pair<std::string, Rgba>> lines;
  if (const ClipPlan::Jump* jump = plan_.jump_at(index)) {
    lines.push_back({"\u00bb " + describe_span(jump->to - jump->from) + " without activity skipped", kJump});
  } else {
    if (look_.names) {
      const std::int64_t name_frames = std::llround(kNameSeconds * plan_.fps);
      for (const Mark& mark : marks_)
        if (index >= mark.first_frame && index < mark.first_frame + name_frames && now <= mark.end && lines.size() < 2)
          lines.push_back({"\u25b6 " + mark.name, kInk});
    }
    if (lines.empty() && index > 0 && index + 1 < plan_.frames && plan_.speed_at(index) > 0)
      lines.push_back({describe_speed(plan_.speed_at(index)), kMutedInk});
  }
  const double panel_w = std::max(bold_.width("0000-00-00 00:00 UTC", clock_size), 420 * s) + 2 * pad;
  const double panel_h = pad + clock_size * 1.1 + 2 * line_size * 1.35 + pad * 0.6;
  const double x = image.width - layout_.margin - panel_w, y = layout_.right_top;
  canvas.fill_rect(x, y, panel_w, panel_h, kPanel);
  canvas.text(bold_, clock_size, x + pad, y + pad + clock_size * 0.85, clock, kInk);
  double baseline = y + pad + clock_size * 1.1 + line_size;
  for (const auto& [text, color] : lines) {
    canvas.text(regular_, line_size, x + pad, baseline, snapshot::fit_text(regular_, line_size, text, panel_w - 2 * pad), color);
    baseline += line_size * 1.35;
  }
}

}  // namespace patrolscope::animation
