// The viewer's settings, persisted as JSON in $XDG_CONFIG_HOME/patrolscope/settings.json
// (default ~/.config/patrolscope): window size, the last view, panels, filters, colours.
// ImGui's own imgui.ini lives next to it.
#pragma once
#include <string>

#include "app_state.hpp"

namespace patrolscope {

struct WindowSize {
  int width = 1440, height = 900;
};

// The directory (not created here); empty when neither XDG_CONFIG_HOME nor HOME is set.
std::string config_dir();

// Reads the settings into `state` and `window`, leaving what is missing as it is. Returns
// false (and says why in `error`) when the file exists but cannot be read; a missing file is
// not an error.
bool load_settings(const std::string& path, AppState& state, WindowSize& window, std::string* error);
// Writes them (creating the directory). Returns false and says why on failure.
bool save_settings(const std::string& path, const AppState& state, const WindowSize& window,
                   std::string* error);

}  // namespace patrolscope
