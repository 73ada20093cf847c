#include "snapshot.hpp"

#include <glad/gl.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "output_file.hpp"
#include "render/framebuffer.hpp"
#include "simplify.hpp"

namespace patrolscope::snapshot {
namespace {

void check_size(const std::string& path, int width, int height) {
  if (!valid_size(width, height))
    throw std::runtime_error(path + ": impossible image size " + std::to_string(width) + "x" +
                             std::to_string(height) + " (1 to " + std::to_string(kMaxSide) + " pixels a side)");
}

// GL reads back colour blended over transparent black as premultiplied: make it straight.
void unpremultiply(render::Image& image) {
  for (std::size_t i = 0; i < image.rgba.size(); i += 4) {
    const unsigned a = image.rgba[i + 3];
    if (a == 0 || a == 255) continue;
    for (int k = 0; k < 3; ++k) image.rgba[i + k] = static_cast<std::uint8_t>(std::min(255u, (image.rgba[i + k] * 255u + a / 2) / a));
  }
}

std::string xml_escaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else out += c;
  }
  return out;
}

std::string sibling(const std::string& path, const char* extension) {
  return std::filesystem::path(path).replace_extension(extension).string();
}

}  // namespace

void check_output_targets(const SnapshotRequest& request) {
  geo::check_output_target(request.path);
  if (!request.world_file) return;
  for (const char* extension : {".pgw", ".prj"}) geo::check_output_target(sibling(request.path, extension));
  geo::check_output_target(request.path + ".aux.xml");
}

render::FrameState frame_for(const SnapshotRequest& request) {
  render::FrameState state = request.state;
  state.camera = render::Camera::fit(request.view, request.width, request.height);
  state.pixel_scale = static_cast<float>(std::max(1.0, std::min(request.width / 1920.0, request.height / 1080.0)));
  return state;
}

render::Image render_map(render::MapRenderer& renderer, const render::FrameState& state, int max_tile) {
  const render::Camera& camera = state.camera;
  GLint previous_framebuffer = 0, previous_viewport[4] = {0, 0, 0, 0};
  glGetIntegerv(GL_FRAMEBUFFER_BINDING, &previous_framebuffer);
  glGetIntegerv(GL_VIEWPORT, previous_viewport);

  render::Image image{camera.width_px, camera.height_px, {}};
  image.rgba.resize(static_cast<std::size_t>(camera.width_px) * camera.height_px * 4);
  const int tile = std::max(64, std::min(max_tile, render::Framebuffer::max_size()));
  const int tile_w = std::min(tile, camera.width_px), tile_h = std::min(tile, camera.height_px);
  render::Framebuffer framebuffer(tile_w, tile_h);
  for (int y0 = 0; y0 < camera.height_px; y0 += tile_h)
    for (int x0 = 0; x0 < camera.width_px; x0 += tile_w) {
      // The tile's camera: the same scale, centred on the tile's pixels (so tiles meet exactly).
      render::FrameState tile_state = state;
      tile_state.camera.width_px = tile_w;
      tile_state.camera.height_px = tile_h;
      tile_state.camera.center_x = camera.map_x(x0 + tile_w * 0.5);
      tile_state.camera.center_y = camera.map_y(y0 + tile_h * 0.5);
      framebuffer.bind();
      renderer.draw(tile_state);
      const std::vector<std::uint8_t> pixels = framebuffer.read_rgba();
      const int copy_w = std::min(tile_w, camera.width_px - x0), copy_h = std::min(tile_h, camera.height_px - y0);
      for (int row = 0; row < copy_h; ++row)
        std::memcpy(image.pixel(x0, y0 + row), pixels.data() + static_cast<std::size_t>(row) * tile_w * 4,
                    static_cast<std::size_t>(copy_w) * 4);
    }
  glBindFramebuffer(GL_FRAMEBUFFER, static_cast<GLuint>(previous_framebuffer));
  glViewport(previous_viewport[0], previous_viewport[1], previous_viewport[2], previous_viewport[3]);
  if (state.transparent) unpremultiply(image);
  return image;
}

std::string world_file_text(const render::Camera& camera) {
  char text[256];
  const double upp = camera.units_per_pixel;
  std::snprintf(text, sizeof text, "%.10f\n0.0000000000\n0.0000000000\n%.10f\n%.10f\n%.10f\n", upp, -upp,
                camera.map_x(0.5), camera.map_y(0.5));
  return text;
}

namespace {

// The frame drawn with its data layers only (no land, coast or graticule) on transparent
// black, at a quarter of the size: where the legend would cover the least activity.
render::Image render_data_only(render::MapRenderer& renderer, const render::FrameState& state) {
  // A quarter of the size is plenty to tell where the data is, and costs a sixteenth.
  constexpr int kReduction = 4;
  render::FrameState data = state;
  data.land = data.coast = data.borders = data.graticule = data.zones = false;
  data.transparent = true;
  data.camera.width_px = std::max(1, state.camera.width_px / kReduction);
  data.camera.height_px = std::max(1, state.camera.height_px / kReduction);
  data.camera.units_per_pixel = state.camera.units_per_pixel * state.camera.width_px / data.camera.width_px;
  data.pixel_scale = std::max(0.25f, state.pixel_scale / kReduction);
  return render_map(renderer, data);
}

}  // namespace

