// Every panel of the viewer window, registered in one place. A panel is a function that draws
// its contents (inside a window the layout opens) from the state and data, and writes its
// changes back to the state. Panels make no GL calls except the map canvas and the Record
// dialog's preview (a texture of the clip's first frame).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "app_state.hpp"
#include "scene.hpp"

struct ImVec2;

namespace patrolscope {
class LoadWorker;
}

namespace patrolscope::ui {

class MapCanvas;
struct RecordDialog;

// What a frame's panels share besides the state: the data, the scene on screen, what is
// derived once per frame.
struct UiContext {
  UiContext(AppState& s, const ViewData& d) : state(s), data(d) {}
  AppState& state;
  const ViewData& data;
  const geo::Scene* scene = nullptr;  // the scene on screen; null before the first one is built
  std::string scene_projection;      // … and its projection (state.projection may be on its way)
  MapCanvas* map = nullptr;
  RecordDialog* record = nullptr;    // the Record dialog's state (the window owns it)
  bool reprojecting = false;         // a scene for another projection is being built
  double reproject_seconds = 0;      // … for this long
  std::string reproject_target;
  std::vector<int> active;           // events active in the shown span, filtered, by start
  TimeSpan span{};                   // the shown span
  bool request_quit = false;
  // The workspace: files to load (File ▸ Open, recent files), an input layer to remove, and
  // the loads in progress (null when the window has no loader).
  std::vector<OpenRequest> open_requests;
  int remove_request = -1;
  const LoadWorker* loads = nullptr;
  float dt = 0;                      // seconds since the last frame
};

// The panels, one file each.
void draw_timeline(UiContext& ui);        // timeline.cpp: histogram, event bands, playback
void draw_filters(UiContext& ui);         // filters.cpp: facets with counts, reset
void draw_details(UiContext& ui);         // details.cpp: the selected event
void draw_active_list(UiContext& ui);     // active_list.cpp: events active in the window
void draw_legend(UiContext& ui);          // legend.cpp: colours and symbols shown
void draw_stats(UiContext& ui);           // stats.cpp: events per year vs the paper's Table 1
void draw_layers(UiContext& ui);          // layers.cpp: projection, layers, width, colour-by
void draw_snapshot_dialog(UiContext& ui); // snapshot_dialog.cpp: write the map to a PNG
void draw_record_dialog(UiContext& ui);   // record_dialog.cpp: write a clip of the map (animate)
void draw_demo(UiContext& ui);            // panel_table.cpp: ImGui's own demo window
void draw_status_line(UiContext& ui);     // status_line.cpp: messages that stay until dismissed
void draw_inputs(UiContext& ui);          // inputs.cpp: one row per input file, loads in progress
void draw_open_dialog(UiContext& ui);     // open_dialog.cpp: File ▸ Open, a file browser
void draw_find(UiContext& ui);            // find.cpp: search events, Enter selects and frames
void draw_bookmarks(UiContext& ui);       // bookmarks.cpp: named views, keys 1–9

// Where a panel sits by default: stacked in a column (sharing its height by weight), along
// the bottom, or in a window of its own that the panel opens itself.
enum class Tile { Left, Right, Bottom, Floating };

// The panel table: the layout, the View menu and the settings all read it, so adding a panel
// is a row here, a flag in Panels (app_state.hpp) and its draw function.
struct PanelInfo {
  const char* title;          // window title and View menu item
  void (*draw)(UiContext&);
  Tile tile;
  float weight;               // share of its column
  const char* settings_key;   // key under "panels" in settings.json; null: never saved
  bool Panels::*open;         // whether it is shown
  bool in_view_menu = true;
};
const std::vector<PanelInfo>& panel_table();  // in layout order, top to bottom

// layout.cpp: the menu bar, the tiled windows hosting the panels, the map canvas between
// them, and the keyboard shortcuts.
void draw_layout(UiContext& ui);

// Shared helpers (widgets.cpp).
void event_tooltip(const geo::Event& event);       // name, dates, kind, forces, participants
std::string event_dates(const geo::Event& event);  // "2024-07-24", "2024-07-04 → 2024-07-17"
// Selects an event (-1: none). `move_cursor` also puts the cursor at its end and scrolls the
// timeline to it; `frame_map` pans (and zooms when needed) the map to it.
void select_event(UiContext& ui, int index, bool move_cursor, bool frame_map = true);
void help_marker(const char* text);
// A dialog whose height follows its contents (Snapshot, Record): opens centred, as wide as
// `width_em` font heights (at most the viewport), at most the viewport's height (then it
// scrolls). Begin() it after this, then call keep_dialog_on_screen() inside it.
void size_dialog_to_contents(float width_em);
// Moves the current window up when it has grown past the viewport's bottom.
void keep_dialog_on_screen();
// The colour the map gives an event for the state's colour-by (geo's colour rule: the primary
// value, the participant set), as IM_COL32.
std::uint32_t event_color(const UiContext& ui, const geo::Event& event, float alpha = 1.0f);
// Advances the cursor by `dt` wall-clock seconds of playback (looping or stopping at the end).
void advance_playback(AppState& state, const ViewData& data, double dt);
// Opens the Open dialog (File ▸ Open, Ctrl+O) with the keyboard in its path field.
void show_open_dialog(AppState& state);

}  // namespace patrolscope::ui
