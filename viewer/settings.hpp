// The viewer's settings, persisted as JSON in $XDG_CONFIG_HOME/patrolscope/settings.json
// (default ~/.config/patrolscope): window size, the last view, panels, filters, colours,
// recent files, bookmarks and the UI scale.
// ImGui's own imgui.ini lives next to it. Every value is checked on reading: one of the wrong
// type or out of range is ignored with a warning and the others still apply.
#pragma once
#include <string>
#include <vector>

#include "app_state.hpp"

namespace patrolscope {

struct WindowSize {
  int width = 1440, height = 900;
};
inline constexpr int kMinWindowSide = 320, kMaxWindowSide = 16384;  // --size's limits too

// Limits on the file: its size, the JSON nesting depth, the time values (years 1–9999).
inline constexpr std::size_t kMaxSettingsBytes = 1 << 20;
inline constexpr int kMaxSettingsDepth = 16;
inline constexpr geo::Seconds kMinCursor = -62135596800;  // 0001-01-01
inline constexpr geo::Seconds kMaxCursor = 253402300799;  // 9999-12-31T23:59:59
inline constexpr geo::Seconds kMaxWindow = 200LL * 366 * geo::kSecondsPerDay;

// The directory (not created here); empty when neither XDG_CONFIG_HOME nor HOME is set.
std::string config_dir();

// Reads the settings into `state` and `window`, leaving what is missing as it is. Returns
// false (and says why in `error`, changing nothing) when the file exists but is not a JSON
// object within the limits; a missing file is not an error. Values that are present but wrong
// are skipped, each with a line in `warnings` naming its key.
bool load_settings(const std::string& path, AppState& state, WindowSize& window, std::string* error,
                   std::vector<std::string>* warnings = nullptr);
// The file's text for this state (what save_settings writes): the viewer saves at exit only
// when it differs from what was there at start.
std::string settings_json(const AppState& state, const WindowSize& window);
// Writes them (creating the directory). Returns false and says why on failure.
bool save_settings(const std::string& path, const AppState& state, const WindowSize& window,
                   std::string* error);

}  // namespace patrolscope
