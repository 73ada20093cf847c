// File ▸ Open: a file browser inside the window (the directory listed with std::filesystem,
// only the file types the loader reads, folders first). Keyboard: type a name or a whole path
// and press Enter; ↑/↓ move through the listing, Enter opens the highlighted row (a folder
// goes into it); Backspace in an empty field goes up; Esc closes. Recent files are listed
// below. Opening adds the file as a new input (loaded in the background).
#include <imgui.h>

#include <filesystem>

#include "panels.hpp"
#include "workspace.hpp"

namespace patrolscope::ui {
namespace {

namespace fs = std::filesystem;

std::string human_bytes(std::uintmax_t bytes) {
  char text[32];
  if (bytes >= (1u << 20)) std::snprintf(text, sizeof text, "%.1f MB", bytes / 1048576.0);
  else if (bytes >= 1024) std::snprintf(text, sizeof text, "%.0f kB", bytes / 1024.0);
  else std::snprintf(text, sizeof text, "%ju B", bytes);
  return text;
}

void open_path(UiContext& ui, const fs::path& path) {
  const OpenDialog& d = ui.state.open_dialog;
  OpenRequest& r = ui.open_requests.emplace_back(path.string());
  r.with_columns = true;
  r.id_column = d.id_column, r.time_column = d.time_column, r.lon_column = d.lon_column, r.lat_column = d.lat_column;
  ui.state.panels.open = false;
}

void column_field(const char* label, char (&value)[128], const char* tip) {
  ImGui::TableNextColumn();
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint(label, label + 2, value, sizeof value);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tip);
}

// The field's text: a folder enters it, a file opens, anything else is reported in the dialog.
void submit(UiContext& ui, const std::string& text, std::string& problem) {
  OpenDialog& d = ui.state.open_dialog;
  if (text.empty()) return;
  if (geo::is_database_source(text)) return open_path(ui, text);
  fs::path p(text);
  if (p.is_relative()) p = fs::path(d.directory.empty() ? fs::current_path().string() : d.directory) / p;
  std::error_code ec;
  if (fs::is_directory(p, ec)) {
    d.directory = fs::weakly_canonical(p, ec).string();
    d.path[0] = '\0';
    d.highlighted = -1;
  } else if (fs::exists(p, ec)) {
    open_path(ui, p.lexically_normal());
  } else {
    problem = p.string() + ": no such file or folder";
  }
}

}  // namespace

void show_open_dialog(AppState& s) {
  s.panels.open = true;
  s.open_dialog.focus = true;
  s.open_dialog.path[0] = '\0';
  s.open_dialog.highlighted = -1;
}

