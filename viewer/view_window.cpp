#include "view_window.hpp"

// glad before GLFW, so GLFW does not pull in the system GL header.
#include <glad/gl.h>
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#if defined(__SANITIZE_ADDRESS__)
#include <dlfcn.h>
#include <link.h>
#endif

#include "render/png_io.hpp"
#include "inputs.hpp"
#include "scene_worker.hpp"
#include "ui/input_script.hpp"
#include "ui/map_canvas.hpp"
#include "ui/panels.hpp"
#include "ui/record_dialog.hpp"
#include "workspace.hpp"

namespace patrolscope {
namespace {

std::string glfw_error;

void on_glfw_error(int, const char* description) { glfw_error = description ? description : "unknown error"; }

// Files dropped onto the window since the last frame (GLFW calls back from glfwPollEvents, on
// this thread; one window per process).
std::vector<std::string> dropped;

void on_drop(GLFWwindow*, int count, const char** paths) {
  for (int i = 0; i < count; ++i)
    if (paths[i]) dropped.emplace_back(paths[i]);
}

// The UI scale: the setting when given, else the monitor's content scale (HiDPI), within [0.5, 4].
float ui_scale_for(GLFWwindow* window, float setting) {
  float xs = 1, ys = 1;
  glfwGetWindowContentScale(window, &xs, &ys);
  const float scale = setting > 0 ? setting : std::max(xs, ys);
  return std::clamp(std::isfinite(scale) ? scale : 1.0f, 0.5f, 4.0f);
}

void setup_style(float scale) {
  ImGui::StyleColorsLight();
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowRounding = 0;
  style.FrameRounding = 3;
  style.GrabRounding = 3;
  style.WindowBorderSize = 1;
  style.FramePadding = ImVec2(6, 3);
  style.ItemSpacing = ImVec2(7, 4);
  style.Colors[ImGuiCol_WindowBg] = ImVec4(0.965f, 0.97f, 0.975f, 1);
  style.Colors[ImGuiCol_TitleBg] = ImVec4(0.86f, 0.88f, 0.91f, 1);
  style.Colors[ImGuiCol_TitleBgActive] = ImVec4(0.80f, 0.84f, 0.90f, 1);
  style.Colors[ImGuiCol_Header] = ImVec4(0.84f, 0.88f, 0.94f, 1);
  style.ScaleAllSizes(scale);

  // DejaVu Sans when installed (it has °, →, ×, ■), else ImGui's built-in font.
  ImGuiIO& io = ImGui::GetIO();
  static const ImWchar ranges[] = {0x0020, 0x00FF, 0x2000, 0x206F, 0x2190, 0x21FF,
                                   0x2200, 0x22FF, 0x25A0, 0x25FF, 0};
  for (const char* path : {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                           "/usr/share/fonts/TTF/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans.ttf"}) {
    std::error_code ec;
    if (std::filesystem::exists(path, ec) && io.Fonts->AddFontFromFileTTF(path, std::round(14.0f * scale), nullptr, ranges)) return;
  }
  ImFontConfig config;
  config.SizePixels = std::round(13.0f * scale);
  io.Fonts->AddFontDefault(&config);
}

void write_capture(const std::string& path, int width, int height) {
  render::Image image;
  image.width = width;
  image.height = height;
  image.rgba.resize(static_cast<std::size_t>(width) * height * 4);
  std::vector<std::uint8_t> rows(image.rgba.size());
  glReadBuffer(GL_BACK);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, rows.data());
  const std::size_t stride = static_cast<std::size_t>(width) * 4;
  for (int y = 0; y < height; ++y)  // GL's rows go bottom-up
    std::copy_n(rows.data() + (height - 1 - y) * stride, stride, image.rgba.data() + y * stride);
  for (std::size_t i = 3; i < image.rgba.size(); i += 4) image.rgba[i] = 255;
  render::write_png(path, image, {{"Software", "patrolscope view"}}, false);
}

#if defined(__SANITIZE_ADDRESS__)
// Under AddressSanitizer only: keep every shared library loaded until exit. glfwTerminate
// unloads the GL driver, after which LeakSanitizer can neither scan the driver's globals (so
// its live allocations look leaked) nor name its frames (so they cannot be suppressed).
void pin_loaded_libraries() {
  std::vector<std::string> names;
  dl_iterate_phdr(
      [](dl_phdr_info* info, std::size_t, void* out) {
        if (info->dlpi_name && *info->dlpi_name) static_cast<std::vector<std::string>*>(out)->push_back(info->dlpi_name);
        return 0;
      },
      &names);
  for (const std::string& name : names) dlopen(name.c_str(), RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE);
}
#else
void pin_loaded_libraries() {}
#endif

}  // namespace

