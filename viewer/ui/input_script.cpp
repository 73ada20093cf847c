#include "input_script.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <cctype>
#include <fstream>
#include <sstream>

namespace patrolscope::ui {
namespace {

constexpr int kDragSteps = 6;
constexpr int kMaxIdleFrames = 20000;  // a load that never ends fails the script, not the test run

int key_code(const std::string& name) {
  if (name.size() == 1 && std::isalnum(static_cast<unsigned char>(name[0])))
    return std::toupper(static_cast<unsigned char>(name[0]));  // GLFW_KEY_A == 'A', GLFW_KEY_0 == '0'
  if (name == "Enter") return GLFW_KEY_ENTER;
  if (name == "Escape") return GLFW_KEY_ESCAPE;
  if (name == "Up") return GLFW_KEY_UP;
  if (name == "Down") return GLFW_KEY_DOWN;
  if (name == "Backspace") return GLFW_KEY_BACKSPACE;
  if (name == "Tab") return GLFW_KEY_TAB;
  return -1;
}

struct Chord {
  bool ctrl = false, shift = false;
  int key = -1;
};

Chord parse_chord(std::string text) {
  Chord c;
  for (;;) {
    if (text.rfind("ctrl+", 0) == 0) c.ctrl = true, text = text.substr(5);
    else if (text.rfind("shift+", 0) == 0) c.shift = true, text = text.substr(6);
    else break;
  }
  c.key = key_code(text);
  return c;
}

}  // namespace

bool InputScript::load(const std::string& path, std::string* error) {
  std::ifstream in(path);
  if (!in) {
    if (error) *error = path + ": cannot read";
    return false;
  }
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (const auto hash = line.find('#'); hash != std::string::npos && line.rfind("type ", 0) != 0) line.erase(hash);
    std::istringstream words(line);
    Command c;
    for (std::string w; words >> w;) c.words.push_back(w);
    if (c.words.empty()) continue;
    const std::string& verb = c.words[0];
    c.rest = line.size() > verb.size() + 1 ? line.substr(line.find(verb) + verb.size() + 1) : "";
    const bool ok = (verb == "wait" && c.words.size() == 2) || (verb == "idle" && c.words.size() == 1) ||
                    (verb == "key" && c.words.size() == 2 && parse_chord(c.words[1]).key >= 0) ||
                    (verb == "type" && !c.rest.empty()) || (verb == "drop" && c.words.size() >= 2) ||
                    (verb == "drag-timeline" && (c.words.size() == 3 || c.words.size() == 4)) ||
                    (verb == "click-map" && c.words.size() == 3) ||
                    (verb == "print" && c.words.size() == 1);
    if (!ok) {
      if (error) *error = path + ": line " + std::to_string(number) + ": not a script command: " + line;
      return false;
    }
    commands_.push_back(std::move(c));
  }
  return true;
}

void InputScript::before_frame(const AppState& state, const ScriptHooks& hooks) {
  ImGuiIO& io = ImGui::GetIO();
  if (releasing_) {  // a key pressed last frame goes up now
    io.KeysDown[released_key_] = false;
    io.KeyCtrl = io.KeyShift = false;
    releasing_ = false;
    return;
  }
  if (drag_step_ >= 0) {
    const float t = static_cast<float>(std::min(drag_step_, kDragSteps)) / kDragSteps;
    io.MousePos = ImVec2(drag_x0_ + (drag_x1_ - drag_x0_) * t, drag_y_);
    io.KeyShift = drag_shift_;
    io.MouseDown[0] = drag_step_ <= kDragSteps;  // held while moving, released at the end
    if (drag_step_ == kDragSteps + 2) {           // a frame after the release: the mouse leaves
      drag_step_ = -1;
      io.KeyShift = false;
      io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
      return;
    }
    ++drag_step_;
    return;
  }
  if (wait_ > 0) return void(--wait_);
  if (idle_) {
    if ((hooks.busy && hooks.busy()) && ++idle_frames_ < kMaxIdleFrames) return;
    idle_ = false;
    wait_ = 2;  // let the new scene reach the screen
    return;
  }
  if (next_ >= commands_.size()) return;
  const Command& c = commands_[next_++];
  const std::string& verb = c.words[0];
  if (verb == "wait") {
    wait_ = std::max(0, std::atoi(c.words[1].c_str()) - 1);
  } else if (verb == "idle") {
    idle_ = true, idle_frames_ = 0;
  } else if (verb == "key") {
    const Chord chord = parse_chord(c.words[1]);
    io.KeyCtrl = chord.ctrl, io.KeyShift = chord.shift;
    io.KeysDown[chord.key] = true;
    releasing_ = true, released_key_ = chord.key;
  } else if (verb == "type") {
    io.AddInputCharactersUTF8(c.rest.c_str());
  } else if (verb == "drop") {
    if (hooks.drop) hooks.drop(std::vector<std::string>(c.words.begin() + 1, c.words.end()));
  } else if (verb == "drag-timeline") {
    const ScreenRect& r = state.timeline_rect;
    drag_x0_ = r.x + r.width * static_cast<float>(std::atof(c.words[1].c_str()));
    drag_x1_ = r.x + r.width * static_cast<float>(std::atof(c.words[2].c_str()));
    drag_y_ = r.y + r.height * 0.3f;  // over the histogram, clear of the axis
    drag_shift_ = c.words.size() == 4 && c.words[3] == "shift";
    drag_step_ = 0;
    io.MousePos = ImVec2(drag_x0_, drag_y_);
    io.KeyShift = drag_shift_;
    io.MouseDown[0] = false;  // the press comes next frame, over the timeline
  } else if (verb == "click-map") {
    // A drag that does not move: the press, a held frame or two, the release, in place.
    const auto at = hooks.map_point ? hooks.map_point(std::atof(c.words[1].c_str()), std::atof(c.words[2].c_str()))
                                    : std::nullopt;
    if (!at) return;  // not on the map: nothing to click
    drag_x0_ = drag_x1_ = at->x;
    drag_y_ = at->y;
    drag_shift_ = false;
    drag_step_ = 0;
    io.MousePos = *at;
    io.MouseDown[0] = false;
  } else if (verb == "print") {
    if (hooks.print) hooks.print();
  }
}

}  // namespace patrolscope::ui