void draw_open_dialog(UiContext& ui) {
  AppState& s = ui.state;
  OpenDialog& d = s.open_dialog;
  std::error_code ec;
  if (d.directory.empty()) d.directory = fs::current_path(ec).string();
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y * 0.45f), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(std::min(display.x - 40, ImGui::GetFontSize() * 44), std::min(display.y - 60, ImGui::GetFontSize() * 30)),
                           ImGuiCond_Appearing);
  if (!ImGui::Begin("Open data", &s.panels.open, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::End();
    return;
  }
  static std::string problem;  // the last path that could not be opened (one dialog per window)
  std::string listing_error;
  const std::vector<DirectoryEntry> entries = list_directory(d.directory, &listing_error);

  if (ImGui::ArrowButton("##up", ImGuiDir_Up)) d.directory = fs::path(d.directory).parent_path().string(), d.highlighted = -1;
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Up one folder (Backspace in an empty field)");
  ImGui::SameLine();
  ImGui::TextWrapped("%s", d.directory.c_str());

  if (d.focus) ImGui::SetKeyboardFocusHere(), d.focus = false;
  ImGui::SetNextItemWidth(-ImGui::CalcTextSize("Open").x - ImGui::GetStyle().FramePadding.x * 2 - ImGui::GetStyle().ItemSpacing.x);
  const bool entered = ImGui::InputTextWithHint("##path", "file name, path or PG:\"dbname=…\"", d.path, sizeof d.path,
                                                ImGuiInputTextFlags_EnterReturnsTrue);
  const bool field_active = ImGui::IsItemActive() || entered;
  ImGui::SameLine();
  const bool open_clicked = ImGui::Button("Open");
  const int n = static_cast<int>(entries.size());
  if (field_active && n > 0) {  // the listing follows ↑/↓ while typing
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_DownArrow))) d.highlighted = std::min(n - 1, d.highlighted + 1);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_UpArrow))) d.highlighted = std::max(0, d.highlighted - 1);
  }
  if (field_active && d.path[0] == '\0' && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Backspace)))
    d.directory = fs::path(d.directory).parent_path().string(), d.highlighted = -1;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) s.panels.open = false;
  if (entered || open_clicked) {
    problem.clear();
    if (d.path[0] == '\0' && d.highlighted >= 0 && d.highlighted < n)
      submit(ui, entries[d.highlighted].name, problem);
    else
      submit(ui, d.path, problem);
    d.focus = s.panels.open;  // keep typing in the next folder
  }
  if (!problem.empty()) ImGui::TextColored(ImVec4(0.75f, 0.1f, 0.1f, 1), "%s", problem.c_str());

  // A table of positions with column names the loader does not recognise: name them here.
  if (ImGui::CollapsingHeader("Columns of a position table (blank: detect)") &&
      ImGui::BeginTable("columns", 4, ImGuiTableFlags_SizingStretchSame)) {
    column_field("##track id", d.id_column, "Column that groups rows into tracks (--id-column)");
    column_field("##time", d.time_column, "Column with each position's time (--time-column)");
    column_field("##longitude", d.lon_column, "Column with longitudes; 0–360 is wrapped (--lon-column)");
    column_field("##latitude", d.lat_column, "Column with latitudes (--lat-column)");
    ImGui::EndTable();
  }
  ImGui::TextDisabled("Shown: folders and %zu file types (.geojson .csv .gpx .kml .gpkg …); type any other name.",
                      supported_extensions().size());
  const float recent_h = s.recent_files.empty() ? 0 : ImGui::GetFrameHeightWithSpacing() * std::min<float>(4.5f, s.recent_files.size() + 1.5f);
  if (ImGui::BeginChild("##listing", ImVec2(0, -recent_h), true)) {
    if (!listing_error.empty()) ImGui::TextColored(ImVec4(0.75f, 0.1f, 0.1f, 1), "%s", listing_error.c_str());
    if (entries.empty() && listing_error.empty()) ImGui::TextDisabled("No folders or data files here.");
    for (int i = 0; i < n; ++i) {
      const DirectoryEntry& e = entries[i];
      const std::string label = (e.directory ? "▸ " + e.name + "/" : e.name);
      if (ImGui::Selectable(label.c_str(), i == d.highlighted, ImGuiSelectableFlags_AllowDoubleClick)) {
        d.highlighted = i;
        if (ImGui::IsMouseDoubleClicked(0) || e.directory) {
          problem.clear();
          submit(ui, e.name, problem);
          d.focus = true;
        }
      }
      if (i == d.highlighted && field_active) ImGui::SetScrollHereY();
      if (!e.directory) {
        ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize(human_bytes(e.bytes).c_str()).x);
        ImGui::TextDisabled("%s", human_bytes(e.bytes).c_str());
      }
    }
  }
  ImGui::EndChild();
  if (!s.recent_files.empty()) {
    ImGui::TextDisabled("Recent");
    for (const std::string& path : s.recent_files) {
      if (ImGui::Selectable(path.c_str())) {
        ui.open_requests.emplace_back(path);  // (the window's column options)
        ui.state.panels.open = false;
        break;
      }
    }
  }
  ImGui::End();
}

}  // namespace patrolscope::ui