int run_window(const WindowOptions& options, AppState& state, ViewData& data,
               const geo::Coastline& coastline, std::string* error) {
  glfwSetErrorCallback(on_glfw_error);
  if (!glfwInit()) {
    if (error) *error = "cannot open a window: " + glfw_error;
    return 1;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  GLFWwindow* window = glfwCreateWindow(options.size.width, options.size.height, options.title.c_str(), nullptr, nullptr);
  if (!window) {
    if (error) *error = "cannot open an OpenGL 3.3 core window: " + glfw_error;
    glfwTerminate();
    return 1;
  }
  glfwMakeContextCurrent(window);
  if (!gladLoadGL(reinterpret_cast<GLADloadfunc>(glfwGetProcAddress))) {
    if (error) *error = "cannot load OpenGL 3.3 functions";
    glfwDestroyWindow(window);
    glfwTerminate();
    return 1;
  }
  pin_loaded_libraries();  // (a no-op unless built with AddressSanitizer)
  const bool batch = options.frames > 0;
  glfwSwapInterval(batch ? 0 : 1);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  static std::string ini_path;  // ImGui keeps the pointer
  ini_path = options.settings_path.empty()
                 ? std::string()
                 : (std::filesystem::path(options.settings_path).parent_path() / "imgui.ini").string();
  io.IniFilename = ini_path.empty() ? nullptr : ini_path.c_str();
  const float scale = ui_scale_for(window, state.ui_scale);
  setup_style(scale);
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  dropped.clear();
  glfwSetDropCallback(window, on_drop);  // (ImGui's backend sets no drop callback)
  ui::InputScript script;
  if (!options.script.empty()) {
    std::string script_error;
    if (!script.load(options.script, &script_error)) {
      if (error) *error = script_error;
      ImGui_ImplOpenGL3_Shutdown();
      ImGui_ImplGlfw_Shutdown();
      ImGui::DestroyContext();
      glfwDestroyWindow(window);
      glfwTerminate();
      return 2;
    }
  }
  ImGui_ImplOpenGL3_Init("#version 330");

  int status = 0;
  {
    std::unique_ptr<ui::MapCanvas> canvas;
    auto record = std::make_unique<ui::RecordDialog>();  // its preview texture goes with the context too
    try {
      canvas = std::make_unique<ui::MapCanvas>();
    } catch (const std::exception& e) {
      if (error) *error = std::string("cannot start the map renderer: ") + e.what();
      status = 1;
    }
    SceneWorker worker(data.events, coastline, data.zones);
    std::string on_screen;  // the projection of the scene on screen
    const auto take = [&](BuiltScene built) {
      if (!built.error.empty()) {
        state.projection_error = built.error;
        state.report("Projection '" + built.projection + "': " + built.error);
        std::fprintf(stderr, "patrolscope: projection '%s': %s\n", built.projection.c_str(), built.error.c_str());
        state.projection = on_screen.empty() ? "pacific" : on_screen;
        return;
      }
      for (const std::string& w : built.scene->warnings) std::fprintf(stderr, "patrolscope: %s\n", w.c_str());
      // Another projection's camera means nothing here: frame the new one's default view.
      const bool fit = state.fit_view || state.units_per_pixel <= 0 ||
                       (!on_screen.empty() && on_screen != built.projection && !state.keep_camera);
      state.keep_camera = false;
      on_screen = built.projection;
      canvas->set_scene(built.scene, built.view, fit, render::MapRenderer::schematic_flags(data.events));
      state.fit_view = false;
    };
    if (canvas) {
      worker.request(state.projection);
      // A capture shows the finished map, whatever the machine's speed (and the fallback
      // projection when the requested one is rejected).
      for (int attempt = 0; batch && attempt < 2 && on_screen.empty(); ++attempt) {
        if (auto built = worker.wait()) take(std::move(*built));
        if (on_screen.empty()) worker.request(state.projection);
      }
    }

    // Files opened or dropped: read on a loader thread; added (and the scene rebuilt) when the
    // scene worker is idle, since it reads the events while it builds.
    LoadWorker loads(options.load);
    std::vector<geo::LoadResult> loaded;
    int remove_layer = -1;
    const auto open_files = [&](const std::vector<OpenRequest>& requests) {
      for (const OpenRequest& r : requests) {
        remember_recent(state.recent_files, r.path);
        geo::LoadOptions columns;
        columns.id_column = r.id_column, columns.time_column = r.time_column;
        columns.lon_column = r.lon_column, columns.lat_column = r.lat_column;
        loads.request(r.path, r.with_columns ? &columns : nullptr);
      }
    };
    const auto apply_workspace_changes = [&] {
      if (auto result = loads.poll()) loaded.push_back(std::move(*result));
      if (worker.busy() || (loaded.empty() && remove_layer < 0)) return;
      for (geo::LoadResult& result : loaded) {
        const std::string path = result.path;
        for (const std::string& w : result.warnings) print_error(path, w);
        if (!result.error.empty()) print_error(path, result.error);
        const int layer = add_input(data, std::move(result));
        report_input(state, data.layers[layer]);
      }
      loaded.clear();
      if (remove_layer >= 0 && remove_input(data, remove_layer)) state.selected = state.hovered = -1;
      remove_layer = -1;
      worker.request(state.projection);  // the combined events: the map rebuilds in the background
    };
    const auto state_line = [&](const char* prefix, int fb_width, int fb_height, std::size_t active) {
      const ui::CanvasRect& r = canvas->rect();
      int bookmarks = 0;
      for (const auto& b : state.bookmarks) bookmarks += b.has_value();
      const geo::RulerMeasure ruler = geo::measure_ruler(state.ruler.points);  // "ruler ON POINTS KM ELAPSED (-1: none)"
      std::printf("%s size %dx%d canvas %.0f %.0f %.0f %.0f center %.17g %.17g units_per_pixel %.17g projection %s"
                  " cursor %s active %zu selected %d messages %zu inputs %zu events %zu window %lld mode %s"
                  " selected_id %s bookmarks %d scale %.2f recent %zu snapshot_dialog %.0f %.0f"
                  " legend_rows %d legend_outside %zu selection_cue %d ruler %d %zu %.17g %lld"
                  " record %d %lld %d preview %dx%d %.0f %.0f %.0f %.0f %s\n",
                  prefix, fb_width, fb_height, r.x, r.y, r.width, r.height, state.center_x, state.center_y,
                  state.units_per_pixel, state.projection.c_str(), geo::format_time(state.cursor).c_str(), active,
                  state.selected, state.messages.size(), data.layers.size(), data.events.size(),
                  static_cast<long long>(state.window), to_string(state.window_mode),
                  state.selected >= 0 ? data.events[state.selected].id.c_str() : "-", bookmarks, scale,
                  state.recent_files.size(), state.snapshot_panel.window_bottom, state.snapshot_panel.result_bottom,
                  state.map_readout.legend_rows, state.map_readout.legend_outside, state.map_readout.selection_cue ? 1 : 0,
                  state.ruler.on ? 1 : 0, state.ruler.points.size(), ruler.km, static_cast<long long>(ruler.elapsed.value_or(-1)),
                  // "record EXIT FRAMES FRAMES_DRAWN_MEANWHILE (EXIT -1: none yet) preview WxH RECT PNG"
                  record->finished() ? record->clip.exit_code() : -1, record->frames_done,
                  record->frames_drawn_while_recording, record->preview_width, record->preview_height,
                  record->preview_rect.x, record->preview_rect.y, record->preview_rect.z, record->preview_rect.w,
                  record->preview_png().c_str());
      std::fflush(stdout);
    };
    std::size_t last_active = 0;
    const ui::ScriptHooks hooks{
        [&](const std::vector<std::string>& paths) {  // through the same handler GLFW calls
          std::vector<const char*> pointers;
          for (const std::string& p : paths) pointers.push_back(p.c_str());
          on_drop(window, static_cast<int>(pointers.size()), pointers.data());
        },
        [&] { return loads.busy() || !loaded.empty() || worker.busy(); },
        [&] {
          int w = 0, h = 0;
          glfwGetFramebufferSize(window, &w, &h);
          state_line("state:", w, h, last_active);
        },
        [&](double lon, double lat) -> std::optional<ImVec2> {
          ui::UiContext ui{state, data};
          ui.scene_projection = on_screen;
          return canvas->screen_point(ui, {lon, lat});
        }};

    double last_time = glfwGetTime();
    int frame = 0, settle = 3, busy_frames = 0, settled_after_switch = 0;
    bool record_pressed = false;  // --record-to
    bool frame_selection = state.selected >= 0;  // --select: bring it into view once the map is up
    while (canvas && !glfwWindowShouldClose(window)) {
      const bool animating = state.playing || worker.busy() || state.background_job || loads.busy() || !loaded.empty();
      if (batch || animating || settle > 0) {
        glfwPollEvents();
        settle = std::max(0, settle - 1);
      } else {
        glfwWaitEvents();  // idle: sleep until something happens (no CPU at all)
        settle = 3;                  // ImGui settles hover and layout over a few frames
      }
      if (auto built = worker.poll()) take(std::move(*built));
      if (!dropped.empty()) {
        std::vector<OpenRequest> requests;
        for (const std::string& path : dropped) requests.emplace_back(path);
        open_files(requests);
        dropped.clear();
      }
      apply_workspace_changes();
      if (state.projection != on_screen && state.projection != worker.target()) worker.request(state.projection);
      if (state.fit_view && state.projection == on_screen) canvas->fit_default(), state.fit_view = false;

      const double now = glfwGetTime();
      const double dt = std::min(now - last_time, 0.1);
      last_time = now;
      follow_filter(state, data);  // a new filter brings its activity into the window
      ui::advance_playback(state, data, dt);
      if (batch && frame == 1 && !options.switch_to.empty()) state.projection = options.switch_to, state.fit_view = true;
      // The dialog opens at frame 1 and writes at frame 2, as a user would press the button:
      // its size is settled before the result line appears.
      if (batch && frame == 1 && !options.snapshot_to.empty()) {
        state.panels.snapshot = true;
        std::snprintf(state.snapshot_panel.path, sizeof state.snapshot_panel.path, "%s", options.snapshot_to.c_str());
      }
      if (batch && frame == 2 && !options.snapshot_to.empty()) state.snapshot_panel.write_requested = true;
      // --record-to: a short, small clip, as a user would set the dialog; Record is pressed
      // once the preview of its first frame is on show.
      if (batch && !options.record_to.empty()) {
        if (frame == 1) {
          state.panels.record = true;
          std::snprintf(record->path, sizeof record->path, "%s", options.record_to.c_str());
          record->size[0] = 640, record->size[1] = 360;
          record->fps = 10, record->duration = 3;
        } else if (frame > 1 && !record_pressed && record->preview_current()) {
          record->record_requested = record_pressed = true;
        }
      }
      busy_frames += worker.busy();

      ImGui_ImplOpenGL3_NewFrame();
      ImGui_ImplGlfw_NewFrame();
      if (script.active()) script.before_frame(state, hooks);  // scripted input, where the backend puts real input
      ImGui::NewFrame();
      ui::UiContext ui{state, data};
      ui.scene = canvas->scene();
      ui.scene_projection = on_screen;
      ui.map = canvas.get();
      ui.record = record.get();
      ui.reprojecting = worker.busy();
      ui.reproject_seconds = worker.busy_seconds();
      if (const geo::Preset* preset = geo::find_preset(worker.target())) ui.reproject_target = preset->title;
      else ui.reproject_target = worker.target();
      ui.span = active_span(state, data);
      ui.active = geo::active_events(data.events, state.filter, ui.span.from, ui.span.to);
      ui.dt = static_cast<float>(dt);
      ui.loads = &loads;
      state.hovered = -1;
      const bool background_before = state.background_job;
      ui::draw_layout(ui);
      // A background job just ended (a preview arrived): ImGui fits windows to new contents
      // over the next frames, so draw a few more before waiting for events.
      if (background_before && !state.background_job) settle = 3;
      last_active = ui.active.size();
      open_files(ui.open_requests);
      if (ui.remove_request >= 0) remove_layer = ui.remove_request;
      if (frame_selection && canvas->scene() && canvas->rect().width > 1) {
        canvas->show_event(state, state.selected);
        frame_selection = false;
      }
      if (batch && frame == 1 && !options.zoom_to.empty())
        canvas->zoom_to(ui, options.zoom_to == "data"       ? ui::MapCanvas::ZoomTo::Data
                            : options.zoom_to == "filtered" ? ui::MapCanvas::ZoomTo::Filtered
                                                            : ui::MapCanvas::ZoomTo::Selection);
      ImGui::Render();

      int fb_width = 0, fb_height = 0;
      glfwGetFramebufferSize(window, &fb_width, &fb_height);
      glBindFramebuffer(GL_FRAMEBUFFER, 0);
      glViewport(0, 0, fb_width, fb_height);
      glClearColor(0.9f, 0.91f, 0.93f, 1);
      glClear(GL_COLOR_BUFFER_BIT);
      ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
      ++frame;
      // A switched map is fitted at the frame it arrives; the panels see it two frames later.
      settled_after_switch = options.switch_to.empty() || (on_screen == options.switch_to && !worker.busy())
                                 ? settled_after_switch + 1
                                 : 0;
      const bool switched = settled_after_switch >= 3;
      // --snapshot-to writes at frame 2; ImGui fits a window to new contents a frame later.
      // --zoom-to frames at frame 1, the map applies it at frame 2 after the panels drew: the
      // panels (the legend) see the new view at frame 3.
      const int last_frame = !options.snapshot_to.empty() ? std::max(options.frames, 5)
                             : !options.zoom_to.empty()   ? std::max(options.frames, 4)
                                                          : options.frames;
      const bool recorded = options.record_to.empty() || record->finished() || glfwGetTime() > 300;
      if (batch && frame >= last_frame && script.done() && recorded && (switched || glfwGetTime() > 120)) {
        if (!options.record_to.empty() && record->preview_texture) {  // for the test to compare with the clip
          std::error_code ignored;
          std::filesystem::copy_file(record->preview_png(), options.record_to + ".preview.png",
                                     std::filesystem::copy_options::overwrite_existing, ignored);
        }
        if (!options.switch_to.empty())
          std::printf("reprojection: %d frames drawn while building the %s scene\n", busy_frames, options.switch_to.c_str());
        if (!options.capture.empty()) {
          try {
            write_capture(options.capture, fb_width, fb_height);
            state_line(("capture: " + options.capture).c_str(), fb_width, fb_height, ui.active.size());
          } catch (const std::exception& e) {
            if (error) *error = e.what();
            status = 1;
          }
        }
        glfwSetWindowShouldClose(window, GLFW_TRUE);
      }
      glfwSwapBuffers(window);
      if (ui.request_quit) glfwSetWindowShouldClose(window, GLFW_TRUE);
    }

    WindowSize size;
    glfwGetWindowSize(window, &size.width, &size.height);
    if (!options.settings_path.empty() && status == 0 && settings_json(state, size) != options.settings_at_start) {
      std::string save_error;  // (written only when something changed)
      if (!save_settings(options.settings_path, state, size, &save_error))
        std::fprintf(stderr, "patrolscope: cannot save settings: %s\n", save_error.c_str());
    }
    canvas.reset();  // GL objects go while the context lives
    record.reset();
  }
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  return status;
}

}  // namespace patrolscope
