// Events per year by domain, counted from the loaded data (following the filters), beside the
// seed paper's Table 1 (assets/data/paper-table1.csv) — always labelled as the paper's, never
// merged, and only beside the bundled series it describes (geo::is_paper_series), never beside
// a user's own data.
#include <imgui.h>

#include <algorithm>
#include <map>
#include <set>

#include "panels.hpp"
#include "render/style.hpp"

namespace patrolscope::ui {

void draw_stats(UiContext& ui) {
  const auto counts = geo::events_per_year(ui.data.events, ui.state.filter);
  const std::vector<std::string>& domains = ui.data.facets.domains;
  const bool with_paper = geo::is_paper_series(ui.data.inputs);
  std::map<int, const geo::PaperYear*> paper;
  if (with_paper)
    for (const geo::PaperYear& row : ui.data.paper) paper[row.year] = &row;
  std::set<int> years;
  for (const auto& [year, _] : counts) years.insert(year);
  for (const auto& [year, _] : paper) years.insert(year);

  ImGui::TextDisabled("Data: events starting in the year%s, by domain", ui.state.filter.empty() ? "" : " (filtered)");
  help_marker(with_paper ? "An event with several domains counts once in each domain, once in the total. "
                           "The paper's column is its Table 1 as published (drills per year), not derived from this data."
                         : "An event with several domains counts once in each domain, once in the total. "
                           "The paper's Table 1 describes the bundled dataset's series only, so it is not shown beside other data.");
  ImGui::TextColored(ImVec4(0.16f, 0.43f, 0.78f, 1), "■");
  ImGui::SameLine(0, 4);
  ImGui::TextUnformatted("this data");
  if (with_paper) {
    ImGui::SameLine();
    ImGui::TextColored(ImVec4(0.59f, 0.59f, 0.59f, 1), "■");
    ImGui::SameLine(0, 4);
    ImGui::TextUnformatted(ui.data.paper.empty() ? "the paper's Table 1 (not loaded)" : "the paper's Table 1 (drills)");
    if (!ui.data.paper_error.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ui.data.paper_error.c_str());
  }
  int max_total = 1;
  std::map<int, int> totals;
  for (const auto& [year, by_domain] : counts) {
    int n = 0;
    for (const geo::Event& e : ui.data.events)
      n += e.timed() && geo::civil_date(e.start).year == year && ui.state.filter.matches(e);
    totals[year] = n;
    max_total = std::max(max_total, n);
  }
  for (const auto& [year, row] : paper) max_total = std::max(max_total, row->drills);

  const int columns = (with_paper ? 3 : 2) + static_cast<int>(domains.size());
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("stats", columns, flags)) return;
  ImGui::TableSetupScrollFreeze(1, 1);
  ImGui::TableSetupColumn("Year");
  for (const std::string& d : domains) {
    std::string abbrev = render::display_name(d, ColorBy::Domain).substr(0, 3);
    ImGui::TableSetupColumn(abbrev.c_str());
  }
  ImGui::TableSetupColumn("Data", with_paper ? 0 : ImGuiTableColumnFlags_WidthStretch);
  if (with_paper) ImGui::TableSetupColumn("Paper", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableHeadersRow();
  for (int year : years) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::Text("%d", year);
    const auto it = counts.find(year);
    for (const std::string& d : domains) {
      ImGui::TableNextColumn();
      const int n = it == counts.end() || !it->second.count(d) ? 0 : it->second.at(d);
      if (n) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(render::style::domain(d).packed()), "%d", n);
      else ImGui::TextDisabled("·");
    }
    ImGui::TableNextColumn();
    const int total = totals.count(year) ? totals[year] : 0;
    ImGui::Text("%d", total);
    if (!with_paper) continue;
    ImGui::TableNextColumn();
    // Both totals as bars on one scale: the data's (blue) over the paper's (grey).
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float w = std::max(ImGui::GetContentRegionAvail().x - 22, 10.0f);
    const float h = ImGui::GetTextLineHeight();
    ImDrawList* list = ImGui::GetWindowDrawList();
    list->AddRectFilled(ImVec2(p.x, p.y + 1), ImVec2(p.x + w * total / max_total, p.y + h * 0.5f - 1), IM_COL32(40, 110, 200, 255));
    if (const auto pr = paper.find(year); pr != paper.end()) {
      list->AddRectFilled(ImVec2(p.x, p.y + h * 0.5f + 1), ImVec2(p.x + w * pr->second->drills / max_total, p.y + h - 1),
                          IM_COL32(150, 150, 150, 255));
      ImGui::Dummy(ImVec2(w, h));
      ImGui::SameLine(0, 2);
      ImGui::Text("%d", pr->second->drills);
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("The paper's Table 1, %d: %d drills; domains %s; personnel %s\n(%s)", year,
                          pr->second->drills, pr->second->domains.c_str(), pr->second->personnel.c_str(),
                          pr->second->source.c_str());
    } else {
      ImGui::Dummy(ImVec2(w, h));
    }
  }
  ImGui::EndTable();
}

}  // namespace patrolscope::ui