std::vector<std::string> write_snapshot(render::MapRenderer& renderer, const SnapshotRequest& request,
                                        const MapContext& context) {
  check_size(request.path, request.width, request.height);
  check_output_targets(request);  // before the (slow) drawing

  const render::FrameState state = frame_for(request);
  render::Image image = render_map(renderer, state);
  const render::DrawnEvents drawn = render::drawn_events(context.scene, context.events, context.filter, state, context.styles);
  std::string legend_box = "none";
  if (request.overlays) {
    OverlayLayout layout;
    layout.legend = request.legend;
    render::Image data_only;
    if (request.legend == LegendPlace::Auto) {
      data_only = render_data_only(renderer, state);
      layout.drawn = &data_only;
    }
    const FurnitureRoom room = draw_overlays(image, context, state, request.text, layout, &drawn);
    char box[96];
    std::snprintf(box, sizeof box, "%.0f,%.0f,%.0f,%.0f", room.legend.x, room.legend.y, room.legend.w, room.legend.h);
    legend_box = room.legend.w > 0 ? box : "none";
  }

  render::PngText text = request.metadata;
  text.insert(text.begin(), {"Software", "patrolscope"});
  text.push_back({"Events shown", std::to_string(drawn.in_view.size())});
  text.push_back({"Events outside the frame", std::to_string(drawn.outside.size())});
  text.push_back({"Legend box", legend_box});
  {
    std::string zones;
    for (std::size_t z : shown_zone_layers(context, state))
      zones += (zones.empty() ? "" : "; ") + context.scene.zones.layers[z].label;
    text.push_back({"Zones shown", zones.empty() ? "none" : zones});
  }
  text.push_back({"CRS", context.projection.proj_string()});
  // The PNG and its world files are written as one set: all of them, or none replaced.
  std::vector<geo::OutputFile> files{{request.path, render::encode_png(request.path, image, text, state.transparent)}};
  if (request.world_file) {
    const std::string wkt = context.projection.wkt();
    files.push_back({sibling(request.path, ".pgw"), world_file_text(state.camera)});
    files.push_back({sibling(request.path, ".prj"), wkt});
    // GDAL (and so QGIS) reads the CRS of a PNG from its .aux.xml rather than the .prj.
    files.push_back({request.path + ".aux.xml",
                     "<PAMDataset>\n  <SRS dataAxisToSRSAxisMapping=\"1,2\">" + xml_escaped(wkt) + "</SRS>\n</PAMDataset>\n"});
  }
  geo::write_files_atomically(files);
  std::vector<std::string> written;
  for (const geo::OutputFile& file : files) written.push_back(file.path);
  return written;
}

}  // namespace patrolscope::snapshot

namespace patrolscope::snapshot {

int graticule_step_deg(const std::string& projection) {
  const geo::Preset* preset = geo::find_preset(projection);
  return preset && preset->view.width() < 60 ? 5 : 10;
}

geo::Scene build_map_scene(const std::vector<geo::Event>& events, const geo::Coastline& coastline,
                           const geo::MapProjection& projection, const std::string& definition) {
  geo::SceneInput input;
  input.events = &events;
  input.land = &coastline.land;
  input.coast_lines = &coastline.lines;
  input.borders = &coastline.borders;
  input.disputed_borders = &coastline.disputed_borders;
  input.graticule_step_deg = graticule_step_deg(definition);
  return geo::build_scene(input, projection);
}

SnapshotMap::SnapshotMap(geo::Scene scene, const std::vector<geo::Event>& events, const geo::MapProjection& projection,
                         std::string coastline_attribution, const SnapshotSpec& spec)
    : scene_(std::move(scene)),
      events_(events),
      projection_(projection),
      attribution_(std::move(coastline_attribution)),
      width_(spec.width),
      height_(spec.height),
      view_(spec.view) {
  check_size(spec.path, spec.width, spec.height);
  const render::Camera camera = render::Camera::fit(spec.view, spec.width, spec.height);
  scene_.tracks = geo::simplify_tracks(scene_.tracks, 0.5 * camera.units_per_pixel);
  renderer_.upload(scene_, render::MapRenderer::schematic_flags(events_));
  restyle(spec);
}

void SnapshotMap::restyle(const SnapshotSpec& spec) {
  // The style words depend on the layers and their colour rules only: widths, opacity and
  // visibility are uniforms.
  const auto rules = [](const std::vector<render::LayerLook>& looks) {
    std::vector<std::optional<geo::ColorChoice>> colors;
    for (const render::LayerLook& look : looks) colors.push_back(look.color);
    return colors;
  };
  if (styled_ && rules(spec.looks) == rules(styles_.looks) && spec.layers.size() == styles_.names.size()) return;
  styles_ = render::event_styles(events_, spec.layers, spec.looks);
  renderer_.upload_styles(styles_.words);
  styled_ = true;
}

SnapshotRequest SnapshotMap::request_for(const SnapshotSpec& spec) const {
  SnapshotRequest request;
  request.path = spec.path;
  request.width = spec.width;
  request.height = spec.height;
  request.view = spec.view;
  request.state = frame_state(spec, scene_.facets);
  request.overlays = spec.overlays;
  request.text = text_of(spec);
  request.legend = spec.legend;
  request.world_file = spec.world_file;
  request.metadata = metadata(spec);
  return request;
}

std::vector<std::string> SnapshotMap::write(const SnapshotSpec& spec) {
  if (spec.width != width_ || spec.height != height_ || spec.view.xmin != view_.xmin || spec.view.xmax != view_.xmax ||
      spec.view.ymin != view_.ymin || spec.view.ymax != view_.ymax)
    throw std::logic_error("SnapshotMap::write: the size and view are fixed when the map is made");
  restyle(spec);
  const MapContext context{scene_, projection_, events_, spec.filter, attribution_, spec.looks.empty() ? nullptr : &styles_};
  return write_snapshot(renderer_, request_for(spec), context);
}

}  // namespace patrolscope::snapshot
