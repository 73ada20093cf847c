// Filters: one multi-select per facet (years, domains, force types, participants, kinds) with
// the number of events each value would give (the other facets applied), the active filters
// as removable chips, and a reset. They drive the map, the histogram and the lists alike.
#include <imgui.h>

#include <set>

#include "panels.hpp"
#include "render/style.hpp"

namespace patrolscope::ui {
namespace {

int count_with(const UiContext& ui, const geo::Filter& filter) {
  int n = 0;
  for (const geo::Event& e : ui.data.events) n += filter.matches(e);
  return n;
}

// A facet of string values: checkboxes with counts.
void facet(UiContext& ui, const char* title, const std::vector<std::string>& values,
           std::set<std::string> geo::Filter::*member, ColorBy naming, bool open) {
  geo::Filter& filter = ui.state.filter;
  std::set<std::string>& chosen = filter.*member;
  std::string header = std::string(title) + (chosen.empty() ? "" : " (" + std::to_string(chosen.size()) + ")") + "###" + title;
  if (!ImGui::CollapsingHeader(header.c_str(), open ? ImGuiTreeNodeFlags_DefaultOpen : 0)) return;
  ImGui::PushID(title);
  for (const std::string& value : values) {
    geo::Filter probe = filter;
    probe.*member = {value};
    const int n = count_with(ui, probe);
    bool on = chosen.count(value) > 0;
    const std::string label = render::display_name(value, naming) + "  " + std::to_string(n) + "###" + value;
    if (n == 0 && !on) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    if (ImGui::Checkbox(label.c_str(), &on)) {
      if (on) chosen.insert(value);
      else chosen.erase(value);
    }
    if (n == 0 && !on) ImGui::PopStyleColor();
  }
  ImGui::PopID();
}

void years(UiContext& ui) {
  geo::Filter& filter = ui.state.filter;
  if (ui.data.range.from == geo::kNoTime) return;
  const int first = geo::year_of(ui.data.range.from), last = geo::year_of(ui.data.range.to);
  std::string header = "Years" + (filter.years.empty() ? "" : " (" + std::to_string(filter.years.size()) + ")") + "###years";
  if (!ImGui::CollapsingHeader(header.c_str(), ImGuiTreeNodeFlags_DefaultOpen)) return;
  if (ImGui::BeginTable("years", 3)) {
    for (int y = first; y <= last; ++y) {
      ImGui::TableNextColumn();
      geo::Filter probe = filter;
      probe.years = {y};
      const int n = count_with(ui, probe);
      bool on = filter.years.count(y) > 0;
      const std::string label = std::to_string(y) + " " + std::to_string(n) + "###" + std::to_string(y);
      if (n == 0 && !on) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
      if (ImGui::Checkbox(label.c_str(), &on)) {
        if (on) filter.years.insert(y);
        else filter.years.erase(y);
      }
      if (n == 0 && !on) ImGui::PopStyleColor();
    }
    ImGui::EndTable();
  }
}

// The active filters at a glance: a chip per value, click to remove.
void chips(UiContext& ui) {
  geo::Filter& f = ui.state.filter;
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  int id = 0;
  const auto chip = [&](const std::string& text, auto remove) {
    ImGui::PushID(id++);
    const float w = ImGui::CalcTextSize(text.c_str()).x + ImGui::GetStyle().FramePadding.x * 2 + 14;
    if (id > 1 && ImGui::GetItemRectMax().x + w + 4 < right) ImGui::SameLine(0, 4);
    ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(255, 232, 180, 255));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, IM_COL32(255, 205, 130, 255));
    if (ImGui::SmallButton((text + " ×").c_str())) remove();
    ImGui::PopStyleColor(2);
    ImGui::PopID();
  };
  for (int y : std::set<int>(f.years)) chip(std::to_string(y), [&] { f.years.erase(y); });
  for (const auto& v : std::set<std::string>(f.domains)) chip(render::display_name(v, ColorBy::Domain), [&] { f.domains.erase(v); });
  for (const auto& v : std::set<std::string>(f.force_types)) chip(render::display_name(v, ColorBy::ForceType), [&] { f.force_types.erase(v); });
  for (const auto& v : std::set<std::string>(f.participants)) chip(render::display_name(v, ColorBy::Participant), [&] { f.participants.erase(v); });
  for (const auto& v : std::set<std::string>(f.kinds)) chip(render::display_name(v, ColorBy::Kind), [&] { f.kinds.erase(v); });
}

}  // namespace

void draw_filters(UiContext& ui) {
  geo::Filter& f = ui.state.filter;
  const int matching = count_with(ui, f);
  if (f.empty()) {
    ImGui::TextDisabled("No filter: all %d events", matching);
  } else {
    ImGui::Text("%d of %zu events match", matching, ui.data.events.size());
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - ImGui::CalcTextSize("Reset").x - ImGui::GetStyle().FramePadding.x * 2);
    if (ImGui::SmallButton("Reset")) f = {};
    chips(ui);
  }
  help_marker("Within a facet, values are alternatives; different facets must all hold. "
              "Counts are the events each value would give with the other facets applied.");
  ImGui::Separator();
  years(ui);
  facet(ui, "Domains", ui.data.facets.domains, &geo::Filter::domains, ColorBy::Domain, true);
  facet(ui, "Kinds", ui.data.facets.kinds, &geo::Filter::kinds, ColorBy::Kind, true);
  facet(ui, "Participants", ui.data.facets.participants, &geo::Filter::participants, ColorBy::Participant, true);
  facet(ui, "Force types", ui.data.facets.force_types, &geo::Filter::force_types, ColorBy::ForceType, false);
}

}  // namespace patrolscope::ui
